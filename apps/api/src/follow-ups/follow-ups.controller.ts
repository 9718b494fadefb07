import { Allow, forbidden, Principal, seesForum, SignedIn } from '@app/access';
import { CLOCK, Clock, CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { DIRECTORY } from '@app/config';
import { DirectoryEntry, Owner } from '@app/domain';
import { followUpsModelsOf, FollowUpView, meetingsProjection, Page, pageFollowUps, ProjectionRunner } from '@app/read-side';
import { resolveOwners } from '@app/workflows';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommandContextFrom } from '../http/command-context.decorator';
import { FollowUpAccess } from './follow-up-access';
import { CommandDoc, QueryDoc } from '../http/api-docs';
import { EmptyDto } from '../http/command-result.dto';
import { pageAsked } from '../http/page-query';
import { CancelFollowUpDto, CompleteFollowUpDto, FollowUpsPageDto, FollowUpsQueryDto, RescheduleFollowUpDto } from './follow-up.dtos';

/** An owner as listed, with whether reminders reach them; the secretariat is told of those they do not. */
export type ListedOwner = Owner & { reachable: boolean; note?: 'ingen e-mailadresse' };
export type ListedFollowUp = Omit<FollowUpView, 'owners'> & { owners: ListedOwner[] };

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('api/follow-ups')
export class FollowUpsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DIRECTORY) private readonly directory: DirectoryEntry[],
    private readonly access: FollowUpAccess,
  ) {}

  /** A chair sees their forums' follow-ups, a member their own. */
  @Get()
  @Allow('chair', 'member')
  @QueryDoc({ summary: 'List follow-ups: open, overdue or done, by forum, owner or case; overdue first, a page at a time', type: FollowUpsPageDto })
  list(@Query() query: FollowUpsQueryDto, @SignedIn() principal: Principal): Page<ListedFollowUp> {
    const { status, forumId, owner, caseId } = query;
    if (forumId && !seesForum(principal, forumId)) throw forbidden();
    const page = pageAsked(query, (request) =>
      pageFollowUps(
        followUpsModelsOf(this.readModels),
        this.readModels.model(meetingsProjection),
        { status, forumId, owner, caseId, visible: (record) => this.access.mayRead(principal, record) },
        this.clock.now().slice(0, 10),
        request,
      ),
    );
    return { ...page, items: page.items.map((view) => ({ ...view, owners: view.owners.map((owner) => this.withReach(owner)) })) };
  }

  /** Resolved against the directory, not stored with the follow-up: an address added to the directory reaches old follow-ups too. */
  private withReach(owner: Owner): ListedOwner {
    return resolveOwners([owner], this.directory).unreachable.length === 0 ? { ...owner, reachable: true } : { ...owner, reachable: false, note: 'ingen e-mailadresse' };
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Allow('chair', 'member')
  @CommandDoc({ summary: 'Mark a follow-up as done', notFound: ['follow_up.not_found'], conflicts: ['follow_up.done', 'follow_up.cancelled'] })
  complete(@Param('id') id: string, @Body() body: CompleteFollowUpDto, @SignedIn() principal: Principal, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    this.access.mayAct(principal, id, ['chair', 'member']);
    return this.commands.execute(new CommandRequest('complete-follow-up', { followUpId: id, ...body }, context));
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @Allow('chair')
  @CommandDoc({ summary: 'Give a follow-up a new due date', notFound: ['follow_up.not_found'], conflicts: ['follow_up.done', 'follow_up.cancelled', 'follow_up.unchanged', 'follow_up.due_in_past'] })
  reschedule(@Param('id') id: string, @Body() body: RescheduleFollowUpDto, @SignedIn() principal: Principal, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    this.access.mayAct(principal, id, ['chair']);
    return this.commands.execute(new CommandRequest('reschedule-follow-up', { followUpId: id, ...body }, context));
  }

  /** The owners get the follow-up's reminder at once, each request its own mail; the worker sends it. */
  @Post(':id/remind')
  @HttpCode(200)
  @Allow('chair')
  @CommandDoc({ summary: "Send a follow-up's owners a reminder now", notFound: ['follow_up.not_found'], conflicts: ['follow_up.done', 'follow_up.cancelled'] })
  remind(@Param('id') id: string, @Body() _body: EmptyDto, @SignedIn() principal: Principal, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    this.access.mayAct(principal, id, ['chair']);
    return this.commands.execute(new CommandRequest('request-follow-up-reminder', { followUpId: id }, context));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @CommandDoc({ summary: 'Cancel a follow-up', notFound: ['follow_up.not_found'], conflicts: ['follow_up.done', 'follow_up.cancelled'] })
  cancel(@Param('id') id: string, @Body() body: CancelFollowUpDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('cancel-follow-up', { followUpId: id, ...body }, context));
  }
}
