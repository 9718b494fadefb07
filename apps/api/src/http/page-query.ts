import { DEFAULT_PAGE_LIMIT, InvalidCursorError, MAX_PAGE_LIMIT } from '@app/read-side';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { InvalidInputError } from './invalid-input.error';
import { ReadAfterQuery } from './read-after';

/** `limit` and `cursor` of a list given a page at a time, as `{ items, nextCursor }`. */
export class PageQuery extends ReadAfterQuery {
  @ApiPropertyOptional({ default: DEFAULT_PAGE_LIMIT, minimum: 1, maximum: MAX_PAGE_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the page before' }) @IsOptional() @IsString() @MaxLength(400) cursor?: string;
}

/** The page asked for; a cursor the list did not give is bad input (400 naming `cursor`), not a fault. */
export const pageAsked = <Result>(query: PageQuery, list: (request: { limit: number; cursor?: string }) => Result): Result => {
  try {
    return list({ limit: query.limit ?? DEFAULT_PAGE_LIMIT, cursor: query.cursor });
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new InvalidInputError([{ field: 'cursor', reason: error.message }]);
    throw error;
  }
};
