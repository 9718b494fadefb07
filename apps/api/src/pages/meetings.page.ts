import { Allow, forbidden, PageRoutes, Principal, seesForum } from '@app/access';
import { CLOCK, Clock } from '@app/commands';
import { RefusedError, refuseAsNotFound } from '@app/domain';
import { casesProjection, followUpsModelsOf, forumCalendar, listFollowUps, meetingAgenda, meetingCasesProjection, meetingsProjection, MeetingView, ProjectionRunner } from '@app/read-side';
import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { PageFrames, PageRequest } from './page-frames';
import { PagesFilter } from './pages.filter';
import { FOLLOW_UP_STATUS_NAMES, PURPOSE_NAMES } from './views/danish-names';
import { MeetingLine, meetingPage, meetingsPage } from './views/meetings.view';

/** How many held meetings the list shows. */
const RECENT = 12;

const MEETING_STATUS_NAMES: Record<string, string | undefined> = { cancelled: 'aflyst', held: undefined, scheduled: undefined };

/** The meetings of one's forums, a meeting's agenda with carried-over cases marked and the follow-ups due there, and the forums' calendars. */
@ApiExcludeController()
@PageRoutes()
@UseFilters(PagesFilter)
@Controller('moeder')
export class MeetingsPage {
  constructor(
    private readonly readModels: ProjectionRunner,
    private readonly frames: PageFrames,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Allow('chair', 'member')
  list(@Req() request: PageRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    const principal = request.principal as Principal;
    const now = this.clock.now();
    const seen = [...this.readModels.model(meetingsProjection).values()].filter((meeting) => seesForum(principal, meeting.forumId));
    const upcoming = seen.filter((meeting) => meeting.startsAt >= now && meeting.status !== 'held').sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
    const past = seen.filter((meeting) => meeting.startsAt < now || meeting.status === 'held').sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1)).slice(0, RECENT);
    void reply.type('text/html; charset=utf-8');
    return meetingsPage({
      frame: this.frames.frame(request, reply, 'Møder', principal, '/moeder'),
      upcoming: upcoming.map((meeting) => this.line(meeting)),
      past: past.map((meeting) => this.line(meeting)),
      calendars: this.frames.forums.filter((forum) => seesForum(principal, forum.id)).map((forum) => ({ forumId: forum.id, forumName: forum.name })),
    });
  }

  @Get('kalender/:forumId')
  @Allow('chair', 'member')
  calendar(@Param('forumId') forumId: string, @Req() request: PageRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    const forum = this.frames.forums.find((candidate) => candidate.id === forumId);
    if (!forum) throw new RefusedError(refuseAsNotFound('forum.not_found', `Forummet ${forumId} findes ikke.`));
    if (!seesForum(request.principal as Principal, forumId)) throw forbidden();
    void reply.type('text/calendar; charset=utf-8').header('Content-Disposition', `attachment; filename="${forumId}.ics"`);
    return forumCalendar(forum, this.readModels.model(meetingsProjection));
  }

  @Get(':id')
  @Allow('chair', 'member')
  show(@Param('id') id: string, @Req() request: PageRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    const principal = request.principal as Principal;
    const cases = this.readModels.model(casesProjection);
    const meetings = this.readModels.model(meetingsProjection);
    const agenda = meetingAgenda(cases, meetings, id, this.readModels.model(meetingCasesProjection));
    if (!agenda) throw new RefusedError(refuseAsNotFound('meeting.not_found', `Mødet ${id} findes ikke.`));
    const { meeting } = agenda;
    if (!seesForum(principal, meeting.forumId)) throw forbidden();
    const due = listFollowUps(
      followUpsModelsOf(this.readModels),
      meetings,
      {},
      this.frames.today(this.clock.now()),
    ).filter((view) => view.dueMeetingId === id);
    const forumName = this.frames.forumName(meeting.forumId);
    void reply.type('text/html; charset=utf-8');
    return meetingPage({
      frame: this.frames.frame(request, reply, `${forumName} ${this.frames.date(meeting.startsAt)}`, principal, '/moeder'),
      forumId: meeting.forumId,
      forumName,
      when: this.frames.dateTime(meeting.startsAt),
      place: meeting.place,
      statusName: MEETING_STATUS_NAMES[meeting.status],
      agenda: agenda.items.map((item) => ({
        number: item.number,
        caseId: item.caseId,
        title: item.title,
        presenter: item.presenter,
        purposeName: PURPOSE_NAMES[item.purpose],
        decided: item.state === 'decided',
        carriedOver: item.carriedOverFrom && this.meetingText(meetings.get(item.carriedOverFrom)),
        fromForumName: item.fromForumId && this.frames.forumName(item.fromForumId),
      })),
      followUps: due.map((view) => ({
        description: view.description,
        owners: view.owners.map((owner) => owner.name).join(', '),
        caseId: view.caseId,
        caseTitle: cases.get(view.caseId)?.title ?? view.caseId,
        statusName: view.overdue ? 'over fristen' : (FOLLOW_UP_STATUS_NAMES[view.status] ?? view.status),
      })),
    });
  }

  private line(meeting: MeetingView): MeetingLine {
    return { id: meeting.id, forumName: this.frames.forumName(meeting.forumId), when: this.frames.dateTime(meeting.startsAt), statusName: MEETING_STATUS_NAMES[meeting.status] ?? '', place: meeting.place };
  }

  private meetingText(meeting: MeetingView | undefined): string {
    return meeting ? `${this.frames.forumName(meeting.forumId)} ${this.frames.date(meeting.startsAt)}` : 'et tidligere møde';
  }
}
