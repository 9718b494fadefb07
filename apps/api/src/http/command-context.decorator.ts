import { SignedInRequest } from '@app/access';
import { CommandContext } from '@app/commands';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { InvalidInputError } from './invalid-input.error';
import { requestIdOf } from './request-id';

const MAX_KEY_LENGTH = 200;

const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined;
  // "3" as RFC 9110 writes an entity tag, W/"3" as a weak one, or the bare 3 people type; a quote left open is none.
  const match = /^\s*(?:(?:W\/)?"(\d+)"|(\d+))\s*$/.exec(header);
  if (!match) throw new InvalidInputError([{ field: 'If-Match', reason: 'skal være en revision, fx "3"' }]);
  return Number(match[1] ?? match[2]);
};

const parseIdempotencyKey = (header: string | undefined): string | undefined => {
  if (header === undefined) return undefined;
  if (header.trim() === '' || header.length > MAX_KEY_LENGTH) {
    throw new InvalidInputError([{ field: 'Idempotency-Key', reason: `skal have 1 til ${MAX_KEY_LENGTH} tegn` }]);
  }
  return header;
};

const headerOf = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The request's If-Match, Idempotency-Key, correlation and signed-in account, as the command handlers want them. */
export const CommandContextFrom = createParamDecorator((_data: unknown, execution: ExecutionContext): CommandContext => {
  const request = execution.switchToHttp().getRequest<FastifyRequest & SignedInRequest>();
  const idempotencyKey = parseIdempotencyKey(headerOf(request, 'idempotency-key'));
  return {
    expectedRevision: parseIfMatch(headerOf(request, 'if-match')),
    idempotencyKey,
    requestHash: idempotencyKey
      ? createHash('sha256').update(`${request.method} ${request.url.split('?')[0]} ${JSON.stringify(request.body ?? {})}`).digest('base64url')
      : undefined,
    // A client that ties several requests together names the chain in X-Correlation-Id; else the request is its own.
    correlationId: headerOf(request, 'x-correlation-id') ?? requestIdOf(request.raw),
    userId: request.principal?.accountId,
  };
});
