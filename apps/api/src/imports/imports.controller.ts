import { CommandContext } from '@app/commands';
import { MinutesFileError, readMinutesFile } from '@app/minutes-import';
import { MinutesUnreadableError } from '@app/workflows';
import { MinutesImports } from '@app/workflows';
import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CommandDoc, QueryDoc } from '../http/api-docs';
import { CommandContextFrom } from '../http/command-context.decorator';
import { EmptyDto } from '../http/command-result.dto';
import { ImportDto, ImportMinutesDto, ImportResultDto, ImportReviewDto } from './import.dtos';

/** Import of minutes in two steps, as the secretariat works: a review to read through, then a commit. */
const UNREADABLE = {
  status: 422,
  description: 'The text cannot be read as minutes: a code such as minutes.empty, minutes.not_text, minutes.missing_meeting_date',
  examples: [
    { code: 'minutes.missing_meeting_date', message: 'Referatet har ingen datolinje ("Dato: ..."). Angiv mødets dato med --meeting-date ÅÅÅÅ-MM-DD.' },
    { code: 'minutes.not_text', message: 'Filen ligner ikke tekst (den indeholder kontroltegn). Gem referatet som ren tekst (UTF-8) og prøv igen.' },
  ],
};

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: MinutesImports) {}

  @Post()
  @CommandDoc({ summary: 'Read minutes into a review and a plan, appending none of it yet', created: true, result: ImportReviewDto, resultDescription: 'The review, with the id to commit it by', more: [UNREADABLE] })
  review(@Body() body: ImportMinutesDto, @CommandContextFrom() context: CommandContext) {
    return this.imports.review(body, context);
  }

  /**
   * The minutes as a file (multipart/form-data): `file` (.pdf, .docx or .txt in UTF-8 or Windows-1252), and
   * optionally `forumId` and `meetingDate` as fields. The answer is that of POST /api/imports, with what reading
   * the file said under `file`.
   */
  @Post('file')
  @CommandDoc({
    summary: 'Read minutes from a .pdf, .docx or .txt file into a review and a plan, appending none of it yet',
    created: true,
    result: ImportReviewDto,
    resultDescription: 'The review, with the id to commit it by, and what reading the file said',
    more: [UNREADABLE],
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, forumId: { type: 'string' }, meetingDate: { type: 'string', format: 'date' } },
    },
  })
  async reviewFile(@Req() request: FastifyRequest, @CommandContextFrom() context: CommandContext) {
    if (!request.isMultipart()) throw new BadRequestException('Send referatet som multipart/form-data med filen i feltet "file".');
    const fields: Record<string, string> = {};
    let upload: { bytes: Buffer; fileName: string } | undefined;
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload) throw new BadRequestException('Send én fil, i feltet "file".');
        upload = { bytes: await part.toBuffer(), fileName: part.filename };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
    if (!upload) throw new BadRequestException('Feltet "file" mangler: vælg referatet som .pdf, .docx eller .txt.');
    let file: Awaited<ReturnType<typeof readMinutesFile>>;
    try {
      file = await readMinutesFile(upload.bytes, upload.fileName);
    } catch (error) {
      if (error instanceof MinutesFileError) throw new MinutesUnreadableError(error.error);
      throw error;
    }
    const minutes = { text: file.text, forumId: fields.forumId || undefined, meetingDate: fields.meetingDate || undefined, fileName: upload.fileName.slice(0, 300) };
    const review = await this.imports.review(minutes, context, file.notes);
    return { ...review, file: { format: file.format, encoding: file.encoding, notes: file.notes } };
  }

  @Get(':id')
  @QueryDoc({ summary: 'Show a review of minutes, and whether it was committed', type: ImportDto, notFound: ['import.not_found'] })
  get(@Param('id') id: string) {
    return this.imports.get(id);
  }

  @Post(':id/commit')
  @HttpCode(200)
  @CommandDoc({
    summary: 'Append what a review planned, all or nothing',
    result: ImportResultDto,
    resultDescription: 'Appended; a second commit of the same minutes appends nothing and names the first',
    notFound: ['import.not_found'],
    conflicts: ['import.committed', 'case.withdrawn', 'meeting.cancelled'],
  })
  commit(@Param('id') id: string, @Body() _body: EmptyDto, @CommandContextFrom() context: CommandContext) {
    return this.imports.commit(id, context);
  }
}
