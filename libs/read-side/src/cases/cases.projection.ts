import { CaseEvent, CaseKind, CaseStatus, DecisionOutcome, ForwardPurpose } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection, ReadModel } from '../projection-runner/projection';

/** Where a case stands in one forum. */
export interface CaseInForum {
  forumId: string;
  purpose: ForwardPurpose;
  state: 'waiting' | 'scheduled' | 'decided';
  meetingId?: string;
  /** The forum it was forwarded from; absent in the forum where it was raised. */
  fromForumId?: string;
  /** The meeting of this forum it was moved from: postponed, or its meeting cancelled. */
  carriedOverFrom?: string;
  /** Position of the event that put it on its meeting or in its queue: the agenda's order and the pipeline's. */
  since: number;
}

/** One thing that happened to a case on its way up the chain. */
export interface FlowEntry {
  eventId: string;
  forumId: string;
  meetingId?: string;
  what: 'postponed' | 'decided' | 'forwarded' | 'withdrawn' | 'closed';
  /** When it happened, as recorded in the event. */
  at: string;
  outcome?: DecisionOutcome;
  text?: string;
  toMeetingId?: string;
  toForumIds?: string[];
  purpose?: ForwardPurpose;
}

export interface CaseSummary {
  id: string;
  title: string;
  kind: CaseKind;
  forumId: string;
  status: CaseStatus;
  forums: Readonly<Record<string, CaseInForum>>;
  flow: readonly FlowEntry[];
}

export type CasesState = ReadModel<CaseSummary>;

const isCaseEvent = (event: RecordedEvent): event is RecordedEvent & CaseEvent => event.type.startsWith('Case');

/** A new forums object, written key by key: a literal with a spread and a computed key is several times slower here. */
const withForum = (summary: CaseSummary, step: CaseInForum): CaseSummary => {
  const forums: Record<string, CaseInForum> = {};
  for (const forumId in summary.forums) forums[forumId] = summary.forums[forumId];
  forums[step.forumId] = step;
  return { ...summary, forums };
};

/** Flow entries are appended once per event, so a redelivered event leaves the flow as it was. */
const withFlow = (summary: CaseSummary, entry: FlowEntry): CaseSummary =>
  summary.flow.some((existing) => existing.eventId === entry.eventId) ? summary : { ...summary, flow: [...summary.flow, entry] };

const evolveSummary = (summary: CaseSummary, event: RecordedEvent & CaseEvent): CaseSummary => {
  // Each entry names eventId itself: spreading a shared `{ eventId }` into every literal was most of the cost of a rebuild.
  const eventId = event.id;
  switch (event.type) {
    case 'CaseProposed':
      return summary;
    case 'CaseScheduled': {
      const { forumId, meetingId, previousMeetingId } = event.data;
      const step = summary.forums[forumId];
      return withForum(summary, {
        ...step,
        forumId,
        purpose: step?.purpose ?? 'decision',
        state: 'scheduled',
        meetingId,
        carriedOverFrom: previousMeetingId ?? step?.carriedOverFrom,
        since: event.position,
      });
    }
    case 'CasePostponed': {
      const { forumId, fromMeetingId, toMeetingId, postponedAt } = event.data;
      const step = summary.forums[forumId];
      const moved: CaseInForum = toMeetingId
        ? { ...step, state: 'scheduled', meetingId: toMeetingId, carriedOverFrom: fromMeetingId, since: event.position }
        : { ...step, state: 'waiting', meetingId: undefined, carriedOverFrom: fromMeetingId, since: event.position };
      return withFlow(withForum(summary, moved), { eventId, forumId, meetingId: fromMeetingId, what: 'postponed', at: postponedAt, toMeetingId });
    }
    case 'CaseDecided': {
      const { forumId, meetingId, outcome, text, decidedAt } = event.data;
      return withFlow(withForum(summary, { ...summary.forums[forumId], state: 'decided', meetingId }), {
        eventId,
        forumId,
        meetingId,
        what: 'decided',
        at: decidedAt,
        outcome,
        text,
      });
    }
    case 'CaseForwarded': {
      const { fromForumId, fromMeetingId, toForumIds, purpose, forwardedAt } = event.data;
      const forwarded = toForumIds.reduce(
        (next, forumId) => withForum(next, { forumId, purpose, state: 'waiting', fromForumId, since: event.position }),
        summary,
      );
      return withFlow(forwarded, { eventId, forumId: fromForumId, meetingId: fromMeetingId, what: 'forwarded', at: forwardedAt, toForumIds, purpose });
    }
    case 'CaseWithdrawn':
      return withFlow({ ...summary, status: 'withdrawn' }, { eventId, forumId: summary.forumId, what: 'withdrawn', at: event.data.withdrawnAt });
    case 'CaseClosed':
      return withFlow({ ...summary, status: 'closed' }, { eventId, forumId: summary.forumId, what: 'closed', at: event.data.closedAt });
  }
};

/** Every case with where it stands in each forum and what has happened to it: flow, pipelines, agendas. */
export const casesProjection: Projection<CaseSummary> = {
  name: 'cases',
  version: 1,
  keyOf: (event) => (isCaseEvent(event) ? event.data.caseId : undefined),
  evolve(summary, recorded) {
    const event = recorded as RecordedEvent & CaseEvent;
    if (event.type === 'CaseProposed') {
      if (summary) return summary;
      const { caseId, title, kind, forumId } = event.data;
      return { id: caseId, title, kind, forumId, status: 'open', forums: { [forumId]: { forumId, purpose: 'decision', state: 'waiting', since: event.position } }, flow: [] };
    }
    return summary && evolveSummary(summary, event);
  },
};
