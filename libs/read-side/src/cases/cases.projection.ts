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

/**
 * Every summary and every step is built by these two, with all fields in one order (absent ones undefined, which
 * JSON leaves out): a million events then make objects of one shape, and copying them stays on V8's fast
 * path. Spreads over objects of many shapes made the cases projection the slowest part of a rebuild.
 */
const summaryWith = (summary: CaseSummary, status: CaseStatus, forums: Readonly<Record<string, CaseInForum>>, flow: readonly FlowEntry[]): CaseSummary => ({
  id: summary.id,
  title: summary.title,
  kind: summary.kind,
  forumId: summary.forumId,
  status,
  forums,
  flow,
});

const stepOf = (
  forumId: string,
  purpose: ForwardPurpose,
  state: CaseInForum['state'],
  meetingId: string | undefined,
  fromForumId: string | undefined,
  carriedOverFrom: string | undefined,
  since: number,
): CaseInForum => ({ forumId, purpose, state, meetingId, fromForumId, carriedOverFrom, since });

const withStep = (forums: Readonly<Record<string, CaseInForum>>, step: CaseInForum): Record<string, CaseInForum> => {
  const next = { ...forums };
  next[step.forumId] = step;
  return next;
};

/** Flow entries are appended once per event, so a redelivered event leaves the flow as it was. */
const flowWith = (flow: readonly FlowEntry[], entry: FlowEntry): readonly FlowEntry[] =>
  flow.some((existing) => existing.eventId === entry.eventId) ? flow : [...flow, entry];

const evolveSummary = (summary: CaseSummary, event: RecordedEvent & CaseEvent): CaseSummary => {
  const eventId = event.id;
  switch (event.type) {
    case 'CaseProposed':
      return summary;
    case 'CaseScheduled': {
      const { forumId, meetingId, previousMeetingId } = event.data;
      const step = summary.forums[forumId];
      const scheduled = stepOf(forumId, step?.purpose ?? 'decision', 'scheduled', meetingId, step?.fromForumId, previousMeetingId ?? step?.carriedOverFrom, event.position);
      return summaryWith(summary, summary.status, withStep(summary.forums, scheduled), summary.flow);
    }
    case 'CasePostponed': {
      const { forumId, fromMeetingId, toMeetingId, postponedAt } = event.data;
      const step = summary.forums[forumId];
      const moved = stepOf(forumId, step?.purpose ?? 'decision', toMeetingId ? 'scheduled' : 'waiting', toMeetingId, step?.fromForumId, fromMeetingId, event.position);
      const entry: FlowEntry = { eventId, forumId, meetingId: fromMeetingId, what: 'postponed', at: postponedAt, toMeetingId };
      return summaryWith(summary, summary.status, withStep(summary.forums, moved), flowWith(summary.flow, entry));
    }
    case 'CaseDecided': {
      const { forumId, meetingId, outcome, text, decidedAt } = event.data;
      const step = summary.forums[forumId];
      const decided = stepOf(forumId, step?.purpose ?? 'decision', 'decided', meetingId, step?.fromForumId, step?.carriedOverFrom, step?.since ?? event.position);
      const entry: FlowEntry = { eventId, forumId, meetingId, what: 'decided', at: decidedAt, outcome, text };
      return summaryWith(summary, summary.status, withStep(summary.forums, decided), flowWith(summary.flow, entry));
    }
    case 'CaseForwarded': {
      const { fromForumId, fromMeetingId, toForumIds, purpose, forwardedAt } = event.data;
      let forums = summary.forums;
      for (const forumId of toForumIds) forums = withStep(forums, stepOf(forumId, purpose, 'waiting', undefined, fromForumId, undefined, event.position));
      const entry: FlowEntry = { eventId, forumId: fromForumId, meetingId: fromMeetingId, what: 'forwarded', at: forwardedAt, toForumIds, purpose };
      return summaryWith(summary, summary.status, forums, flowWith(summary.flow, entry));
    }
    case 'CaseWithdrawn': {
      const entry: FlowEntry = { eventId, forumId: summary.forumId, what: 'withdrawn', at: event.data.withdrawnAt };
      return summaryWith(summary, 'withdrawn', summary.forums, flowWith(summary.flow, entry));
    }
    case 'CaseClosed': {
      const entry: FlowEntry = { eventId, forumId: summary.forumId, what: 'closed', at: event.data.closedAt };
      return summaryWith(summary, 'closed', summary.forums, flowWith(summary.flow, entry));
    }
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
      const raised = stepOf(forumId, 'decision', 'waiting', undefined, undefined, undefined, event.position);
      return { id: caseId, title, kind, forumId, status: 'open', forums: { [forumId]: raised }, flow: [] };
    }
    return summary && evolveSummary(summary, event);
  },
};
