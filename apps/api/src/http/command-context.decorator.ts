import { SignedInRequest } from '@app/access';
import { CommandContext } from '@app/commands';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { InvalidInputError } from './invalid-input.error';

const MAX_KEY_LENGTH = 200;

const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined;
  // "3" as RFC 9110 writes an entity tag, W/"3" as a weak one, or the bare 3 people type; a quote left open is none.
  const match = /^\s*(?:(?:W\/)?"(\d+)"|(\d+))\s*$/.exec(header);
  if (!match) throw new InvalidInputError([{ field: 'If-Match', reason: 'must be a revision such as "3"' }]);
  return Number(match[1] ?? match[2]);
};

const parseIdempotencyKey = (header: string | undefined): string | undefined => {
  if (header === undefined) return undefined;
  if (header.trim() === '' || header.length > MAX_KEY_LENGTH) {
    throw new InvalidInputError([{ field: 'Idempotency-Key', reason: `must be 1 to ${MAX_KEY_LENGTH} characters` }]);
  }
  return header;
};

/** The request's If-Match, Idempotency-Key, correlation and signed-in account, as the command handlers want them. */
export const CommandContextFrom = createParamDecorator((_data: unknown, execution: ExecutionContext): CommandContext => {
  const request = execution.switchToHttp().getRequest<Request & SignedInRequest>();
  const idempotencyKey = parseIdempotencyKey(request.header('idempotency-key'));
  return {
    expectedRevision: parseIfMatch(request.header('if-match')),
    idempotencyKey,
    requestHash: idempotencyKey
      ? createHash('sha256').update(`${request.method} ${request.path} ${JSON.stringify(request.body ?? {})}`).digest('base64url')
      : undefined,
    correlationId: request.header('x-correlation-id') ?? randomUUID(),
    userId: request.principal?.accountId,
  };
});
