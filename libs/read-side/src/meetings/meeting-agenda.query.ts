import { CasesState, CaseSummary } from '../cases/cases.projection';
import { MeetingCasesState } from './meeting-cases.projection';
import { MeetingsState, MeetingView } from './meetings.projection';

/**
 * The cases that may be on a meeting: those the index lists for it, or, without the index, every case. A
 * caller with the read models at hand passes the index; what is on the agenda is decided case by case alike.
 */
const candidates = (cases: CasesState, meetingId: string, index?: MeetingCasesState): Iterable<CaseSummary> =>
  index ? (index.get(meetingId) ?? []).flatMap((caseId) => cases.get(caseId) ?? []) : cases.values();

export interface AgendaItem {
  number: number;
  caseId: string;
  title: string;
  kind: string;
  presenter?: string;
  purpose: 'decision' | 'information';
  state: 'scheduled' | 'decided';
  /** The earlier meeting it was carried over from: postponed, or moved from a cancelled meeting. */
  carriedOverFrom?: string;
  fromForumId?: string;
}

export interface MeetingAgenda {
  meeting: MeetingView;
  items: AgendaItem[];
}

/** The cases on a meeting in the order they were put there, carried-over ones marked; withdrawn ones are off it. */
export const meetingAgenda = (cases: CasesState, meetings: MeetingsState, meetingId: string, index?: MeetingCasesState): MeetingAgenda | undefined => {
  const meeting = meetings.get(meetingId);
  if (!meeting) return undefined;
  const items = [...candidates(cases, meetingId, index)]
    .flatMap((summary) => {
      const step = summary.forums[meeting.forumId];
      if (summary.status === 'withdrawn' || !step || step.meetingId !== meetingId || step.state === 'waiting') return [];
      return [{ since: step.since, summary, step }];
    })
    .sort((a, b) => a.since - b.since)
    .map(({ summary, step }, index) => ({
      number: index + 1,
      caseId: summary.id,
      title: summary.title,
      kind: summary.kind,
      presenter: summary.presenter,
      purpose: step.purpose,
      state: step.state as 'scheduled' | 'decided',
      carriedOverFrom: step.carriedOverFrom,
      fromForumId: step.fromForumId,
    }));
  return { meeting, items };
};

/**
 * How many cases each meeting's agenda lists, as `meetingAgenda` would give them, in one pass over the cases
 * for all the meetings asked: the board shows the count for each forum's next meeting, and a pass per
 * meeting read every case once for each. A meeting not known counts 0.
 */
export const agendaSizes = (cases: CasesState, meetings: MeetingsState, meetingIds: readonly string[], index?: MeetingCasesState): Map<string, number> => {
  if (index) return new Map(meetingIds.map((id) => [id, meetingAgenda(cases, meetings, id, index)?.items.length ?? 0]));
  const sizes = new Map<string, number>(meetingIds.map((id) => [id, 0]));
  const forumOf = new Map<string, string>();
  for (const id of meetingIds) {
    const meeting = meetings.get(id);
    if (meeting) forumOf.set(id, meeting.forumId);
  }
  for (const summary of cases.values()) {
    if (summary.status === 'withdrawn') continue;
    for (const forumId in summary.forums) {
      const step = summary.forums[forumId];
      if (step.meetingId === undefined || step.state === 'waiting' || forumOf.get(step.meetingId) !== forumId) continue;
      sizes.set(step.meetingId, (sizes.get(step.meetingId) as number) + 1);
    }
  }
  return sizes;
};
