import { AccessService, Allow, forbidden, PageRoutes, Principal, seesAnyForum } from '@app/access';
import { CLOCK, Clock } from '@app/commands';
import { CaseEvent, DecisionOutcome, ForwardPurpose, RefusedError, refuseAsNotFound } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { caseFlow, casesProjection, evolveCaseDetails, FlowStep, followUpsModelsOf, listFollowUps, meetingsProjection, ProjectionRunner, StreamViews } from '@app/read-side';
import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { field, Outcome, PageActions } from './page-actions';
import { PageFrames, PageRequest } from './page-frames';
import { PagesFilter } from './pages.filter';
import { casePage, CasePageData, Choice } from './views/case.view';
import { capitalised, CASE_STATUS_NAMES, FOLLOW_UP_STATUS_NAMES, KIND_NAMES, OUTCOME_NAMES, PURPOSE_NAMES } from './views/danish-names';


const NOTICES: Record<string, string> = {
  dagsorden: 'Sagen er sat på dagsordenen.',
  beslut: 'Beslutningen er gemt.',
  udsaet: 'Sagen er udsat.',
  videre: 'Sagen er sendt videre.',
  opfoelgning: 'Opfølgningen er tilføjet.',
  udfoert: 'Opfølgningen er markeret som udført.',
};

/** Who acted where no account did: the parts of the product that append on their own. */
const ACTORS: Record<string, string> = { import: 'referatimporten', 'process-manager:case-scheduling': 'systemet' };

/** When it happened as the event says (an imported decision happened at its meeting), not when it was stored. */
const happenedAt = (event: CaseEvent): string => {
  switch (event.type) {
    case 'CaseProposed':
      return event.data.proposedAt;
    case 'CaseScheduled':
      return event.data.scheduledAt;
    case 'CasePostponed':
      return event.data.postponedAt;
    case 'CaseDecided':
      return event.data.decidedAt;
    case 'CaseForwarded':
      return event.data.forwardedAt;
    case 'CaseWithdrawn':
      return event.data.withdrawnAt;
    case 'CaseClosed':
      return event.data.closedAt;
  }
};

const notFound = (id: string) => new RefusedError(refuseAsNotFound('case.not_found', `Sagen ${id} findes ikke.`));

/** A case: its way through the forums, every event with who and when, its follow-ups, and the secretariat's next step. */
@ApiExcludeController()
@PageRoutes()
@UseFilters(PagesFilter)
@Controller('sager/:id')
export class CasePage {
  constructor(
    private readonly readModels: ProjectionRunner,
    private readonly views: StreamViews,
    private readonly accounts: AccessService,
    private readonly actions: PageActions,
    private readonly frames: PageFrames,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Allow('chair', 'member')
  async show(@Param('id') id: string, @Req() request: PageRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query('ok') ok?: string, @Query('fejl') failure?: string): Promise<string> {
    void reply.type('text/html; charset=utf-8');
    const refusal = failure ? { formId: 'opfoelgninger', message: failure } : undefined;
    return this.render(request, reply, id, ok ? NOTICES[ok] : refusal?.message, refusal, {});
  }

  @Post('dagsorden')
  async schedule(@Param('id') id: string, @Body() body: Record<string, string>, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const meetingId = field(body, 'meetingId') ?? '';
    await this.after(request, reply, id, 'dagsorden', body, await this.actions.send(request, 'schedule-case', { caseId: id, meetingId }));
  }

  @Post('beslut')
  async decide(@Param('id') id: string, @Body() body: Record<string, string>, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const outcome = (field(body, 'outcome') ?? 'decided') as DecisionOutcome;
    const input = { caseId: id, meetingId: field(body, 'meetingId') ?? '', outcome, text: field(body, 'text') ?? '' };
    await this.after(request, reply, id, 'beslut', body, input.text ? await this.actions.send(request, 'decide-case', input) : { refusal: 'Skriv beslutningen.' });
  }

  @Post('udsaet')
  async postpone(@Param('id') id: string, @Body() body: Record<string, string>, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const input = { caseId: id, fromMeetingId: field(body, 'fromMeetingId') ?? '', reason: field(body, 'reason') };
    await this.after(request, reply, id, 'udsaet', body, await this.actions.send(request, 'postpone-case', input));
  }

  @Post('videre')
  async forward(@Param('id') id: string, @Body() body: Record<string, string>, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const toForumId = field(body, 'toForumId');
    const purpose = (field(body, 'purpose') ?? 'decision') as ForwardPurpose;
    const outcome: Outcome = toForumId
      ? await this.actions.send(request, 'forward-case', { caseId: id, meetingId: field(body, 'meetingId') ?? '', toForumIds: [toForumId], purpose })
      : { refusal: 'Vælg hvilket forum sagen skal videre til.' };
    await this.after(request, reply, id, 'videre', body, outcome);
  }

  @Post('opfoelgning')
  async assignFollowUp(@Param('id') id: string, @Body() body: Record<string, string>, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const description = field(body, 'description');
    const ownerName = field(body, 'ownerName');
    const outcome: Outcome =
      description && ownerName
        ? await this.actions.send(request, 'assign-follow-up', { caseId: id, description, owners: [{ name: ownerName, email: field(body, 'ownerEmail') }], due: field(body, 'due') })
        : { refusal: 'Skriv hvad der skal gøres, og hvem der er ejer.' };
    await this.after(request, reply, id, 'opfoelgning', body, outcome);
  }

  /** Done: back to the case with a line saying so. Refused: the case again, the refusal beside the form, what was typed still in it. */
  private async after(request: PageRequest, reply: FastifyReply, id: string, formId: string, body: Record<string, string>, outcome: Outcome): Promise<void> {
    if ('done' in outcome) {
      void reply.redirect(`/sager/${encodeURIComponent(id)}?ok=${formId}`, 303);
      return;
    }
    const { _csrf: _token, ...typed } = body;
    const html = await this.render(request, reply, id, undefined, { formId, message: outcome.refusal }, typed);
    void reply.status(409).type('text/html; charset=utf-8').send(html);
  }

  private async render(request: PageRequest, reply: FastifyReply, id: string, notice: string | undefined, refusal: CasePageData['refusal'], typed: Record<string, string>): Promise<string> {
    const principal = request.principal as Principal;
    const summary = this.readModels.model(casesProjection).get(id);
    if (!summary) throw notFound(id);
    if (!seesAnyForum(principal, [summary.forumId, ...Object.keys(summary.forums)])) throw forbidden();
    const meetings = this.readModels.model(meetingsProjection);
    const now = this.clock.now();
    const flow = caseFlow(this.readModels.model(casesProjection), meetings, id);
    const history = await this.views.caseHistory(id);
    const details = history.reduce(evolveCaseDetails, undefined);
    const followUps = listFollowUps(
      followUpsModelsOf(this.readModels),
      meetings,
      { caseId: id },
      this.frames.today(now),
    );
    const meetingChoice = (meetingId: string): Choice => {
      const meeting = meetings.get(meetingId);
      return { id: meetingId, name: `${this.frames.forumName(meeting?.forumId ?? '')} ${this.frames.dateTime(meeting?.startsAt)}` };
    };
    const steps = Object.values(summary.forums);
    const waitingIn = new Set(steps.filter((step) => step.state !== 'decided').map((step) => step.forumId));
    const upcoming = [...meetings.values()]
      .filter((meeting) => waitingIn.has(meeting.forumId) && meeting.status === 'scheduled' && meeting.startsAt > now && !steps.some((step) => step.meetingId === meeting.id))
      .sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1))
      .map((meeting) => meetingChoice(meeting.id));
    const lastForum = steps.at(-1)?.forumId ?? summary.forumId;
    const parent = this.frames.forums.find((forum) => forum.id === lastForum)?.parentId;
    const actions =
      principal.role === 'secretariat' && summary.status === 'open'
        ? {
            upcoming,
            scheduled: steps.filter((step) => step.state === 'scheduled' && step.meetingId).map((step) => meetingChoice(step.meetingId as string)),
            held: steps.filter((step) => step.meetingId).map((step) => meetingChoice(step.meetingId as string)),
            forums: this.frames.forums.map((forum) => ({ id: forum.id, name: forum.name })),
            outcomes: Object.entries(OUTCOME_NAMES).map(([outcomeId, name]) => ({ id: outcomeId, name: capitalised(name) })),
            purposes: Object.entries(PURPOSE_NAMES).map(([purposeId, name]) => ({ id: purposeId, name })),
          }
        : undefined;
    return casePage({
      frame: this.frames.frame(request, reply, summary.title, principal, undefined, notice && !refusal ? notice : undefined),
      id,
      title: summary.title,
      kindName: KIND_NAMES[summary.kind],
      statusName: CASE_STATUS_NAMES[summary.status],
      presenter: summary.presenter,
      summary: details?.summary,
      recommendation: details?.recommendation ?? [],
      chain: (flow?.steps ?? []).map((step) => this.chainStep(step)),
      timeline: history.map((event) => this.timelineEntry(event)),
      followUps: followUps.map((view) => ({
        id: view.id,
        description: view.description,
        owners: view.owners.map((owner) => owner.name).join(', '),
        due: this.frames.date(view.dueDate),
        statusName: capitalised(FOLLOW_UP_STATUS_NAMES[view.status] ?? view.status),
        open: view.status === 'open',
        overdue: view.overdue,
      })),
      actions,
      canCompleteFollowUps: principal.role !== 'member',
      refusal,
      typed: { toForumId: parent ?? '', ...typed },
      back: `/sager/${id}`,
    });
  }

  private chainStep(step: FlowStep): CasePageData['chain'][number] {
    const forumName = this.frames.forumName(step.forumId);
    const when = this.frames.date(step.at);
    const text = ((): string => {
      switch (step.what) {
        case 'waiting':
          return 'venter på et møde';
        case 'scheduled':
          return `på dagsordenen ${when}`;
        case 'postponed':
          return `udsat ${when}`;
        case 'decided':
          return `${OUTCOME_NAMES[step.outcome ?? 'decided']} ${when}${step.text ? `: ${step.text}` : ''}`;
        case 'forwarded':
          return `sendt videre til ${(step.toForumIds ?? []).map((forumId) => this.frames.forumName(forumId)).join(' og ')} ${PURPOSE_NAMES[step.purpose ?? 'decision']} ${when}`;
        case 'withdrawn':
          return `trukket tilbage ${when}`;
        case 'closed':
          return `lukket ${when}`;
      }
    })();
    return { forumName, text, meetingId: step.meetingId, state: step.status };
  }

  private timelineEntry(recorded: RecordedEvent): CasePageData['timeline'][number] {
    const event = recorded as RecordedEvent & CaseEvent;
    const meetingText = (meetingId?: string) => {
      const meeting = meetingId ? this.readModels.model(meetingsProjection).get(meetingId) : undefined;
      return meeting ? `${this.frames.forumName(meeting.forumId)} ${this.frames.date(meeting.startsAt)}` : 'næste møde';
    };
    const what = ((): string => {
      switch (event.type) {
        case 'CaseProposed':
          return `Foreslået til ${this.frames.forumName(event.data.forumId)}`;
        case 'CaseScheduled':
          return `Sat på dagsordenen: ${meetingText(event.data.meetingId)}`;
        case 'CasePostponed':
          return `Udsat fra ${meetingText(event.data.fromMeetingId)} til ${meetingText(event.data.toMeetingId)}${event.data.reason ? ` (${event.data.reason})` : ''}`;
        case 'CaseDecided':
          return `Besluttet i ${this.frames.forumName(event.data.forumId)}: ${OUTCOME_NAMES[event.data.outcome]}`;
        case 'CaseForwarded':
          return `Sendt videre til ${event.data.toForumIds.map((forumId) => this.frames.forumName(forumId)).join(' og ')} ${PURPOSE_NAMES[event.data.purpose]}`;
        case 'CaseWithdrawn':
          return `Trukket tilbage${event.data.reason ? ` (${event.data.reason})` : ''}`;
        case 'CaseClosed':
          return 'Lukket';
      }
    })();
    const userId = recorded.metadata?.userId;
    const who = userId ? (this.accounts.account(userId)?.name ?? ACTORS[userId] ?? 'ukendt konto') : 'systemet';
    return { when: this.frames.dateTime(happenedAt(event)), what, who };
  }
}
