/**
 * The overdue query exactly as it was before it was made fast (commit 87dbc4b), kept here so that every run
 * proves the fast one still gives the same answer, item for item and in the same order, on a million events.
 */
import { DateTime } from 'luxon';
import type { FollowUpRecord, FollowUpsFilter, FollowUpsState, FollowUpView, MeetingsState, MeetingView } from '@app/read-side';

const nextMeetingOf = (meetings: MeetingsState, forumId: string, after: string, options: { includeHeld?: boolean } = {}): MeetingView | undefined => {
  const from = Date.parse(after);
  let next: MeetingView | undefined;
  for (const meeting of meetings.values()) {
    if (meeting.forumId !== forumId || meeting.status === 'cancelled' || (meeting.status === 'held' && !options.includeHeld)) continue;
    const starts = Date.parse(meeting.startsAt);
    if (starts > from && (!next || starts < Date.parse(next.startsAt))) next = meeting;
  }
  return next;
};

const resolveFollowUp = (record: FollowUpRecord, meetings: MeetingsState, today: string): FollowUpView => {
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
export const referenceListFollowUps = (followUps: FollowUpsState, meetings: MeetingsState, filter: FollowUpsFilter, today: string): FollowUpView[] =>
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
