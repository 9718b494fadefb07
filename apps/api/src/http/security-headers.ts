import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** The headers a helmet middleware sets, read by running it once against a response that only records them. */
const headersSetBy = (middleware: Middleware): ReadonlyArray<readonly [string, string]> => {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let failure: unknown;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error) => (failure = error));
  if (failure) throw failure;
  return [...headers];
};

/**
 * helmet's headers, worked out once: with no directive that depends on the request they are the same on every
 * answer, and building them (the content security policy is joined anew each time) cost a few per cent of a
 * query. Our own pages must tell where a form comes from (a form with "Origin: null" is refused); other sites
 * learn nothing.
 */
const SECURITY_HEADERS = headersSetBy(helmet({ referrerPolicy: { policy: 'same-origin' } }) as Middleware);

export const setSecurityHeaders = (response: ServerResponse): void => {
  for (const [name, value] of SECURITY_HEADERS) response.setHeader(name, value);
};
