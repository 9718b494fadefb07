import { IsoDate, IsoDateTime } from '../shared/time';

export interface Owner {
  name: string;
  email?: string;
  organisation?: string;
}

/** Steps of the overdue escalation, in order: the owner, the secretariat, the forum's chair, the next agenda. */
export type EscalationLevel = 'owner' | 'secretariat' | 'chair' | 'agenda';
export const escalationLevels: readonly EscalationLevel[] = ['owner', 'secretariat', 'chair', 'agenda'];

export type FollowUpAssigned = {
  type: 'FollowUpAssigned';
  data: {
    followUpId: string;
    caseId: string;
    forumId: string;
    description: string;
    owners: Owner[];
    due?: IsoDate;
    /** Due before the next meeting of this forum, whenever that is; the read side resolves it to a date. */
    dueBeforeMeetingOfForumId?: string;
    assignedAt: IsoDateTime;
  };
};

export type FollowUpCompleted = { type: 'FollowUpCompleted'; data: { followUpId: string; caseId: string; note?: string; completedAt: IsoDateTime } };

export type FollowUpRescheduled = {
  type: 'FollowUpRescheduled';
  data: { followUpId: string; caseId: string; due: IsoDate; previousDue?: IsoDate; rescheduledAt: IsoDateTime };
};

export type FollowUpCancelled = { type: 'FollowUpCancelled'; data: { followUpId: string; caseId: string; reason?: string; cancelledAt: IsoDateTime } };

export type FollowUpEscalated = {
  type: 'FollowUpEscalated';
  data: { followUpId: string; caseId: string; level: EscalationLevel; escalatedAt: IsoDateTime };
};

/** Someone asked for the owners to be reminded now, outside the reminders' own times; each request is one mail to each owner. */
export type FollowUpReminderRequested = {
  type: 'FollowUpReminderRequested';
  data: { followUpId: string; caseId: string; requestedBy?: string; requestedAt: IsoDateTime };
};

export type FollowUpEvent = FollowUpAssigned | FollowUpCompleted | FollowUpRescheduled | FollowUpCancelled | FollowUpEscalated | FollowUpReminderRequested;

export const followUpStreamId = (followUpId: string): string => `follow-up-${followUpId}`;
