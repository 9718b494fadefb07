import { CommandContext } from '@app/commands';
import { refuse, RefusedError, refuseAsNotFound } from '@app/domain';
import { EVENT_STORE, EventStore, WrongExpectedVersionError } from '@app/event-store';
import { ImportResult, ImportReview, MinutesImporter } from '@app/minutes-import';
import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CommandContextFrom } from '../http/command-context.decorator';
import { EmptyDto } from '../http/command-result.dto';
import { ImportMinutesDto } from './import.dtos';

interface MinutesReviewed {
  importId: string;
  text: string;
  forumId?: string;
  meetingDate?: string;
  fileName?: string;
}

const importStreamId = (importId: string) => `import-${importId}`;

const alreadyImported = () => new RefusedError(refuse('import.committed', 'Referatet er allerede importeret.'));

/**
 * Import of minutes in two steps, as the secretariat works: a review to read through, then a commit. The
 * text is kept in the log (MinutesReviewed), so any copy of the API can commit it; the commit is recorded
 * (MinutesImported) beside it.
 */
@ApiTags('imports')
@Controller('api/imports')
export class ImportsController {
  constructor(
    private readonly importer: MinutesImporter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  async review(@Body() body: ImportMinutesDto, @CommandContextFrom() context: CommandContext): Promise<ImportReview & { id: string; position: number }> {
    const review = this.importer.review(body.text, { forumId: body.forumId, meetingDate: body.meetingDate });
    const importId = randomUUID();
    const reviewed: MinutesReviewed = { importId, ...body };
    const { position } = await this.store.append(importStreamId(importId), [{ type: 'MinutesReviewed', data: reviewed, metadata: { correlationId: context.correlationId, userId: context.userId } }], {
      expectedRevision: 'no_stream',
    });
    return { id: importId, position, ...review };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<ImportReview & { id: string; committed?: ImportResult }> {
    const { reviewed, committed } = await this.load(id);
    return { id, ...this.reviewAgain(reviewed), committed };
  }

  @Post(':id/commit')
  @HttpCode(200)
  async commit(@Param('id') id: string, @Body() _body: EmptyDto): Promise<ImportResult & { id: string }> {
    const { reviewed, committed } = await this.load(id);
    if (committed) throw alreadyImported();
    const result = await this.importer.commit(reviewed.text, { forumId: reviewed.forumId, meetingDate: reviewed.meetingDate }, id);
    try {
      await this.store.append(importStreamId(id), [{ type: 'MinutesImported', data: { importId: id, ...result, steps: result.steps.length } }], { expectedRevision: 0 });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw alreadyImported();
      throw error;
    }
    return { id, ...result };
  }

  /** Read again at commit: the plan links to the cases the log holds now, earlier imports included. */
  private reviewAgain(reviewed: MinutesReviewed): ImportReview {
    return this.importer.review(reviewed.text, { forumId: reviewed.forumId, meetingDate: reviewed.meetingDate });
  }

  private async load(id: string): Promise<{ reviewed: MinutesReviewed; committed?: ImportResult }> {
    const [reviewed, committed] = await this.store.readStream(importStreamId(id));
    if (!reviewed) throw new RefusedError(refuseAsNotFound('import.not_found', `Importen ${id} findes ikke.`));
    return { reviewed: reviewed.data as MinutesReviewed, committed: committed?.data as ImportResult | undefined };
  }
}
