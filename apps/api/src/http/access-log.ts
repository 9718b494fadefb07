import { loggedPath } from '@app/config';
import { ArgumentsHost } from '@nestjs/common';
import { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { Logger } from 'nestjs-pino';
import { inspect } from 'node:util';
import { requestIdOf } from './request-id';

/** What names a request in every line about it: the id it is answered with, its method and its path. */
export const requestFields = (request: FastifyRequest): { id: string; method: string; url: string } => ({
  id: requestIdOf(request.raw),
  method: request.method,
  url: loggedPath(request.url),
});

/**
 * One line per answer, once it is sent, also for the answers no route gave (a path that does not exist, the queue
 * view): at error level for a 5xx, which is ours to look into, at info for the rest, as a refusal is the client's
 * business. Only what tells a request apart: headers carry tokens and cookies, and bodies the names of people.
 */
export const logEachAnswer =
  (logger: Logger) =>
  (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const req = requestFields(request);
    const { statusCode } = reply;
    const responseTime = Math.round(reply.elapsedTime);
    if (statusCode >= 500) logger.error({ req, res: { statusCode }, responseTime, msg: `${req.method} ${req.url} ${statusCode}` });
    else logger.log({ req, res: { statusCode }, responseTime, msg: `${req.method} ${req.url} ${statusCode} ${responseTime} ms` });
    done();
  };

/**
 * A line about an error met while answering, for a filter to log: the error as inspect shows it (its stack and
 * cause too, and what a library throws that is no Error), with the request it was met in.
 */
export const errorLine = (host: ArgumentsHost, error: unknown): { req: ReturnType<typeof requestFields>; msg: string } => ({
  req: requestFields(host.switchToHttp().getRequest<FastifyRequest>()),
  msg: inspect(error),
});
