import { CaseEvent, CaseKind, CaseStatus, DecisionOutcome, evolveForumSteps, ForumStep, ForwardPurpose } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { GroupedProjection, GroupedReadModel, ReadModel } from '../projection-runner/projection';

/** Where a case stands in one forum; `since` is the log position of the event that put it on its meeting or in its queue. */
export type CaseInForum = ForumStep & { readonly since: number };

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
  /** Who presents it at its meetings, as the proposal names them: whom the material deadline reminds. */
  presenter?: string;
  /** When it was proposed, as recorded in the event: where its wait began. */
  proposedAt: string;
  /** A standing item of the forum's meetings ("Godkendelse af dagsorden", "Evt."); false for a matter and for events from before the mark. */
  standing: boolean;
  status: CaseStatus;
  forums: Readonly<Record<string, CaseInForum>>;
  flow: readonly FlowEntry[];
}

export type CasesState = ReadModel<CaseSummary>;

/** The cases, with the open ones still to be taken up by each forum at hand: see `casesProjection.groupsOf`. */
export type GroupedCasesState = GroupedReadModel<CaseSummary>;

const isCaseEvent = (event: RecordedEvent): event is RecordedEvent & CaseEvent => event.type.startsWith('Case');

/**
 * Every summary is built here (and every step by the domain's fold), with all fields in one order (absent ones undefined, which
 * JSON leaves out): a million events then make objects of one shape, and copying them stays on V8's fast
 * path. Spreads over objects of many shapes made the cases projection the slowest part of a rebuild.
 */
const summaryWith = (summary: CaseSummary, status: CaseStatus, forums: Readonly<Record<string, CaseInForum>>, flow: readonly FlowEntry[]): CaseSummary => ({
  id: summary.id,
  title: summary.title,
  kind: summary.kind,
  forumId: summary.forumId,
  presenter: summary.presenter,
  proposedAt: summary.proposedAt,
  standing: summary.standing,
  status,
  forums,
  flow,
});

/** The read side always hands the event's position in, so every step it folds has its `since`. */
const stepsAfter = (forums: Readonly<Record<string, CaseInForum>>, event: RecordedEvent & CaseEvent): Readonly<Record<string, CaseInForum>> =>
  evolveForumSteps(forums, event, event.position) as Readonly<Record<string, CaseInForum>>;

/** Flow entries are appended once per event, so a redelivered event leaves the flow as it was. */
const flowWith = (flow: readonly FlowEntry[], entry: FlowEntry): readonly FlowEntry[] =>
  flow.some((existing) => existing.eventId === entry.eventId) ? flow : [...flow, entry];

const evolveSummary = (summary: CaseSummary, event: RecordedEvent & CaseEvent): CaseSummary => {
  const eventId = event.id;
  switch (event.type) {
    case 'CaseProposed':
      return summary;
    case 'CaseScheduled':
      return summaryWith(summary, summary.status, stepsAfter(summary.forums, event), summary.flow);
    case 'CasePostponed': {
      const { forumId, fromMeetingId, toMeetingId, postponedAt } = event.data;
      const entry: FlowEntry = { eventId, forumId, meetingId: fromMeetingId, what: 'postponed', at: postponedAt, toMeetingId };
      return summaryWith(summary, summary.status, stepsAfter(summary.forums, event), flowWith(summary.flow, entry));
    }
    case 'CaseDecided': {
      const { forumId, meetingId, outcome, text, decidedAt } = event.data;
      const entry: FlowEntry = { eventId, forumId, meetingId, what: 'decided', at: decidedAt, outcome, text };
      return summaryWith(summary, summary.status, stepsAfter(summary.forums, event), flowWith(summary.flow, entry));
    }
    case 'CaseForwarded': {
      const { fromForumId, fromMeetingId, toForumIds, purpose, forwardedAt } = event.data;
      const entry: FlowEntry = { eventId, forumId: fromForumId, meetingId: fromMeetingId, what: 'forwarded', at: forwardedAt, toForumIds, purpose };
      return summaryWith(summary, summary.status, stepsAfter(summary.forums, event), flowWith(summary.flow, entry));
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

const NO_FORUMS: readonly string[] = [];

/**
 * Every case with where it stands in each forum and what has happened to it: flow, pipelines, agendas. Grouped
 * by the forums an open case waits for or is scheduled in, so that a forum's pipeline and the process
 * manager's moves for a meeting look at that forum's open cases, not at every case of years.
 */
export const casesProjection: GroupedProjection<CaseSummary> = {
  name: 'cases',
  version: 5,
  keyOf: (event) => (isCaseEvent(event) ? event.data.caseId : undefined),
  evolve(summary, recorded) {
    const event = recorded as RecordedEvent & CaseEvent;
    if (event.type === 'CaseProposed') {
      if (summary) return summary;
      const { caseId, title, kind, forumId, presenter, standing, proposedAt } = event.data;
      return { id: caseId, title, kind, forumId, presenter, proposedAt, standing: standing === true, status: 'open', forums: stepsAfter({}, event), flow: [] };
    }
    return summary && evolveSummary(summary, event);
  },
  groupsOf(summary) {
    if (summary.status !== 'open') return NO_FORUMS;
    const forums: string[] = [];
    for (const forumId in summary.forums) if (summary.forums[forumId].state !== 'decided') forums.push(forumId);
    return forums;
  },
};
