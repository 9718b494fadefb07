import { evolveForumSteps, ForumSteps } from './case-forum-steps';
import { CaseEvent, CaseKind } from './case.events';

export type CaseStatus = 'open' | 'withdrawn' | 'closed';

export type CaseState =
  | { status: 'none' }
  | { status: CaseStatus; caseId: string; forumId: string; title: string; kind: CaseKind; steps: ForumSteps };

export type ExistingCase = Exclude<CaseState, { status: 'none' }>;

export const initialCaseState = (): CaseState => ({ status: 'none' });

export const evolveCase = (state: CaseState, event: CaseEvent): CaseState => {
  if (event.type === 'CaseProposed') {
    const { caseId, forumId, title, kind } = event.data;
    return { status: 'open', caseId, forumId, title, kind, steps: evolveForumSteps({}, event) };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CaseWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'CaseClosed':
      return { ...state, status: 'closed' };
    default:
      return { ...state, steps: evolveForumSteps(state.steps, event) };
  }
};
