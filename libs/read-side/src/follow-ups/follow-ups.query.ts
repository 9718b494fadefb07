import { MeetingsState, MeetingView } from '../meetings/meetings.projection';
import { nextMeetingFinder } from '../meetings/next-meeting.query';
import { Page, PageRequest, pageOf } from '../paging';
import { parsedOnce } from '../parsed-once';
import { entitiesIn, GroupedProjection, GroupedReadModel, Projection, ReadModel } from '../projection-runner/projection';
import { FollowUpRecord, followUpsProjection, FollowUpsState } from './follow-ups.projection';
import { openFollowUpsProjection } from './open-follow-ups.projection';

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
  /** Matches an owner's name, organisation or e-mail address, ignoring case. */
  owner?: string;
  caseId?: string;
}

/** The two read models a list draws on: every follow-up, and the open ones alone, by forum. */
export interface FollowUpsModels {
  followUps: FollowUpsState;
  openFollowUps: GroupedReadModel<FollowUpRecord>;
}

/** Both models, from whatever holds the read models: the API's projection runner, a worker's view. */
export const followUpsModelsOf = (source: {
  model<Entity>(projection: GroupedProjection<Entity>): GroupedReadModel<Entity>;
  model<Entity>(projection: Projection<Entity>): ReadModel<Entity>;
}): FollowUpsModels => ({
  followUps: source.model(followUpsProjection),
  openFollowUps: source.model(openFollowUpsProjection),
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** The day number of a YYYY-MM-DD date: calendar dates carry no time of day, so no zone or DST enters. */
const dayNumber = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

/** Dates as YYYY-MM-DD sort as text; no due date sorts last. Plain comparison: localeCompare is slow and not needed here. */
const compareDates = (a = '9999', b = '9999'): number => (a < b ? -1 : a > b ? 1 : 0);

type NextMeeting = ReturnType<typeof nextMeetingFinder>;

const assignedTime = parsedOnce((record: FollowUpRecord) => record.assignedAt);

/** The meeting a follow-up is due before: the first of its forum after it was given. */
const dueMeetingOf = (record: FollowUpRecord, nextMeeting: NextMeeting): MeetingView | undefined =>
  record.dueBeforeMeetingOfForumId ? nextMeeting(record.dueBeforeMeetingOfForumId, assignedTime(record)) : undefined;

/** Open, and due before today. */
const isOverdue = (record: FollowUpRecord, dueDate: string | undefined, today: string): boolean => record.status === 'open' && dueDate !== undefined && dueDate < today;

/**
 * The record with its resolution. Written field by field: a spread followed by more fields, on records of
 * many shapes, cost most of the time of a list of hundreds of overdue follow-ups.
 */
const resolveWith = (record: FollowUpRecord, nextMeeting: NextMeeting, today: string): FollowUpView => {
  const meeting = dueMeetingOf(record, nextMeeting);
  const dueDate = record.due ?? meeting?.startsAt.slice(0, 10);
  const overdue = isOverdue(record, dueDate, today);
  return {
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
    dueDate,
    dueMeetingId: meeting?.id,
    overdue,
    daysOverdue: overdue && dueDate ? dayNumber(today) - dayNumber(dueDate) : undefined,
  };
};

/**
 * "Before the next meeting of X" means the first meeting of X after the follow-up was given, as the
 * meetings stand now: it follows that meeting when it moves, and the one after when it is cancelled.
 */
export const resolveFollowUp = (record: FollowUpRecord, meetings: MeetingsState, today: string): FollowUpView =>
  resolveWith(record, nextMeetingFinder(meetings, { includeHeld: true }), today);

/** The open follow-ups a filter may match: those of its forum where it names one. */
const openOnesFor = (models: FollowUpsModels, filter: FollowUpsFilter): Iterable<FollowUpRecord> =>
  filter.forumId === undefined ? models.openFollowUps.values() : entitiesIn(models.openFollowUps, filter.forumId);

const ownedBy = (record: FollowUpRecord, owner: string): boolean =>
  record.owners.some((candidate) => [candidate.name, candidate.organisation, candidate.email].some((value) => value?.toLowerCase() === owner.toLowerCase()));

/**
 * Follow-ups by status, forum, owner and case; overdue ones first by how late they are, then by due date.
 * Open and overdue lists walk the open follow-ups alone, a small share of years of them.
 */
export const listFollowUps = (models: FollowUpsModels, meetings: MeetingsState, filter: FollowUpsFilter, today: string): FollowUpView[] => {
  const source = filter.status === 'open' || filter.status === 'overdue' ? openOnesFor(models, filter) : models.followUps.values();
  const nextMeeting = nextMeetingFinder(meetings, { includeHeld: true });
  const views: FollowUpView[] = [];
  for (const record of source) {
    if (filter.forumId !== undefined && record.forumId !== filter.forumId) continue;
    if (filter.caseId !== undefined && record.caseId !== filter.caseId) continue;
    if (filter.status === 'done' && record.status !== 'done') continue;
    if (filter.owner !== undefined && !ownedBy(record, filter.owner)) continue;
    // A date of its own before today decides; only a follow-up due before a meeting needs the meeting.
    if (filter.status === 'overdue' && record.due !== undefined && record.due >= today) continue;
    const view = resolveWith(record, nextMeeting, today);
    if (filter.status !== 'overdue' || view.overdue) views.push(view);
  }
  return views.sort((a, b) => (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) || compareDates(a.dueDate, b.dueDate));
};

/** A list asked for a page at a time also leaves out what the asker may not see. */
export interface FollowUpsPageFilter extends FollowUpsFilter {
  visible?: (record: FollowUpRecord) => boolean;
}

/**
 * The order of `listFollowUps`, with the id to tell apart follow-ups due the same day: overdue ones first (the
 * latest is the one due first), then the rest by due date, none last.
 */
const PLACE_LENGTH = 3;

interface Placed {
  record: FollowUpRecord;
  place: readonly string[];
}

const placeOfPlaced = ({ place }: Placed): readonly string[] => place;

/**
 * Follow-ups as `listFollowUps` orders them, a page at a time after `request.cursor`. Every overdue
 * follow-up is open, so a page that the overdue ones fill is taken from the open follow-ups alone, a small
 * share of years of them; only a page past them walks every follow-up. A view is resolved only for the
 * items of the page. Throws InvalidCursorError for a cursor the list did not give.
 */
export const pageFollowUps = (models: FollowUpsModels, meetings: MeetingsState, filter: FollowUpsPageFilter, today: string, request: PageRequest): Page<FollowUpView> => {
  const nextMeeting = nextMeetingFinder(meetings, { includeHeld: true });
  const dueDateOf = (record: FollowUpRecord): string | undefined =>
    record.due ?? dueMeetingOf(record, nextMeeting)?.startsAt.slice(0, 10);
  // Each record's due date is looked up once, where its place in the order is made: the look-up is most of a pass.
  function* placed(source: Iterable<FollowUpRecord>, overdueOnly: boolean): Generator<Placed> {
    for (const record of source) {
      if (filter.forumId !== undefined && record.forumId !== filter.forumId) continue;
      if (filter.caseId !== undefined && record.caseId !== filter.caseId) continue;
      if (filter.status === 'done' && record.status !== 'done') continue;
      if (filter.owner !== undefined && !ownedBy(record, filter.owner)) continue;
      if (overdueOnly && record.due !== undefined && record.due >= today) continue;
      if (filter.visible && !filter.visible(record)) continue;
      const dueDate = dueDateOf(record);
      const overdue = isOverdue(record, dueDate, today);
      if (overdueOnly && !overdue) continue;
      yield { record, place: [overdue ? '0' : '1', dueDate ?? '9999', record.id] };
    }
  }
  const pageFrom = (source: Iterable<FollowUpRecord>, overdueOnly: boolean): Page<FollowUpRecord> => {
    const page = pageOf(placed(source, overdueOnly), placeOfPlaced, request, PLACE_LENGTH);
    return { ...page, items: page.items.map(({ record }) => record) };
  };
  const resolved = (page: Page<FollowUpRecord>): Page<FollowUpView> => ({ ...page, items: page.items.map((record) => resolveWith(record, nextMeeting, today)) });
  if (filter.status === 'overdue' || filter.status === 'open') return resolved(pageFrom(openOnesFor(models, filter), filter.status === 'overdue'));
  if (filter.status === undefined) {
    const overdue = pageFrom(openOnesFor(models, filter), true);
    if (overdue.nextCursor !== undefined) return resolved(overdue);
  }
  return resolved(pageFrom(models.followUps.values(), false));
};
