import { ProjectionRunner, ReadModelsBehindError, ReadModelsCatchingUpError } from '@app/read-side';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { answerUnavailable } from './catching-up';

/** How long a query waits for the read models to reach `?after=` before it answers 503. */
const READ_AFTER_TIMEOUT_MS = 5000;

export class ReadAfterQuery {
  @ApiPropertyOptional({ description: 'Answer only once the read models include this global position (from a command result)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}

/**
 * Read-your-writes: a GET with `?after=<position>` waits until the read models have reached it, and is answered
 * 503 where they do not within READ_AFTER_TIMEOUT_MS. A hook of the HTTP platform, run once the route is found and
 * before Nest's own pipeline: as an interceptor it put an rxjs pipeline under every request, also those without it.
 * A value that is no position is left to the route's validation, which refuses it by name.
 */
export const waitForReadAfter =
  (readModels: ProjectionRunner) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (request.method !== 'GET') return undefined;
    const after = Number((request.query as { after?: unknown }).after);
    if (!Number.isInteger(after) || after < 0) return undefined;
    try {
      await readModels.waitFor(after, READ_AFTER_TIMEOUT_MS);
      return undefined;
    } catch (error) {
      if (error instanceof ReadModelsBehindError || error instanceof ReadModelsCatchingUpError) return answerUnavailable(request, reply, error);
      throw error;
    }
  };
