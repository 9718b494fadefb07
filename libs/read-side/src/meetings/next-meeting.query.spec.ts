import { MeetingEvent } from '@app/domain';
import { foldReadModels, meetingCancelled, meetingHeld, meetingRescheduled, meetingScheduled, readModels, recorder } from '../testing/read-side.testing';
import { nextMeetingFinder, nextMeetingOf } from './next-meeting.query';

const meetingsFrom = (events: MeetingEvent[]) => readModels(events).meetings;

// Listed out of order on purpose: the query must not depend on the order meetings were scheduled in.
const calendar: MeetingEvent[] = [
  meetingScheduled('styregruppen-2025-11-21', 'styregruppen', '2025-11-21T10:00:00+01:00'),
  meetingScheduled('k17-2025-10-03', 'k17', '2025-10-03T09:00:00+02:00'),
  meetingScheduled('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T12:00:00+02:00'),
  meetingScheduled('styregruppen-2025-08-08', 'styregruppen', '2025-08-08T11:00:00+02:00'),
  meetingScheduled('kkr-sjaelland-2025-09-02', 'kkr-sjaelland', '2025-09-02T16:00:00+02:00'),
];

describe('nextMeetingOf', () => {
  it('given Styregruppen’s meetings in any order, when asked after 8/8, then it is 19/9, never another forum’s meeting', () => {
    expect(nextMeetingOf(meetingsFrom(calendar), 'styregruppen', '2025-08-20T09:00:00+02:00')?.id).toBe('styregruppen-2025-09-19');
  });

  it('given a meeting under way or starting at that very instant, then it is not the next one', () => {
    const meetings = meetingsFrom(calendar);
    expect(nextMeetingOf(meetings, 'styregruppen', '2025-09-19T12:00:00+02:00')?.id).toBe('styregruppen-2025-11-21');
    expect(nextMeetingOf(meetings, 'styregruppen', '2025-09-19T13:30:00+02:00')?.id).toBe('styregruppen-2025-11-21');
    expect(nextMeetingOf(meetings, 'styregruppen', '2025-09-19T11:59:59+02:00')?.id).toBe('styregruppen-2025-09-19');
  });

  it('given `after` written in UTC, then instants are compared, not the local clock text', () => {
    // 09:30Z is 11:30 in Copenhagen: the 8/8 meeting (11:00 local) has begun.
    expect(nextMeetingOf(meetingsFrom(calendar), 'styregruppen', '2025-08-08T09:30:00Z')?.id).toBe('styregruppen-2025-09-19');
    expect(nextMeetingOf(meetingsFrom(calendar), 'styregruppen', '2025-08-08T08:30:00Z')?.id).toBe('styregruppen-2025-08-08');
  });

  it('given the night summer time ends, then two meetings are ordered by instant even where the local clock text says otherwise', () => {
    const meetings = meetingsFrom([
      meetingScheduled('kl-koordinationsforum-sen', 'kl-koordinationsforum', '2025-10-26T02:15:00+01:00'),
      meetingScheduled('kl-koordinationsforum-tidlig', 'kl-koordinationsforum', '2025-10-26T02:45:00+02:00'),
    ]);
    expect(nextMeetingOf(meetings, 'kl-koordinationsforum', '2025-10-25T12:00:00+02:00')?.id).toBe('kl-koordinationsforum-tidlig');
  });

  it('given the 19/9 meeting is cancelled, then the next one after 8/8 is 21/11', () => {
    const meetings = meetingsFrom([...calendar, meetingCancelled('styregruppen-2025-09-19', 'styregruppen', '2025-09-01T09:00:00+02:00')]);
    expect(nextMeetingOf(meetings, 'styregruppen', '2025-08-20T09:00:00+02:00')?.id).toBe('styregruppen-2025-11-21');
  });

  it('given the 19/9 meeting is marked held early, then it is skipped, unless held meetings are asked for', () => {
    const meetings = meetingsFrom([...calendar, meetingHeld('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T15:00:00+02:00')]);
    expect(nextMeetingOf(meetings, 'styregruppen', '2025-08-20T09:00:00+02:00')?.id).toBe('styregruppen-2025-11-21');
    expect(nextMeetingOf(meetings, 'styregruppen', '2025-08-20T09:00:00+02:00', { includeHeld: true })?.id).toBe('styregruppen-2025-09-19');
  });

  it('given the 19/9 meeting is moved to 1/12, then the order follows the new start', () => {
    const meetings = meetingsFrom([
      ...calendar,
      meetingRescheduled('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T12:00:00+02:00', '2025-12-01T09:00:00+01:00', '2025-08-20T09:00:00+02:00'),
    ]);
    expect(nextMeetingOf(meetings, 'styregruppen', '2025-08-20T09:00:00+02:00')?.id).toBe('styregruppen-2025-11-21');
  });

  it('given no coming meeting of the forum, then there is none', () => {
    const meetings = meetingsFrom(calendar);
    expect(nextMeetingOf(meetings, 'styregruppen', '2025-11-21T10:30:00+01:00')).toBeUndefined();
    expect(nextMeetingOf(meetings, 'kl-koordinationsforum', '2025-01-01T00:00:00+01:00')).toBeUndefined();
  });
});

describe('nextMeetingFinder', () => {
  const moved = meetingRescheduled('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T12:00:00+02:00', '2025-12-01T09:00:00+01:00', '2025-08-20T09:00:00+02:00');
  const asked = ['2025-01-01T00:00:00Z', '2025-08-08T11:00:00+02:00', '2025-08-08T09:00:00Z', '2025-09-01T00:00:00+02:00', '2025-11-21T10:30:00+01:00', 'not a time'];

  it.each([
    ['the calendar', calendar],
    ['a cancelled meeting', [...calendar, meetingCancelled('styregruppen-2025-09-19', 'styregruppen', '2025-08-20T09:00:00+02:00')]],
    ['a meeting held early', [...calendar, meetingHeld('styregruppen-2025-09-19', 'styregruppen', '2025-09-10T12:00:00+02:00')]],
  ])('given %s, then it finds what nextMeetingOf finds, asked with a timestamp or its milliseconds', (_, events) => {
    const meetings = meetingsFrom(events);
    for (const includeHeld of [false, true]) {
      const find = nextMeetingFinder(meetings, { includeHeld });
      for (const forumId of ['styregruppen', 'k17', 'kl-koordinationsforum'])
        for (const after of asked) {
          const expected = nextMeetingOf(meetings, forumId, after, { includeHeld })?.id;
          expect({ forumId, after, includeHeld, id: find(forumId, after)?.id }).toEqual({ forumId, after, includeHeld, id: expected });
          expect({ forumId, after, includeHeld, id: find(forumId, Date.parse(after))?.id }).toEqual({ forumId, after, includeHeld, id: expected });
        }
    }
  });

  it('given the same read model before and after a meeting moved, then a finder made after sees the new start', () => {
    const record = recorder();
    const models = foldReadModels(calendar.map(record));
    expect(nextMeetingFinder(models.meetings)('styregruppen', '2025-08-20T09:00:00+02:00')?.id).toBe('styregruppen-2025-09-19');
    foldReadModels([record(moved)], models);
    expect(nextMeetingFinder(models.meetings)('styregruppen', '2025-08-20T09:00:00+02:00')?.id).toBe('styregruppen-2025-11-21');
    expect(nextMeetingFinder(models.meetings)('styregruppen', '2025-11-21T10:30:00+01:00')?.id).toBe('styregruppen-2025-09-19');
  });
});
