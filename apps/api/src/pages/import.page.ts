import { PageRoutes, Principal } from '@app/access';
import { FORUMS } from '@app/config';
import { Forum, RefusedError } from '@app/domain';
import { formatParseError, formatReviewReport, MinutesFileError, readMinutesFile } from '@app/minutes-import';
import { ProjectionRunner } from '@app/read-side';
import { MinutesImports, MinutesUnreadableError } from '@app/workflows';
import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { field } from './page-actions';
import { PageFrames, PageRequest } from './page-frames';
import { PagesFilter } from './pages.filter';
import { importPage, ImportPageData } from './views/import.view';

/** How long the result waits for the read models to hold what the import appended. */
const READ_OWN_WRITE_MS = 10_000;

interface Minutes {
  text: string;
  forumId?: string;
  meetingDate?: string;
  fileName?: string;
  notes?: string[];
}

/** The secretariat's import: paste or upload minutes, read the review, confirm. */
@ApiExcludeController()
@PageRoutes()
@UseFilters(PagesFilter)
@Controller('import')
export class ImportPage {
  constructor(
    private readonly imports: MinutesImports,
    private readonly readModels: ProjectionRunner,
    private readonly frames: PageFrames,
    @Inject(FORUMS) private readonly forums: Forum[],
  ) {}

  @Get()
  show(@Req() request: PageRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.type('text/html; charset=utf-8');
    return this.page(request, reply, { typed: {} });
  }

  @Post()
  async reviewText(@Body() body: unknown, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const minutes = { text: field(body, 'text') ?? '', forumId: field(body, 'forumId'), meetingDate: field(body, 'meetingDate') };
    await this.review(request, reply, minutes);
  }

  @Post('fil')
  async reviewFile(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const fields: Record<string, string> = {};
    let upload: { bytes: Buffer; fileName: string } | undefined;
    for await (const part of request.parts()) {
      if (part.type === 'file') upload ??= { bytes: await part.toBuffer(), fileName: part.filename };
      else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
    const typed = { forumId: fields.forumId || undefined, meetingDate: fields.meetingDate || undefined };
    if (!upload || upload.bytes.length === 0) return this.refuse(request, reply, 'Vælg en fil med referatet.', { text: '', ...typed });
    try {
      const file = await readMinutesFile(upload.bytes, upload.fileName);
      await this.review(request, reply, { text: file.text, ...typed, fileName: upload.fileName.slice(0, 300), notes: file.notes });
    } catch (error) {
      if (error instanceof MinutesFileError) return this.refuse(request, reply, formatParseError(error.error), { text: '', ...typed });
      throw error;
    }
  }

  @Post(':id/bekraeft')
  async commit(@Param('id') id: string, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const result = await this.imports.commit(id, this.context(request));
    if (result.position !== undefined) await this.readModels.waitFor(result.position, READ_OWN_WRITE_MS).catch(() => undefined);
    const summary = result.importedBefore
      ? 'Referatet er importeret før; intet er tilføjet.'
      : `Referatet er importeret: ${result.appended} ${result.appended === 1 ? 'ændring' : 'ændringer'} gemt${result.already > 0 ? `, ${result.already} fandtes allerede` : ''}.`;
    void reply.type('text/html; charset=utf-8').send(this.page(request, reply, { typed: {}, result: { summary, meetingId: result.meetingId } }));
  }

  private async review(request: PageRequest, reply: FastifyReply, minutes: Minutes): Promise<void> {
    if (minutes.text.trim() === '') return this.refuse(request, reply, 'Indsæt referatet, eller vælg en fil.', minutes);
    try {
      const review = await this.imports.review({ text: minutes.text, forumId: minutes.forumId, meetingDate: minutes.meetingDate, fileName: minutes.fileName }, this.context(request), minutes.notes);
      const report = formatReviewReport(review.report, this.forums);
      void reply
        .type('text/html; charset=utf-8')
        .send(this.page(request, reply, { typed: {}, review: { id: review.id, report, steps: review.plan.steps.length } }));
    } catch (error) {
      if (error instanceof MinutesUnreadableError) return this.refuse(request, reply, formatParseError(error.error), minutes);
      if (error instanceof RefusedError) return this.refuse(request, reply, error.message, minutes);
      throw error;
    }
  }

  private refuse(request: PageRequest, reply: FastifyReply, message: string, minutes: Minutes): void {
    const html = this.page(request, reply, { typed: { text: minutes.text, meetingDate: minutes.meetingDate }, refusal: { formId: 'import', message } }, minutes.forumId);
    void reply.status(422).type('text/html; charset=utf-8').send(html);
  }

  private page(request: PageRequest, reply: FastifyReply, data: Omit<ImportPageData, 'forums'>, forumId?: string): string {
    return importPage({
      frame: this.frames.frame(request, reply, 'Importér et referat', request.principal as Principal, '/import'),
      forums: this.forums.map((forum) => ({ id: forum.id, name: forum.name, selected: forum.id === forumId })),
      ...data,
    });
  }

  private context(request: PageRequest) {
    return { userId: request.principal?.accountId, correlationId: randomUUID() };
  }
}
