import { onSendHookHandler } from 'fastify';

const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');

/** RFC 9110's weak comparison: If-None-Match names the tag, weak or strong, or is "*". */
const matches = (ifNoneMatch: string, etag: string): boolean =>
  ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));

/**
 * A GET whose If-None-Match names the ETag its route set (a case's revision) is answered 304 without a body,
 * so a client that polls a case learns that nothing has happened without reading it again.
 */
export const answerNotModified: onSendHookHandler = (request, reply, payload, done) => {
  const etag = reply.getHeader('etag');
  const ifNoneMatch = request.headers['if-none-match'];
  if (request.method !== 'GET' || reply.statusCode !== 200 || typeof etag !== 'string' || !ifNoneMatch || !matches(ifNoneMatch, etag)) return done(null, payload);
  reply.code(304).removeHeader('content-type').removeHeader('content-length');
  done(null, '');
};
