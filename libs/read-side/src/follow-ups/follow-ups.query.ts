import { DateTime, Settings, Zone } from 'luxon';
import { MeetingsState, MeetingView } from '../meetings/meetings.projection';
import { nextMeetingFinder, nextMeetingOf } from '../meetings/next-meeting.query';
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

type NextMeetingLookup = (forumId: string, after: string) => MeetingView | undefined;

const luxonDaysLate = (today: string, dueDate: string): number => DateTime.fromISO(today).diff(DateTime.fromISO(dueDate), 'days').days;

/**
 * Luxon's day difference costs tens of microseconds, and a list of a thousand overdue follow-ups asks it for
 * the same few hundred due dates on every call. The answer depends only on today, the due date and luxon's
 * default zone, so it is remembered for the current day and zone (and forgotten when either changes).
 */
let remembered: { today: string; zone: Zone; days: Map<string, number> } | undefined;
const daysLate = (today: string, dueDate: string): number => {
  const zone = Settings.defaultZone;
  if (!remembered || remembered.today !== today || remembered.zone !== zone) remembered = { today, zone, days: new Map() };
  let days = remembered.days.get(dueDate);
  if (days === undefined) {
    days = luxonDaysLate(today, dueDate);
    remembered.days.set(dueDate, days);
  }
  return days;
};

const resolveWith = (record: FollowUpRecord, nextMeeting: NextMeetingLookup, today: string): FollowUpView => {
  const meeting = record.dueBeforeMeetingOfForumId ? nextMeeting(record.dueBeforeMeetingOfForumId, record.assignedAt) : undefined;
  const dueDate = record.due ?? meeting?.startsAt.slice(0, 10);
  const overdue = record.status === 'open' && dueDate !== undefined && dueDate < today;
  return {
    ...record,
    dueDate,
    dueMeetingId: meeting?.id,
    overdue,
    daysOverdue: overdue && dueDate ? daysLate(today, dueDate) : undefined,
  };
};

/**
 * "Before the next meeting of X" means the first meeting of X after the follow-up was given, as the
 * meetings stand now: it follows that meeting when it moves, and the one after when it is cancelled.
 */
export const resolveFollowUp = (record: FollowUpRecord, meetings: MeetingsState, today: string): FollowUpView =>
  resolveWith(record, (forumId, after) => nextMeetingOf(meetings, forumId, after, { includeHeld: true }), today);

const ownedBy = (record: FollowUpRecord, owner: string): boolean =>
  record.owners.some((candidate) => [candidate.name, candidate.organisation, candidate.email].some((value) => value?.toLowerCase() === owner.toLowerCase()));

/**
 * Whether a record can pass the status filter at all, judged before it is resolved: resolving never changes
 * the status, and a record with a due date of its own is overdue only if that date is before today. Skipping
 * the rest keeps the query from resolving (and copying) every done follow-up of ten years.
 */
const mayPass = (record: FollowUpRecord, status: FollowUpsFilter['status'], today: string): boolean => {
  switch (status) {
    case undefined:
      return true;
    case 'overdue':
      if (record.status !== 'open') return false;
      if (record.due !== undefined && record.due !== null) return record.due < today;
      return !!record.dueBeforeMeetingOfForumId;
    default:
      return record.status === status;
  }
};

const passes = (view: FollowUpView, status: FollowUpsFilter['status']): boolean => {
  switch (status) {
    case undefined:
      return true;
    case 'overdue':
      return view.overdue;
    default:
      return view.status === status;
  }
};

/** Identical strings compare equal under any collation, so the costly localeCompare runs only on real differences. */
const compareDueDates = (a: string, b: string): number => (a === b ? 0 : a.localeCompare(b));

/**
 * Follow-ups by status, forum, owner and case; overdue ones first by how late they are, then by due date.
 * One pass over the follow-ups with every filter applied before anything is resolved, and the forums'
 * meetings indexed once per call instead of scanned once per follow-up.
 */
export const listFollowUps = (followUps: FollowUpsState, meetings: MeetingsState, filter: FollowUpsFilter, today: string): FollowUpView[] => {
  const { status, forumId, caseId, owner } = filter;
  const nextMeeting = nextMeetingFinder(meetings, { includeHeld: true });
  const views: FollowUpView[] = [];
  for (const record of followUps.values()) {
    if (!mayPass(record, status, today)) continue;
    if (forumId !== undefined && record.forumId !== forumId) continue;
    if (caseId !== undefined && record.caseId !== caseId) continue;
    if (owner !== undefined && !ownedBy(record, owner)) continue;
    const view = resolveWith(record, nextMeeting, today);
    if (passes(view, status)) views.push(view);
  }
  return views.sort((a, b) => (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) || compareDueDates(a.dueDate ?? '9999', b.dueDate ?? '9999'));
};
