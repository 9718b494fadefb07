import { Allow, forbidden, Principal, seesAnyForum, SignedIn } from '@app/access';
import { CLOCK, Clock, CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RefusedError, refuseAsNotFound } from '@app/domain';
import { CaseDetails, caseFlow, CaseListItem, listCases, CaseFlow, casesProjection, meetingsProjection, ProjectionRunner, StreamViews } from '@app/read-side';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { CommandContextFrom } from '../http/command-context.decorator';
import { CommandResultDto, EmptyDto } from '../http/command-result.dto';
import { ErrorBody } from '../http/error-body';
import { ReadAfterQuery } from '../http/read-after';
import { AssignFollowUpDto, CasesQueryDto, DecideCaseDto, ForwardCaseDto, PostponeCaseDto, ProposeCaseDto, ScheduleCaseDto, WithdrawCaseDto } from './case.dtos';

const DEFAULT_PAGE = 100;

const notFound = (id: string) => new RefusedError(refuseAsNotFound('case.not_found', `Sagen ${id} findes ikke.`));

@ApiTags('cases')
@ApiHeader({ name: 'If-Match', required: false, description: 'The revision the command expects, e.g. "3"; 412 when the case has moved on' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key returns the first answer and appends nothing' })
@ApiConflictResponse({ type: ErrorBody, description: 'An illegal move, e.g. case.withdrawn' })
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
  @ApiCreatedResponse({ type: CommandResultDto })
  propose(@Body() body: ProposeCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('propose-case', body, context));
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResultDto })
  schedule(@Param('id') id: string, @Body() body: ScheduleCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('schedule-case', { caseId: id, ...body }, context));
  }

  @Post(':id/postpone')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResultDto })
  postpone(@Param('id') id: string, @Body() body: PostponeCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('postpone-case', { caseId: id, ...body }, context));
  }

  @Post(':id/decide')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResultDto })
  decide(@Param('id') id: string, @Body() body: DecideCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('decide-case', { caseId: id, ...body }, context));
  }

  @Post(':id/forward')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResultDto })
  forward(@Param('id') id: string, @Body() body: ForwardCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('forward-case', { caseId: id, ...body }, context));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResultDto })
  withdraw(@Param('id') id: string, @Body() body: WithdrawCaseDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('withdraw-case', { caseId: id, ...body }, context));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResultDto })
  close(@Param('id') id: string, @Body() _body: EmptyDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('close-case', { caseId: id }, context));
  }

  @Post(':id/follow-ups')
  @ApiCreatedResponse({ type: CommandResultDto, description: 'The id is the follow-up’s' })
  assignFollowUp(@Param('id') id: string, @Body() body: AssignFollowUpDto, @CommandContextFrom() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new CommandRequest('assign-follow-up', { caseId: id, ...body }, context));
  }

  /** The secretariat's board and search: every case, or a chair's or member's forums' cases, a page at a time. */
  @Get()
  @Allow('chair', 'member')
  list(@Query() query: CasesQueryDto, @SignedIn() principal: Principal): { items: CaseListItem[]; nextCursor?: string } {
    const { q, forumId, status, stage, limit = DEFAULT_PAGE, cursor, aged } = query;
    if (forumId && !seesAnyForum(principal, [forumId])) throw forbidden();
    const after = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
    const visibleForumIds = principal.role === 'secretariat' ? undefined : principal.forumIds;
    const ageing = { ...this.config.ageing, today: this.clock.now().slice(0, 10) };
    const page = listCases(this.readModels.model(casesProjection), { q, forumId, status, stage, limit, after, visibleForumIds, ageing, agedOnly: aged });
    return { items: page.items, ...(page.last ? { nextCursor: Buffer.from(page.last, 'utf8').toString('base64url') } : {}) };
  }

  @Get(':id')
  @Allow('chair', 'member')
  async get(@Param('id') id: string, @Query() _query: ReadAfterQuery, @SignedIn() principal: Principal, @Res({ passthrough: true }) response: FastifyReply): Promise<CaseDetails> {
    this.mayRead(principal, id);
    const details = await this.views.caseDetails(id);
    if (!details) throw notFound(id);
    response.header('ETag', `"${details.revision}"`);
    return details;
  }

  @Get(':id/history')
  @Allow('chair', 'member')
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
