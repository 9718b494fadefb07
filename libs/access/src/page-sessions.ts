import Tokens from '@fastify/csrf';
import { CustomDecorator, SetMetadata } from '@nestjs/common';

export const PAGE_ROUTE = 'access:page';

/** The session cookie holds the same signed token as the API's bearer header; the browser never shows it to scripts. */
export const SESSION_COOKIE = 'bo_session';
/** The secret the forms' tokens are made from, one per browser. */
export const CSRF_COOKIE = 'bo_csrf';
/** The hidden field every form of the pages carries. */
export const CSRF_FIELD = '_csrf';

/**
 * Routes of the web pages: signed in by the session cookie, never by a bearer token, and every form they take
 * must carry a token made for this browser and this account. The API's routes take no cookie, so a form posted
 * from another site cannot reach them signed in.
 */
export const PageRoutes = (): CustomDecorator => SetMetadata(PAGE_ROUTE, true);

const tokens = new Tokens({ userInfo: true });

/** What a form made for nobody signed in is bound to; the library refuses an empty binding. */
const SIGNED_OUT = 'signed-out';

/** A new secret for a browser's CSRF cookie. */
export const newCsrfSecret = (): string => tokens.secretSync();

/** The token a form carries, bound to the browser's secret and to who is signed in (nobody on the sign-in form). */
export const csrfTokenFor = (secret: string, accountId: string | undefined): string => tokens.create(secret, accountId ?? SIGNED_OUT);

export const csrfTokenValid = (secret: string | undefined, token: unknown, accountId: string | undefined): boolean =>
  typeof secret === 'string' && secret !== '' && typeof token === 'string' && token !== '' && tokens.verify(secret, token, accountId ?? SIGNED_OUT);

/** A form may come from our own pages only: where the browser says where it comes from, that must be this host. */
export const sameOrigin = (headers: Record<string, string | string[] | undefined>): boolean => {
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const source = single(headers.origin) ?? single(headers.referer);
  if (source === undefined) return true;
  try {
    return new URL(source).host === single(headers.host);
  } catch {
    return false;
  }
};
