import { CaseEvent, MeetingEvent } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { CaseSummary, GroupedCasesState } from '../cases/cases.projection';
import { entitiesIn } from '../projection-runner/projection';
import { MeetingsState } from '../meetings/meetings.projection';
import { nextMeetingOf } from '../meetings/next-meeting.query';

/** What a reaction asks for; the runner turns it into a command with this key, so it is carried out once. */
export type Reaction =
  | { kind: 'schedule'; key: string; caseId: string; meetingId: string }
  | { kind: 'wait'; key: string; caseId: string; fromMeetingId: string };

export interface SchedulingView {
  meetings: MeetingsState;
  cases: GroupedCasesState;
}

/**
 * The open cases still before the forum, in the order they came to where they stand there (waiting, or on
 * their meeting): moved onto a meeting in that order, they keep it on the agenda, which lists by arrival.
 */
const inArrivalOrder = (cases: GroupedCasesState, forumId: string): CaseSummary[] =>
  [...entitiesIn(cases, forumId)].sort((a, b) => a.forums[forumId].since - b.forums[forumId].since);

/** A case moves by itself only where the minutes say so: forwarded, or postponed to "the next meeting". */
const movesByItself = (step: { fromForumId?: string; carriedOverFrom?: string }): boolean => step.fromForumId !== undefined || step.carriedOverFrom !== undefined;

/**
 * Puts cases onto meetings the way the secretariat would: a forwarded case onto the target forum's next
 * meeting, a case postponed to "next meeting" onto its forum's next one, and the cases of a cancelled
 * meeting onto the one after; where there is no meeting yet, the case waits until one is scheduled.
 * Pure: `view` is the state when the reaction is carried out (it includes `event`, and may have moved on
 * since, as after a restart), and `now` is when. A case that is no longer waiting (put on a meeting by hand,
 * or by an earlier run of this reaction) is left where it is.
 */
export const reactToScheduling = (event: RecordedEvent, view: SchedulingView, now: string): Reaction[] => {
  const typed = event as RecordedEvent & (CaseEvent | MeetingEvent);
  /** The forum's first meeting after both now and `notBefore`: a case never moves back to an earlier meeting. */
  const nextAfter = (forumId: string, notBefore?: string) => {
    const from = notBefore && Date.parse(notBefore) > Date.parse(now) ? notBefore : now;
    return nextMeetingOf(view.meetings, forumId, from);
  };
  const scheduleOnNext = (caseId: string, forumId: string, notBefore?: string): Reaction[] => {
    const next = nextAfter(forumId, notBefore);
    return next ? [{ kind: 'schedule', key: `${event.id}.${caseId}.${forumId}`, caseId, meetingId: next.id }] : [];
  };
  const waitsIn = (caseId: string, forumId: string): boolean => {
    const summary = view.cases.get(caseId);
    return summary?.status === 'open' && summary.forums[forumId]?.state === 'waiting';
  };
  switch (typed.type) {
    case 'CaseForwarded':
      return typed.data.toForumIds.filter((forumId) => waitsIn(typed.data.caseId, forumId)).flatMap((forumId) => scheduleOnNext(typed.data.caseId, forumId));
    case 'CasePostponed':
      return typed.data.toMeetingId || !waitsIn(typed.data.caseId, typed.data.forumId)
        ? []
        : scheduleOnNext(typed.data.caseId, typed.data.forumId, view.meetings.get(typed.data.fromMeetingId)?.startsAt);
    case 'MeetingScheduled':
    case 'MeetingRescheduled': {
      const { forumId, meetingId } = typed.data;
      if (nextMeetingOf(view.meetings, forumId, now)?.id !== meetingId) return [];
      return inArrivalOrder(view.cases, forumId)
        .filter((summary) => {
          const step = summary.forums[forumId];
          return step?.state === 'waiting' && movesByItself(step);
        })
        .map((summary) => ({ kind: 'schedule', key: `${event.id}.${summary.id}`, caseId: summary.id, meetingId }));
    }
    case 'MeetingCancelled': {
      const { forumId, meetingId } = typed.data;
      const next = nextAfter(forumId, view.meetings.get(meetingId)?.startsAt);
      return inArrivalOrder(view.cases, forumId)
        .filter((summary) => summary.forums[forumId]?.state === 'scheduled' && summary.forums[forumId]?.meetingId === meetingId)
        .map((summary): Reaction =>
          next
            ? { kind: 'schedule', key: `${event.id}.${summary.id}`, caseId: summary.id, meetingId: next.id }
            : { kind: 'wait', key: `${event.id}.${summary.id}`, caseId: summary.id, fromMeetingId: meetingId },
        );
    }
    default:
      return [];
  }
};
