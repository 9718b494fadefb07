import { AccessDeniedError } from '@app/access';
import { IdempotencyKeyReusedError, InvalidCommandError, StaleRevisionError } from '@app/commands';
import { RefusedError } from '@app/domain';
import { StorageFullError } from '@app/event-store';
import { ReadModelsBehindError, ReadModelsCatchingUpError } from '@app/read-side';
import { MinutesUnreadableError } from '@app/workflows';
import { ThrottlerException } from '@nestjs/throttler';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { errorLine } from './access-log';
import { ErrorBody, platformErrorBody, RETRY_AFTER_SECONDS } from './error-body';
import { InvalidInputError } from './invalid-input.error';

/** Maps every error to the API's one error body, in one place; business code never throws HTTP errors. */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const body = errorBodyOf(error);
    // inspect, not String: what a library throws or returns as an error need not be an Error (ics returns yup's
    // ValidationError, which String turns into "[object Error]").
    if (body.code === 'internal' || body.code === 'storage.full') this.logger.error(errorLine(host, error));
    // A route may have set its own Content-Type (the calendar's text/calendar), which the error body must not keep.
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (body.statusCode === HttpStatus.UNAUTHORIZED) reply.header('WWW-Authenticate', 'Bearer');
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }
}

/** The error body of an error, for the filter and for what answers before a route is reached. */
export const errorBodyOf = (error: unknown): ErrorBody => {
  if (error instanceof InvalidInputError || error instanceof InvalidCommandError) {
    return { statusCode: HttpStatus.BAD_REQUEST, code: 'input.invalid', message: 'Ugyldige oplysninger i forespørgslen.', details: error.details };
  }
  if (error instanceof RefusedError) {
    return { statusCode: error.refusal.kind === 'not_found' ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, code: error.code, message: error.message };
  }
  if (error instanceof StaleRevisionError) return { statusCode: HttpStatus.PRECONDITION_FAILED, code: 'revision.stale', message: error.message };
  if (error instanceof IdempotencyKeyReusedError) {
    return { statusCode: HttpStatus.UNPROCESSABLE_ENTITY, code: 'idempotency.key_reused', message: error.message };
  }
  if (error instanceof MinutesUnreadableError) {
    return { statusCode: HttpStatus.UNPROCESSABLE_ENTITY, code: error.error.code, message: error.message };
  }
  if (error instanceof StorageFullError) {
    return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'storage.full', message: 'Der er ikke plads på disken til flere hændelser, så intet blev gemt. Prøv igen, når der er gjort plads.' };
  }
  if (error instanceof AccessDeniedError) return { statusCode: error.status, code: error.code, message: error.message };
  if (error instanceof ThrottlerException) return { statusCode: HttpStatus.TOO_MANY_REQUESTS, code: 'auth.too_many_attempts', message: 'For mange forsøg. Vent et minut, og prøv igen.' };
  if (error instanceof ReadModelsBehindError) return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'read_models.behind', message: error.message };
  if (error instanceof ReadModelsCatchingUpError) return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'read_models.catching_up', message: error.message };
  if (error instanceof HttpException) return platformErrorBody(error.getStatus());
  // What Fastify refuses itself (a body too large, a type it does not read) carries its status, as no HttpException.
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return platformErrorBody(status);
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal', message: 'Der skete en uventet fejl.' };
};
