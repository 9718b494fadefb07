import { Attachment, CaseEvent, CaseKind, CaseStatus, DecisionOutcome, evolveForumSteps, ForumStep, ForumSteps, ForwardPurpose } from '@app/domain';
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

const stepsOf = (forums: readonly ForumStep[]): ForumSteps => Object.fromEntries(forums.map((step) => [step.forumId, step]));

/** The whole of one case, folded from its own stream: what `GET /api/cases/:id` shows. */
export const evolveCaseDetails = (details: CaseDetails | undefined, recorded: RecordedEvent): CaseDetails | undefined => {
  const event = recorded as RecordedEvent & CaseEvent;
  if (event.type === 'CaseProposed') {
    const { caseId, proposedAt, ...proposal } = event.data;
    return {
      id: caseId,
      ...proposal,
      status: 'open',
      forums: Object.values(evolveForumSteps({}, event)),
      decisions: [],
      forwards: [],
      proposedAt,
      revision: recorded.revision,
    };
  }
  // A redelivered event is one the details already hold: the revision tells.
  if (!details || recorded.revision <= details.revision) return details;
  const next = { ...details, revision: recorded.revision, forums: Object.values(evolveForumSteps(stepsOf(details.forums), event)) };
  switch (event.type) {
    case 'CaseDecided': {
      const { forumId, meetingId, outcome, text, points, decidedAt } = event.data;
      return { ...next, decisions: [...details.decisions, { forumId, meetingId, outcome, text, points, decidedAt }] };
    }
    case 'CaseForwarded': {
      const { caseId: _caseId, ...forward } = event.data;
      return { ...next, forwards: [...details.forwards, forward] };
    }
    case 'CaseWithdrawn':
      return { ...next, status: 'withdrawn' };
    case 'CaseClosed':
      return { ...next, status: 'closed' };
    default:
      return next;
  }
};
