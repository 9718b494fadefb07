import { ProjectionRunner } from '@app/read-side';
import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

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
 * Read-your-writes: a query with `?after=<position>` waits until the read models have reached it, and fails with
 * 503 where they do not within READ_AFTER_TIMEOUT_MS. A pipe after the validation pipe, so it runs once the
 * request is signed in and `after` is known to be a position, and only for the queries that take it: as an
 * interceptor it put an rxjs pipeline under every request, also those without it.
 */
@Injectable()
export class ReadAfterPipe implements PipeTransform {
  constructor(private readonly readModels: ProjectionRunner) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'query' || !(value instanceof ReadAfterQuery) || value.after === undefined) return value;
    return this.readModels.waitFor(value.after, READ_AFTER_TIMEOUT_MS).then(() => value);
  }
}
