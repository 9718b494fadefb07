import { DateTime } from 'luxon';
import { MeetingsState } from '../meetings/meetings.projection';
import { nextMeetingOf } from '../meetings/next-meeting.query';
import { FollowUpRecord, FollowUpsState } from './follow-ups.projection';

export interface FollowUpView extends FollowUpRecord {
  /** The date it is due: its own, or the date of the meeting it must be done before. */
  dueDate?: string;
  dueMeetingId?: string;
  overdue: boolean;
  daysOverdue?: number;
}

export interface FollowUpsFilter {
  status?: 'open' | 'overdue' | 'done';
  forumId?: string;
  /** Matches an owner's name or organisation, ignoring case. */
  owner?: string;
  caseId?: string;
}

/**
 * "Before the next meeting of X" means the first meeting of X after the follow-up was given, as the
 * meetings stand now: it follows that meeting when it moves, and the one after when it is cancelled.
 */
export const resolveFollowUp = (record: FollowUpRecord, meetings: MeetingsState, today: string): FollowUpView => {
  const meeting = record.dueBeforeMeetingOfForumId ? nextMeetingOf(meetings, record.dueBeforeMeetingOfForumId, record.assignedAt, { includeHeld: true }) : undefined;
  const dueDate = record.due ?? meeting?.startsAt.slice(0, 10);
  const overdue = record.status === 'open' && dueDate !== undefined && dueDate < today;
  return {
    ...record,
    dueDate,
    dueMeetingId: meeting?.id,
    overdue,
    daysOverdue: overdue && dueDate ? DateTime.fromISO(today).diff(DateTime.fromISO(dueDate), 'days').days : undefined,
  };
};

const ownedBy = (record: FollowUpRecord, owner: string): boolean =>
  record.owners.some((candidate) => [candidate.name, candidate.organisation, candidate.email].some((value) => value?.toLowerCase() === owner.toLowerCase()));

/** Follow-ups by status, forum, owner and case; overdue ones first by how late they are, then by due date. */
export const listFollowUps = (followUps: FollowUpsState, meetings: MeetingsState, filter: FollowUpsFilter, today: string): FollowUpView[] =>
  [...followUps.values()]
    .filter((record) => filter.forumId === undefined || record.forumId === filter.forumId)
    .filter((record) => filter.caseId === undefined || record.caseId === filter.caseId)
    .filter((record) => filter.owner === undefined || ownedBy(record, filter.owner))
    .map((record) => resolveFollowUp(record, meetings, today))
    .filter((view) => {
      switch (filter.status) {
        case undefined:
          return true;
        case 'overdue':
          return view.overdue;
        default:
          return view.status === filter.status;
      }
    })
    .sort((a, b) => (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
