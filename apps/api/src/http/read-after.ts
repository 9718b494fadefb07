import { ProjectionRunner } from '@app/read-side';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';

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

/** Read-your-writes: a GET with `?after=<position>` waits until the read models have reached it. */
@Injectable()
export class ReadAfterInterceptor implements NestInterceptor {
  constructor(private readonly readModels: ProjectionRunner) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Querystring: { after?: string } }>>();
    const after = Number(request.query.after);
    if (request.method !== 'GET' || !Number.isInteger(after) || after < 0) return next.handle();
    return from(this.readModels.waitFor(after, READ_AFTER_TIMEOUT_MS)).pipe(switchMap(() => next.handle()));
  }
}
