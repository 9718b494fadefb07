import { EscalationLevel, FollowUpEvent, FollowUpStatus, Owner } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection-runner/projection';

export interface FollowUpRecord {
  id: string;
  caseId: string;
  forumId: string;
  description: string;
  owners: Owner[];
  due?: string;
  dueBeforeMeetingOfForumId?: string;
  status: FollowUpStatus;
  assignedAt: string;
  completedAt?: string;
  note?: string;
  escalatedTo?: EscalationLevel;
}

export type FollowUpsState = Readonly<Record<string, FollowUpRecord>>;

const isFollowUpEvent = (event: RecordedEvent): event is RecordedEvent & FollowUpEvent => event.type.startsWith('FollowUp');

export const followUpsProjection: Projection<FollowUpsState> = {
  name: 'follow-ups',
  version: 1,
  initialState: () => ({}),
  evolve(state, event) {
    if (!isFollowUpEvent(event)) return state;
    if (event.type === 'FollowUpAssigned') {
      const { followUpId, assignedAt, ...assignment } = event.data;
      return { ...state, [followUpId]: { id: followUpId, ...assignment, status: 'open', assignedAt } };
    }
    const record = state[event.data.followUpId];
    if (!record) return state;
    switch (event.type) {
      case 'FollowUpCompleted':
        return { ...state, [record.id]: { ...record, status: 'done', completedAt: event.data.completedAt, note: event.data.note } };
      case 'FollowUpRescheduled':
        return { ...state, [record.id]: { ...record, due: event.data.due, dueBeforeMeetingOfForumId: undefined } };
      case 'FollowUpCancelled':
        return { ...state, [record.id]: { ...record, status: 'cancelled' } };
      case 'FollowUpEscalated':
        return { ...state, [record.id]: { ...record, escalatedTo: event.data.level } };
    }
  },
};
