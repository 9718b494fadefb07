import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token says: whose it is, which of the account's passwords it was issued under, and until when. */
export interface TokenClaims {
  accountId: string;
  /** The account's credentials version when issued: a changed password makes older tokens worthless. */
  credentialsVersion: number;
  /** Milliseconds since the epoch, by the wall clock: a token's life is real time, whatever time commands carry. */
  expiresAt: number;
}

const PREFIX = 'bo1';

const sign = (secret: string, payload: string): Buffer => createHmac('sha256', secret).update(`${PREFIX}.${payload}`).digest();

export const issueToken = (secret: string, claims: TokenClaims): string => {
  const payload = Buffer.from(JSON.stringify([claims.accountId, claims.credentialsVersion, claims.expiresAt])).toString('base64url');
  return `${PREFIX}.${payload}.${sign(secret, payload).toString('base64url')}`;
};

/** The claims of a token this secret signed and that has not expired; undefined for anything else. */
export const readToken = (secret: string, token: string, now: number): TokenClaims | undefined => {
  const [prefix, payload, signature] = token.split('.');
  if (prefix !== PREFIX || !payload || !signature) return undefined;
  const expected = sign(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
  const [accountId, credentialsVersion, expiresAt] = parsed as unknown[];
  if (typeof accountId !== 'string' || !Number.isInteger(credentialsVersion) || !Number.isInteger(expiresAt)) return undefined;
  if ((expiresAt as number) <= now) return undefined;
  return { accountId, credentialsVersion: credentialsVersion as number, expiresAt: expiresAt as number };
};

/** The token of an `Authorization: Bearer <token>` header. */
export const bearerOf = (header: string | string[] | undefined): string | undefined => {
  const value = Array.isArray(header) ? header[0] : header;
  return value ? /^Bearer\s+(\S+)\s*$/i.exec(value)?.[1] : undefined;
};
