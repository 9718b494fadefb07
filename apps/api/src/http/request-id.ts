import { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A request id from outside is taken as given where it is a plain token: it goes into logs and events. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,200}$/;

const ids = new WeakMap<IncomingMessage, string>();

/**
 * The request's id: the X-Request-Id it came with (from a proxy or the client), or a new one. It is made once
 * per request, answered in X-Request-Id, written on the request's log line, and becomes the correlation id of
 * the events the request appends.
 */
export const requestIdOf = (request: IncomingMessage, response?: ServerResponse): string => {
  let id = ids.get(request);
  if (id === undefined) {
    const given = request.headers['x-request-id'];
    const candidate = Array.isArray(given) ? given[0] : given;
    id = candidate !== undefined && ACCEPTED_ID.test(candidate) ? candidate : randomUUID();
    ids.set(request, id);
  }
  if (response && !response.headersSent) response.setHeader(REQUEST_ID_HEADER, id);
  return id;
};
