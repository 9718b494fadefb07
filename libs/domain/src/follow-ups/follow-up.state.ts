import { IsoDate } from '../shared/time';
import { EscalationLevel, FollowUpEvent } from './follow-up.events';

export type FollowUpStatus = 'open' | 'done' | 'cancelled';

export type FollowUpState =
  | { status: 'none' }
  | { status: FollowUpStatus; followUpId: string; caseId: string; forumId: string; due?: IsoDate; escalatedTo?: EscalationLevel };

export const initialFollowUpState = (): FollowUpState => ({ status: 'none' });

export const evolveFollowUp = (state: FollowUpState, event: FollowUpEvent): FollowUpState => {
  if (event.type === 'FollowUpAssigned') {
    const { followUpId, caseId, forumId, due } = event.data;
    return { status: 'open', followUpId, caseId, forumId, due };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'FollowUpCompleted':
      return { ...state, status: 'done' };
    case 'FollowUpRescheduled':
      return { ...state, due: event.data.due };
    case 'FollowUpCancelled':
      return { ...state, status: 'cancelled' };
    case 'FollowUpEscalated':
      return { ...state, escalatedTo: event.data.level };
    case 'FollowUpReminderRequested':
      return state;
  }
};
