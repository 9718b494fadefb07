import { Allow, forbidden, Principal, seesAnyForum, SignedIn } from '@app/access';
import { CLOCK, Clock, CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RefusedError, refuseAsNotFound } from '@app/domain';
import { CaseDetails, caseFlow, CaseListItem, listCases, CaseFlow, casesProjection, meetingsProjection, ProjectionRunner, StreamViews } from '@app/read-side';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { CommandContextFrom } from '../http/command-context.decorator';
import { CommandDoc, QueryDoc } from '../http/api-docs';
import { EmptyDto } from '../http/command-result.dto';
import { ReadAfterQuery } from '../http/read-after';
import { CaseDetailsDto, CaseEventDto, CaseFlowDto, CaseListPageDto } from './case-answers.dtos';
import { AssignFollowUpDto, CasesQueryDto, DecideCaseDto, ForwardCaseDto, PostponeCaseDto, ProposeCaseDto, ScheduleCaseDto, WithdrawCaseDto } from './case.dtos';

const DEFAULT_PAGE = 100;

const notFound = (id: string) => new RefusedError(refuseAsNotFound('case.not_found', `Sagen ${id} findes ikke.`));

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly views: StreamViews,
    private readonly readModels: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @CommandDoc({ summary: 'Propose a case in a forum', created: true, conflicts: ['case.already_exists'] })
  propose(@Body() body: ProposeCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('propose-case', body, context));
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @CommandDoc({
    summary: "Put a case on a meeting's agenda",
    notFound: ['case.not_found', 'meeting.not_found'],
    conflicts: ['case.withdrawn', 'case.closed', 'case.already_scheduled', 'case.not_in_forum', 'meeting.cancelled', 'meeting.past'],
  })
  schedule(@Param('id') id: string, @Body() body: ScheduleCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('schedule-case', { caseId: id, ...body }, context));
  }

  @Post(':id/postpone')
  @HttpCode(200)
  @CommandDoc({
    summary: "Postpone a case to another meeting, or to the forum's next",
    notFound: ['case.not_found', 'meeting.not_found'],
    conflicts: ['case.withdrawn', 'case.closed', 'case.not_on_meeting', 'case.same_meeting', 'case.other_forum', 'case.already_decided', 'meeting.cancelled'],
  })
  postpone(@Param('id') id: string, @Body() body: PostponeCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('postpone-case', { caseId: id, ...body }, context));
  }

  @Post(':id/decide')
  @HttpCode(200)
  @CommandDoc({
    summary: 'Record the decision a meeting made on a case',
    notFound: ['case.not_found', 'meeting.not_found'],
    conflicts: ['case.withdrawn', 'case.closed', 'case.not_on_meeting', 'case.already_decided', 'meeting.cancelled', 'meeting.not_started'],
  })
  decide(@Param('id') id: string, @Body() body: DecideCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('decide-case', { caseId: id, ...body }, context));
  }

  @Post(':id/forward')
  @HttpCode(200)
  @CommandDoc({
    summary: 'Forward a case up the chain to other forums',
    notFound: ['case.not_found', 'meeting.not_found'],
    conflicts: ['case.withdrawn', 'case.closed', 'case.not_on_meeting', 'case.forward_to_same_forum', 'case.already_forwarded'],
  })
  forward(@Param('id') id: string, @Body() body: ForwardCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('forward-case', { caseId: id, ...body }, context));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @CommandDoc({ summary: 'Withdraw a case', notFound: ['case.not_found'], conflicts: ['case.withdrawn', 'case.closed'] })
  withdraw(@Param('id') id: string, @Body() body: WithdrawCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('withdraw-case', { caseId: id, ...body }, context));
  }

  @Post(':id/close')
  @HttpCode(200)
  @CommandDoc({ summary: 'Close a case that needs nothing more', notFound: ['case.not_found'], conflicts: ['case.withdrawn', 'case.closed'] })
  close(@Param('id') id: string, @Body() _body: EmptyDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('close-case', { caseId: id }, context));
  }

  @Post(':id/follow-ups')
  @CommandDoc({
    summary: 'Give a case a follow-up with owners and a due date or meeting',
    created: true,
    resultDescription: 'Created; the id is the follow-up’s',
    notFound: ['case.not_found'],
    conflicts: ['follow_up.already_exists', 'follow_up.no_owner', 'follow_up.two_dues', 'follow_up.due_in_past'],
  })
  assignFollowUp(@Param('id') id: string, @Body() body: AssignFollowUpDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('assign-follow-up', { caseId: id, ...body }, context));
  }

  /** The secretariat's board and search: every case, or a chair's or member's forums' cases, a page at a time. */
  @Get()
  @Allow('chair', 'member')
  @QueryDoc({ summary: 'Search and list cases, a page at a time', type: CaseListPageDto })
  list(@Query() query: CasesQueryDto, @SignedIn() principal: Principal): { items: CaseListItem[]; nextCursor?: string } {
    const { q, forumId, status, stage, limit = DEFAULT_PAGE, cursor, aged, standing } = query;
    if (forumId && !seesAnyForum(principal, [forumId])) throw forbidden();
    const after = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
    const visibleForumIds = principal.role === 'secretariat' ? undefined : principal.forumIds;
    const ageing = { ...this.config.ageing, today: this.clock.now().slice(0, 10) };
    const page = listCases(this.readModels.model(casesProjection), {
      q,
      forumId,
      status,
      stage,
      limit,
      after,
      visibleForumIds,
      ageing,
      agedOnly: aged,
      includeStanding: standing,
    });
    return { items: page.items, ...(page.last ? { nextCursor: Buffer.from(page.last, 'utf8').toString('base64url') } : {}) };
  }

  @Get(':id')
  @Allow('chair', 'member')
  @QueryDoc({ summary: 'Show a case as it stands now, with its revision', type: CaseDetailsDto, notFound: ['case.not_found'] })
  @ApiResponse({ status: 304, description: 'If-None-Match named the current revision' })
  async get(@Param('id') id: string, @Query() _query: ReadAfterQuery, @SignedIn() principal: Principal, @Res({ passthrough: true }) response: FastifyReply): Promise<CaseDetails> {
    this.mayRead(principal, id);
    const details = await this.views.caseDetails(id);
    if (!details) throw notFound(id);
    response.header('ETag', `"${details.revision}"`);
    return details;
  }

  @Get(':id/history')
  @Allow('chair', 'member')
  @QueryDoc({ summary: "List a case's events in order", type: [CaseEventDto], notFound: ['case.not_found'] })
  async history(@Param('id') id: string, @Query() _query: ReadAfterQuery, @SignedIn() principal: Principal) {
    this.mayRead(principal, id);
    const events = await this.views.caseHistory(id);
    if (events.length === 0) throw notFound(id);
    return events.map(({ id: eventId, type, revision, position, recordedAt, data, metadata }) => ({
      id: eventId,
      type,
      revision,
      position,
      recordedAt: recordedAt.toISOString(),
      data,
      metadata,
    }));
  }

  @Get(':id/flow')
  @Allow('chair', 'member')
  @QueryDoc({ summary: "Show a case's way through the forums, and where it waits now", type: CaseFlowDto, notFound: ['case.not_found'] })
  flow(@Param('id') id: string, @Query() _query: ReadAfterQuery, @SignedIn() principal: Principal): CaseFlow {
    this.mayRead(principal, id);
    const flow = caseFlow(this.readModels.model(casesProjection), this.readModels.model(meetingsProjection), id);
    if (!flow) throw notFound(id);
    return flow;
  }

  /** A chair or member reads a case that has been in one of their forums, once the read models know it (`?after=`). */
  private mayRead(principal: Principal, id: string): void {
    if (principal.role === 'secretariat') return;
    const summary = this.readModels.model(casesProjection).get(id);
    if (!summary) throw notFound(id);
    if (!seesAnyForum(principal, [summary.forumId, ...Object.keys(summary.forums)])) throw forbidden();
  }
}
