import { Attachment, CaseEvent, CaseKind, CaseStatus, DecisionOutcome, ForumStep, ForwardPurpose } from '@app/domain';
import { RecordedEvent } from '@app/event-store';

export interface CaseDecision {
  forumId: string;
  meetingId: string;
  outcome: DecisionOutcome;
  text: string;
  points: string[];
  decidedAt: string;
}

export interface CaseForward {
  fromForumId: string;
  fromMeetingId: string;
  toForumIds: string[];
  purpose: ForwardPurpose;
  forwardedAt: string;
}

export interface CaseDetails {
  id: string;
  forumId: string;
  title: string;
  kind: CaseKind;
  summary?: string;
  recommendation: string[];
  background?: string;
  attachments: Attachment[];
  presenter?: string;
  status: CaseStatus;
  /** Where the case stands in each forum it has reached: waiting, on a meeting, or decided. */
  forums: ForumStep[];
  decisions: CaseDecision[];
  forwards: CaseForward[];
  proposedAt: string;
  revision: number;
}

const upsertStep = (forums: ForumStep[], step: ForumStep): ForumStep[] =>
  forums.some((existing) => existing.forumId === step.forumId)
    ? forums.map((existing) => (existing.forumId === step.forumId ? step : existing))
    : [...forums, step];

const stepIn = (details: CaseDetails, forumId: string): ForumStep =>
  details.forums.find((step) => step.forumId === forumId) ?? { forumId, purpose: 'decision', state: 'waiting' };

/** The whole of one case, folded from its own stream: what `GET /api/cases/:id` shows. */
export const evolveCaseDetails = (details: CaseDetails | undefined, recorded: RecordedEvent): CaseDetails | undefined => {
  const event = recorded as RecordedEvent & CaseEvent;
  if (event.type === 'CaseProposed') {
    const { caseId, proposedAt, ...proposal } = event.data;
    return {
      id: caseId,
      ...proposal,
      status: 'open',
      forums: [{ forumId: proposal.forumId, purpose: 'decision', state: 'waiting' }],
      decisions: [],
      forwards: [],
      proposedAt,
      revision: recorded.revision,
    };
  }
  // A redelivered event is one the details already hold: the revision tells.
  if (!details || recorded.revision <= details.revision) return details;
  const next = { ...details, revision: recorded.revision };
  switch (event.type) {
    case 'CaseScheduled': {
      const { forumId, meetingId, startsAt } = event.data;
      return { ...next, forums: upsertStep(details.forums, { ...stepIn(details, forumId), state: 'scheduled', meetingId, startsAt }) };
    }
    case 'CasePostponed': {
      const { forumId, toMeetingId, toStartsAt } = event.data;
      const step = stepIn(details, forumId);
      return {
        ...next,
        forums: upsertStep(
          details.forums,
          toMeetingId ? { ...step, state: 'scheduled', meetingId: toMeetingId, startsAt: toStartsAt } : { forumId, purpose: step.purpose, state: 'waiting' },
        ),
      };
    }
    case 'CaseDecided': {
      const { forumId, meetingId, outcome, text, points, decidedAt } = event.data;
      return {
        ...next,
        forums: upsertStep(details.forums, { ...stepIn(details, forumId), state: 'decided' }),
        decisions: [...details.decisions, { forumId, meetingId, outcome, text, points, decidedAt }],
      };
    }
    case 'CaseForwarded': {
      const { caseId: _caseId, ...forward } = event.data;
      return {
        ...next,
        forums: forward.toForumIds.reduce((forums, forumId) => upsertStep(forums, { forumId, purpose: forward.purpose, state: 'waiting' }), details.forums),
        forwards: [...details.forwards, forward],
      };
    }
    case 'CaseWithdrawn':
      return { ...next, status: 'withdrawn' };
    case 'CaseClosed':
      return { ...next, status: 'closed' };
    default:
      return next;
  }
};
