import { IsoDateTime } from '../shared/time';
import { CaseEvent, ForwardPurpose } from './case.events';

/**
 * Where a case stands in one forum: waiting for a meeting, on a meeting, or decided there. A case can be on
 * the table of several forums at once (forwarded to K17 and KKR), so it has one step per forum.
 */
export interface ForumStep {
  readonly forumId: string;
  readonly purpose: ForwardPurpose;
  readonly state: 'waiting' | 'scheduled' | 'decided';
  readonly meetingId?: string;
  readonly startsAt?: IsoDateTime;
  /** The forum it was forwarded from; absent in the forum where it was raised. */
  readonly fromForumId?: string;
  /** The meeting of this forum it was moved from: postponed, or its meeting cancelled. */
  readonly carriedOverFrom?: string;
  /**
   * An ordinal the caller hands in with the event that put the case on its meeting or in its queue: the read
   * side passes the event's log position, so agendas and pipelines keep the order cases arrived in. A
   * decision keeps it. The decider passes none.
   */
  readonly since?: number;
}

export type ForumSteps = Readonly<Record<string, ForumStep>>;

/**
 * Every step is built here, with all fields in one order (absent ones undefined, which JSON leaves out): the
 * read side folds a million of them, and objects of one shape keep copying on V8's fast path.
 */
const step = (
  forumId: string,
  purpose: ForwardPurpose,
  state: ForumStep['state'],
  meetingId: string | undefined,
  startsAt: IsoDateTime | undefined,
  fromForumId: string | undefined,
  carriedOverFrom: string | undefined,
  since: number | undefined,
): ForumStep => ({ forumId, purpose, state, meetingId, startsAt, fromForumId, carriedOverFrom, since });

const withStep = (steps: ForumSteps, next: ForumStep): ForumSteps => {
  const copy: Record<string, ForumStep> = { ...steps };
  copy[next.forumId] = next;
  return copy;
};

/** The steps after `event`: the one fold of "where does the case stand in each forum", for the decider and the read side alike. */
export const evolveForumSteps = (steps: ForumSteps, event: CaseEvent, since?: number): ForumSteps => {
  switch (event.type) {
    case 'CaseProposed':
      return { [event.data.forumId]: step(event.data.forumId, 'decision', 'waiting', undefined, undefined, undefined, undefined, since) };
    case 'CaseScheduled': {
      const { forumId, meetingId, startsAt, previousMeetingId } = event.data;
      const current = steps[forumId];
      return withStep(
        steps,
        step(forumId, current?.purpose ?? 'decision', 'scheduled', meetingId, startsAt, current?.fromForumId, previousMeetingId ?? current?.carriedOverFrom, since),
      );
    }
    case 'CasePostponed': {
      const { forumId, fromMeetingId, toMeetingId, toStartsAt } = event.data;
      const current = steps[forumId];
      return withStep(
        steps,
        step(forumId, current?.purpose ?? 'decision', toMeetingId ? 'scheduled' : 'waiting', toMeetingId, toStartsAt, current?.fromForumId, fromMeetingId, since),
      );
    }
    case 'CaseDecided': {
      const { forumId, meetingId } = event.data;
      const current = steps[forumId];
      return withStep(
        steps,
        step(forumId, current?.purpose ?? 'decision', 'decided', meetingId, current?.startsAt, current?.fromForumId, current?.carriedOverFrom, current?.since ?? since),
      );
    }
    case 'CaseForwarded': {
      const { fromForumId, toForumIds, purpose } = event.data;
      let next = steps;
      for (const forumId of toForumIds) next = withStep(next, step(forumId, purpose, 'waiting', undefined, undefined, fromForumId, undefined, since));
      return next;
    }
    case 'CaseWithdrawn':
    case 'CaseClosed':
      return steps;
  }
};
