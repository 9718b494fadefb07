import { ProjectionRunner, ReadModelsCatchingUpError } from '@app/read-side';
import { FastifyReply, FastifyRequest } from 'fastify';
import { catchingUpPage } from '../pages/views/catching-up.view';
import { RETRY_AFTER_SECONDS } from './error-body';
import { errorBodyOf } from './errors.filter';

/** What answers while the models catch up: the health checks, and the API's description, which reads no model. */
const ANSWERED_MEANWHILE = /^\/(health(\/|$|\?)|api\/docs)/i;
/** The API's own paths answer in JSON; every other path is a page, or a link from an e-mail, read by a person. */
const JSON_PATHS = /^\/(api|admin)(\/|$|\?)/i;

/**
 * While the read models catch up after a start, every request but the health checks is answered 503 with
 * Retry-After, before any route, guard or body parser: queries would read half-built models, and commands
 * too, since each is authorised from the accounts read model (a valid token would be refused as unknown, a
 * closed account's taken), and some are planned from others (a minutes import from the meetings). A client
 * retries the command unchanged, its idempotency key with it. People get a page in Danish that reloads itself.
 */
export const answerWhileCatchingUp =
  (readModels: ProjectionRunner) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (readModels.ready || ANSWERED_MEANWHILE.test(request.url)) return undefined;
    const body = errorBodyOf(new ReadModelsCatchingUpError(readModels.position));
    reply.code(body.statusCode).header('Retry-After', String(RETRY_AFTER_SECONDS)).header('Cache-Control', 'no-store');
    // Returned, not awaited: Fastify then knows the request is answered and runs no route.
    if (JSON_PATHS.test(request.url)) return reply.type('application/json; charset=utf-8').send(body);
    return reply.header('Refresh', String(RETRY_AFTER_SECONDS)).type('text/html; charset=utf-8').send(catchingUpPage(body.message));
  };
