import { Public } from '@app/access';
import { CLOCK, Clock, CommandRequest } from '@app/commands';
import { APP_CONFIG, AppConfig, DIRECTORY } from '@app/config';
import { DirectoryEntry, followUpStreamId, RefusedError } from '@app/domain';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { FollowUpRecord, followUpsProjection, foldEvents, meetingsProjection, ProjectionRunner, resolveFollowUp, StreamViews } from '@app/read-side';
import { LINK_SECRET, secretariatOf, verifyCompletionToken } from '@app/workflows';
import { Controller, Get, HttpCode, Inject, Param, Post, Res, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import {
  alreadyDonePage,
  cancelledPage,
  completedPage,
  confirmationPage,
  Contact,
  expiredPage,
  FollowUpShown,
  notFoundPage,
  Page,
  PAGE_HEADERS,
  tamperedPage,
} from './completion-link.pages';
import { LinkPagesFilter } from './link-pages.filter';

/**
 * The signed "Markér som udført" link in reminder e-mails. No sign-in: the link is the credential. GET only
 * shows what the link is for (mail scanners open links), and the button POSTs to complete the follow-up.
 */
@ApiExcludeController()
@UseFilters(LinkPagesFilter)
@Public()
@Controller('links/udfoer')
export class CompletionLinksController {
  private readonly contact: Contact;
  private readonly dayFormat = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'UTC' });
  private readonly timeFormat: Intl.DateTimeFormat;

  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ProjectionRunner,
    private readonly views: StreamViews,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LINK_SECRET) private readonly secret: string,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DIRECTORY) directory: DirectoryEntry[],
  ) {
    this.contact = secretariatOf(directory);
    this.timeFormat = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: config.meetingTimeZone });
  }

  @Get(':token')
  async show(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    return sent(response, await this.confirmation(token));
  }

  @Post(':token')
  @HttpCode(200)
  async complete(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    return sent(response, await this.completion(token));
  }

  private async confirmation(token: string): Promise<Page> {
    const link = verifyCompletionToken(this.secret, token, new Date(this.clock.now()));
    if ('problem' in link) return this.problemPage(link.problem);
    const record = await this.followUp(link.followUpId);
    if (!record) return notFoundPage(this.contact);
    if (record.status === 'done') return this.alreadyDone(record);
    if (record.status === 'cancelled') return cancelledPage(await this.shown(record), this.contact);
    return confirmationPage(await this.shown(record));
  }

  private async completion(token: string): Promise<Page> {
    const link = verifyCompletionToken(this.secret, token, new Date(this.clock.now()));
    if ('problem' in link) return this.problemPage(link.problem);
    const { followUpId } = link;
    const record = await this.followUp(followUpId);
    if (!record) return notFoundPage(this.contact);
    try {
      await this.commands.execute(new CommandRequest('complete-follow-up', { followUpId }, { correlationId: randomUUID(), userId: `link:${followUpId}` }));
    } catch (error) {
      if (!(error instanceof RefusedError)) throw error;
      // Read again: it may have been completed or cancelled a moment ago, and the page says when.
      const current = (await this.followUp(followUpId)) ?? record;
      if (error.code === 'follow_up.done') return this.alreadyDone(current);
      if (error.code === 'follow_up.cancelled') return cancelledPage(await this.shown(current), this.contact);
      throw error;
    }
    return completedPage(await this.shown(record));
  }

  private problemPage(problem: 'tampered' | 'expired'): Page {
    return problem === 'expired' ? expiredPage(this.contact) : tamperedPage(this.contact);
  }

  private async alreadyDone(record: FollowUpRecord): Promise<Page> {
    return alreadyDonePage(await this.shown(record), record.completedAt && this.timeFormat.format(new Date(record.completedAt)));
  }

  /** Folded from its own stream, not the read model: a link used moments after a change sees it. */
  private async followUp(followUpId: string): Promise<FollowUpRecord | undefined> {
    return foldEvents(followUpsProjection, await this.store.readStream(followUpStreamId(followUpId))).get(followUpId);
  }

  private async shown(record: FollowUpRecord): Promise<FollowUpShown> {
    const { dueDate } = resolveFollowUp(record, this.readModels.model(meetingsProjection), this.clock.now().slice(0, 10));
    return {
      description: record.description,
      caseTitle: (await this.views.caseDetails(record.caseId))?.title,
      due: dueDate && this.dayFormat.format(new Date(`${dueDate}T00:00:00Z`)),
    };
  }
}

const sent = (response: Response, page: Page): string => {
  response.status(page.status).set(PAGE_HEADERS);
  return page.html;
};
