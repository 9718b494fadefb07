import { DIRECTORY } from '@app/config';
import { DirectoryEntry } from '@app/domain';
import { StorageFullError } from '@app/event-store';
import { secretariatOf } from '@app/workflows';
import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { errorLine } from '../http/access-log';
import { RETRY_AFTER_SECONDS } from '../http/error-body';
import { failurePage, PAGE_HEADERS } from './completion-link.pages';

/** The link pages are read by people, not programs: what their controller does not answer itself still gets a page, not the API's JSON. */
@Catch()
export class LinkPagesFilter implements ExceptionFilter {
  private readonly logger = new Logger(LinkPagesFilter.name);

  constructor(@Inject(DIRECTORY) private readonly directory: DirectoryEntry[]) {}

  catch(error: unknown, host: ArgumentsHost): void {
    this.logger.error(errorLine(host, error));
    const page = failurePage(error instanceof StorageFullError ? 503 : 500, secretariatOf(this.directory));
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (page.status === 503) reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    void reply.status(page.status).headers(PAGE_HEADERS).send(page.html);
  }
}
