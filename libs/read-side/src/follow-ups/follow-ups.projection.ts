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

/**
 * Every record is built here, with all fields in one order (absent ones undefined, which JSON leaves out), and
 * then changed before anyone sees it: records of one shape keep a rebuild of years of follow-ups fast, where
 * a rest-and-spread copy per event made each record a shape of its own.
 */
const copyOf = (record: FollowUpRecord): FollowUpRecord => ({
  id: record.id,
  caseId: record.caseId,
  forumId: record.forumId,
  description: record.description,
  owners: record.owners,
  due: record.due,
  dueBeforeMeetingOfForumId: record.dueBeforeMeetingOfForumId,
  status: record.status,
  assignedAt: record.assignedAt,
  completedAt: record.completedAt,
  note: record.note,
  escalatedTo: record.escalatedTo,
});

export const followUpsProjection: Projection<FollowUpRecord> = {
  name: 'follow-ups',
  version: 1,
  keyOf: (event) => (isFollowUpEvent(event) ? event.data.followUpId : undefined),
  evolve(record, recorded) {
    const event = recorded as RecordedEvent & FollowUpEvent;
    if (event.type === 'FollowUpAssigned') {
      const { followUpId, caseId, forumId, description, owners, due, dueBeforeMeetingOfForumId, assignedAt } = event.data;
      return copyOf({ id: followUpId, caseId, forumId, description, owners, due, dueBeforeMeetingOfForumId, status: 'open', assignedAt });
    }
    // A reminder asked for changes nothing a list shows.
    if (!record || event.type === 'FollowUpReminderRequested') return record;
    const next = copyOf(record);
    switch (event.type) {
      case 'FollowUpCompleted':
        next.status = 'done';
        next.completedAt = event.data.completedAt;
        next.note = event.data.note;
        return next;
      case 'FollowUpRescheduled':
        next.due = event.data.due;
        next.dueBeforeMeetingOfForumId = undefined;
        return next;
      case 'FollowUpCancelled':
        next.status = 'cancelled';
        return next;
      case 'FollowUpEscalated':
        next.escalatedTo = event.data.level;
        return next;
    }
  },
};
