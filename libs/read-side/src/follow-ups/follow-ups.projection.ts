import { EscalationLevel, FollowUpEvent, FollowUpStatus, Owner } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection, ReadModel } from '../projection-runner/projection';

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

export type FollowUpsState = ReadModel<FollowUpRecord>;

const isFollowUpEvent = (event: RecordedEvent): event is RecordedEvent & FollowUpEvent => event.type.startsWith('FollowUp');

export const followUpsProjection: Projection<FollowUpRecord> = {
  name: 'follow-ups',
  version: 1,
  keyOf: (event) => (isFollowUpEvent(event) ? event.data.followUpId : undefined),
  evolve(record, recorded) {
    const event = recorded as RecordedEvent & FollowUpEvent;
    if (event.type === 'FollowUpAssigned') {
      const { followUpId, assignedAt, ...assignment } = event.data;
      return { id: followUpId, ...assignment, status: 'open', assignedAt };
    }
    if (!record) return record;
    switch (event.type) {
      case 'FollowUpCompleted':
        return { ...record, status: 'done', completedAt: event.data.completedAt, note: event.data.note };
      case 'FollowUpRescheduled':
        return { ...record, due: event.data.due, dueBeforeMeetingOfForumId: undefined };
      case 'FollowUpCancelled':
        return { ...record, status: 'cancelled' };
      case 'FollowUpEscalated':
        return { ...record, escalatedTo: event.data.level };
    }
  },
};
