import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a "Markér som udført" link holds where the caller names no other lifetime. */
export const COMPLETION_LINK_LIFETIME_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Until when a link made at `madeAt` holds. */
export const completionLinkExpiry = (madeAt: Date, lifetimeDays = COMPLETION_LINK_LIFETIME_DAYS): Date => new Date(madeAt.getTime() + lifetimeDays * DAY_MS);

/** The link's purpose is signed with it, so a signature made for another kind of link with the same secret is no completion link. */
const signatureOf = (secret: string, payload: string): string => createHmac('sha256', secret).update(`complete-follow-up.${payload}`).digest('base64url');

/**
 * The signed "Markér som udført" link of one follow-up: whoever holds it may complete the follow-up until
 * `expiresAt`, without signing in. The token is the follow-up's id and the expiry (in seconds), and its HMAC.
 */
export const completionLink = (secret: string, followUpId: string, expiresAt: Date, publicUrl: string): string => {
  const payload = Buffer.from(`${Math.floor(expiresAt.getTime() / 1000)}.${followUpId}`).toString('base64url');
  return `${publicUrl.replace(/\/+$/, '')}/links/udfoer/${payload}.${signatureOf(secret, payload)}`;
};

export type CompletionTokenCheck = { followUpId: string } | { problem: 'tampered' | 'expired' };

/** What a token from a link says, if the secret signed it and it has not run out; a token cut short or altered is `tampered`. */
export const verifyCompletionToken = (secret: string, token: string, now: Date): CompletionTokenCheck => {
  const parts = token.split('.');
  if (parts.length !== 2) return { problem: 'tampered' };
  const [payload, signature] = parts;
  // The signature is compared as the text it is written in: base64url decoding ignores stray characters and the
  // unused bits of the last one, so two different tokens could decode to the same bytes.
  const given = Buffer.from(signature);
  const expected = Buffer.from(signatureOf(secret, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'tampered' };
  const fields = /^(\d+)\.(.+)$/s.exec(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!fields) return { problem: 'tampered' };
  if (Number(fields[1]) * 1000 <= now.getTime()) return { problem: 'expired' };
  return { followUpId: fields[2] };
};
