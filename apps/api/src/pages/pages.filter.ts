import { AccessDeniedError } from '@app/access';
import { RefusedError } from '@app/domain';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { FastifyReply } from 'fastify';
import { errorLine } from '../http/access-log';
import { PageFrames, PageRequest } from './page-frames';
import { problemPage } from './views/problem.view';

/** The pages are read by people: a missing sign-in leads to the sign-in page, and every other failure is a page in Danish. */
@Catch()
export class PagesFilter implements ExceptionFilter {
  private readonly logger = new Logger(PagesFilter.name);

  constructor(private readonly frames: PageFrames) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<PageRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof AccessDeniedError && error.status === 401) {
      const back = request.method === 'GET' ? `?naeste=${encodeURIComponent(request.url)}` : '';
      void reply.status(303).redirect(`/log-ind${back}`, 303);
      return;
    }
    const [status, message] = this.explain(error);
    if (status >= 500) this.logger.error(errorLine(host, error));
    const html = problemPage({ frame: this.frames.frame(request, reply, status === 403 ? 'Ingen adgang' : status === 404 ? 'Siden findes ikke' : 'Det lykkedes ikke', request.principal), message });
    void reply.status(status).type('text/html; charset=utf-8').send(html);
  }

  private explain(error: unknown): [number, string] {
    if (error instanceof AccessDeniedError) return [error.status, error.message];
    if (error instanceof RefusedError) return [error.refusal.kind === 'not_found' ? 404 : 409, error.message];
    if (error instanceof ThrottlerException) return [429, 'For mange forsøg. Vent et minut, og prøv igen.'];
    if (error instanceof HttpException && error.getStatus() === 404) return [404, 'Der er ingen side på denne adresse.'];
    return [500, 'Der skete en uventet fejl. Prøv igen om lidt, og kontakt sekretariatet, hvis det bliver ved.'];
  }
}
