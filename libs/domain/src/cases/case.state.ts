import { IsoDateTime } from '../shared/time';
import { CaseEvent, CaseKind, ForwardPurpose } from './case.events';

/**
 * A case can be on the table of several forums at once (forwarded to K17 and KKR), so its position is kept
 * per forum: waiting for a meeting, on a meeting, or decided there.
 */
export interface ForumStep {
  forumId: string;
  purpose: ForwardPurpose;
  state: 'waiting' | 'scheduled' | 'decided';
  meetingId?: string;
  startsAt?: IsoDateTime;
}

export type CaseStatus = 'open' | 'withdrawn' | 'closed';

export type CaseState =
  | { status: 'none' }
  | { status: CaseStatus; caseId: string; forumId: string; title: string; kind: CaseKind; steps: Record<string, ForumStep> };

export type ExistingCase = Exclude<CaseState, { status: 'none' }>;

export const initialCaseState = (): CaseState => ({ status: 'none' });

const withStep = (state: ExistingCase, step: ForumStep): ExistingCase => ({ ...state, steps: { ...state.steps, [step.forumId]: step } });

export const evolveCase = (state: CaseState, event: CaseEvent): CaseState => {
  if (event.type === 'CaseProposed') {
    const { caseId, forumId, title, kind } = event.data;
    return { status: 'open', caseId, forumId, title, kind, steps: { [forumId]: { forumId, purpose: 'decision', state: 'waiting' } } };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CaseScheduled': {
      const { forumId, meetingId, startsAt } = event.data;
      return withStep(state, { ...state.steps[forumId], forumId, state: 'scheduled', meetingId, startsAt });
    }
    case 'CasePostponed': {
      const { forumId, toMeetingId, toStartsAt } = event.data;
      const step = state.steps[forumId];
      return withStep(
        state,
        toMeetingId ? { ...step, state: 'scheduled', meetingId: toMeetingId, startsAt: toStartsAt } : { forumId, purpose: step.purpose, state: 'waiting' },
      );
    }
    case 'CaseDecided':
      return withStep(state, { ...state.steps[event.data.forumId], state: 'decided' });
    case 'CaseForwarded':
      return event.data.toForumIds.reduce<ExistingCase>(
        (next, forumId) => withStep(next, { forumId, purpose: event.data.purpose, state: 'waiting' }),
        state,
      );
    case 'CaseWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'CaseClosed':
      return { ...state, status: 'closed' };
  }
};
