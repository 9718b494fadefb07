import { Allow, forbidden, PageRoutes, Principal } from '@app/access';
import { CLOCK, Clock } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { agendaSizes, CASE_STAGES, CaseListItem, casesProjection, CaseStage, listCases, meetingCasesProjection, meetingsProjection, nextMeetingOf, ProjectionRunner } from '@app/read-side';
import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { PageFrames, PageRequest } from './page-frames';
import { PagesFilter } from './pages.filter';
import { BoardRow, boardPage } from './views/board.view';
import { CASE_STATUS_NAMES, KIND_NAMES, STAGE_NAMES } from './views/danish-names';

const PAGE_SIZE = 100;


interface BoardQuery {
  q?: string;
  forum?: string;
  stage?: string;
  aged?: string;
  faste?: string;
  efter?: string;
}

/** The secretariat's board: every case by forum and stage, searchable, with what waits too long marked; a chair sees their forums'. */
@ApiExcludeController()
@PageRoutes()
@UseFilters(PagesFilter)
@Controller('tavle')
export class BoardPage {
  constructor(
    private readonly readModels: ProjectionRunner,
    private readonly frames: PageFrames,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Allow('chair')
  show(@Req() request: PageRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query() query: BoardQuery): string {
    const principal = request.principal as Principal;
    const forumId = query.forum || undefined;
    if (forumId && principal.role !== 'secretariat' && !principal.forumIds.includes(forumId)) throw forbidden();
    const stage = CASE_STAGES.includes(query.stage as CaseStage) ? (query.stage as CaseStage) : undefined;
    const q = query.q?.trim() || undefined;
    const agedOnly = query.aged === '1';
    const includeStanding = query.faste === '1';
    const visibleForums = this.frames.forums.filter((forum) => principal.role === 'secretariat' || principal.forumIds.includes(forum.id));
    const now = this.clock.now();
    const cases = this.readModels.model(casesProjection);
    const meetings = this.readModels.model(meetingsProjection);
    const page = listCases(cases, {
      q,
      forumId,
      stage,
      agedOnly,
      includeStanding,
      limit: PAGE_SIZE,
      after: query.efter || undefined,
      visibleForumIds: principal.role === 'secretariat' ? undefined : principal.forumIds,
      ageing: { ...this.config.ageing, today: this.frames.today(now) },
    });
    const upcoming = visibleForums.flatMap((forum) => {
      const meeting = nextMeetingOf(meetings, forum.id, now);
      return meeting ? [{ forum, meeting }] : [];
    });
    const sizes = agendaSizes(cases, meetings, upcoming.map(({ meeting }) => meeting.id), this.readModels.model(meetingCasesProjection));
    const nextMeetings = upcoming.map(({ forum, meeting }) => ({ meetingId: meeting.id, forumName: forum.name, when: this.frames.dateTime(meeting.startsAt), count: sizes.get(meeting.id) ?? 0 }));
    const next = page.last ? `/tavle?${new URLSearchParams({ ...(q && { q }), ...(forumId && { forum: forumId }), ...(stage && { stage }), ...(agedOnly && { aged: '1' }), ...(includeStanding && { faste: '1' }), efter: page.last }).toString()}` : undefined;
    void reply.type('text/html; charset=utf-8');
    return boardPage({
      frame: this.frames.frame(request, reply, principal.role === 'secretariat' ? 'Tavle' : 'Sager i dine fora', principal, '/tavle'),
      intro: 'Hver sag med hvor den står i hvert forum, den har været i. Sager, der er udsat eller har ventet længe, er markeret.',
      nextMeetings,
      filters: {
        q,
        aged: agedOnly,
        standing: includeStanding,
        forums: visibleForums.map((forum) => ({ id: forum.id, name: forum.name, selected: forum.id === forumId })),
        stages: CASE_STAGES.map((id) => ({ id, name: STAGE_NAMES[id], selected: id === stage })),
      },
      rows: page.items.map((item) => this.row(item)),
      nextPage: next,
      ageingRule: `En åben sag er markeret "Venter for længe", når den er udsat ${this.config.ageing.postponements} gange eller har ventet ${this.config.ageing.days} dage.`,
    });
  }

  private row(item: CaseListItem): BoardRow {
    const meetings = this.readModels.model(meetingsProjection);
    return {
      id: item.id,
      title: item.title,
      kindName: KIND_NAMES[item.kind],
      statusName: CASE_STATUS_NAMES[item.status],
      steps: item.forums.map((step) => {
        const forumName = this.frames.forumName(step.forumId);
        if (step.state === 'decided') return { text: `Besluttet i ${forumName}` };
        if (step.state === 'waiting' || !step.meetingId) return { text: `Venter på ${forumName}` };
        return { text: `På dagsordenen:`, meetingId: step.meetingId, meetingText: `${forumName} ${this.frames.date(meetings.get(step.meetingId)?.startsAt)}` };
      }),
      postponed: item.postponements > 0 ? `${item.postponements} ${item.postponements === 1 ? 'gang' : 'gange'}, senest ${this.frames.date(item.lastPostponedAt)}` : undefined,
      waitingSince: item.waitingSince && this.frames.date(item.waitingSince),
      aged: item.aged,
      standing: item.standing,
    };
  }
}
