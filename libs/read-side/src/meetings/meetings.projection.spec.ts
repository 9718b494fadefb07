import type { RecordedEvent } from '@app/event-store';
import { foldEvents } from '../projection-runner/projection';
import { caseProposed, deepFreeze, meetingCancelled, meetingHeld, meetingRescheduled, meetingScheduled, plain, recorder } from '../testing/read-side.testing';
import { listMeetings, meetingsProjection, MeetingsState, MeetingView } from './meetings.projection';

/** Folds into a copy, so a state handed in stays as it was. */
const fold = (events: RecordedEvent[], from: MeetingsState = new Map()): Map<string, MeetingView> => foldEvents(meetingsProjection, events, new Map(from));

// Styregruppen's meetings in the minutes' Mødekalender 2025, and one of K17's.
const augustScheduled = meetingScheduled('styregruppen-2025-08-08', 'styregruppen', '2025-08-08T11:00:00+02:00', {
  endsAt: '2025-08-08T14:00:00+02:00',
  place: 'Regionshuset, Sorø',
  scheduledAt: '2025-05-02T11:40:00+02:00',
});
const septemberScheduled = meetingScheduled('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T12:00:00+02:00', {
  endsAt: '2025-09-19T15:00:00+02:00',
  place: 'Ringsted Rådhus',
  scheduledAt: '2025-08-08T13:50:00+02:00',
});
const k17OctoberScheduled = meetingScheduled('k17-2025-10-03', 'k17', '2025-10-03T09:00:00+02:00', { scheduledAt: '2025-08-08T13:55:00+02:00' });
const septemberMovedToNovember = meetingRescheduled('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T12:00:00+02:00', '2025-11-21T10:00:00+01:00', '2025-09-01T08:15:00+02:00', {
  endsAt: '2025-11-21T13:00:00+01:00',
});
const septemberCancelled = meetingCancelled('styregruppen-2025-09-19', 'styregruppen', '2025-09-10T09:00:00+02:00', { reason: 'For få tilmeldte' });
const augustHeld = meetingHeld('styregruppen-2025-08-08', 'styregruppen', '2025-08-08T14:02:00+02:00');

describe('meetings projection', () => {
  describe('MeetingScheduled', () => {
    it('given no meetings, when one is scheduled, then it is listed with its forum, times, place and status scheduled', () => {
      const record = recorder();
      const state = fold([record(augustScheduled)]);
      expect(plain(state)).toEqual({
        'styregruppen-2025-08-08': {
          id: 'styregruppen-2025-08-08',
          forumId: 'styregruppen',
          startsAt: '2025-08-08T11:00:00+02:00',
          endsAt: '2025-08-08T14:00:00+02:00',
          place: 'Regionshuset, Sorø',
          status: 'scheduled',
        },
      });
    });

    it('is keyed by the meeting id', () => {
      const record = recorder();
      expect(meetingsProjection.keyOf(record(k17OctoberScheduled))).toBe('k17-2025-10-03');
      expect(meetingsProjection.keyOf(record(septemberCancelled))).toBe('styregruppen-2025-09-19');
    });

    it('given a meeting of Styregruppen, when a K17 meeting is scheduled, then both are there and the first is unchanged', () => {
      const record = recorder();
      const first = fold([record(augustScheduled)]);
      const both = fold([record(k17OctoberScheduled)], first);
      expect([...both.keys()].sort()).toEqual(['k17-2025-10-03', 'styregruppen-2025-08-08']);
      expect(both.get('styregruppen-2025-08-08')).toBe(first.get('styregruppen-2025-08-08'));
      expect(both.get('k17-2025-10-03')).toMatchObject({ forumId: 'k17', startsAt: '2025-10-03T09:00:00+02:00', status: 'scheduled' });
      expect(both.get('k17-2025-10-03')?.endsAt).toBeUndefined();
    });
  });

  describe('MeetingRescheduled', () => {
    it('given the 19/9 meeting, when it is moved to 21/11 in winter time, then start and end follow while place and status stay', () => {
      const record = recorder();
      const state = fold([record(septemberScheduled), record(septemberMovedToNovember)]);
      expect(state.get('styregruppen-2025-09-19')).toEqual({
        id: 'styregruppen-2025-09-19',
        forumId: 'styregruppen',
        startsAt: '2025-11-21T10:00:00+01:00',
        endsAt: '2025-11-21T13:00:00+01:00',
        place: 'Ringsted Rådhus',
        status: 'scheduled',
      });
    });

    it('given no such meeting, when a reschedule for it arrives, then no meeting appears', () => {
      const record = recorder();
      const before = fold([record(augustScheduled)]);
      const after = fold([record(septemberMovedToNovember)], before);
      expect(plain(after)).toEqual(plain(before));
      expect(meetingsProjection.evolve(undefined, record(septemberMovedToNovember))).toBeUndefined();
    });
  });

  describe('MeetingCancelled', () => {
    it('given the 19/9 meeting, when it is cancelled, then it is kept with status cancelled and the reason', () => {
      const record = recorder();
      const state = fold([record(septemberScheduled), record(septemberCancelled)]);
      expect(state.get('styregruppen-2025-09-19')).toMatchObject({ status: 'cancelled', cancelReason: 'For få tilmeldte', startsAt: '2025-09-19T12:00:00+02:00' });
    });

    it('given no such meeting, when a cancellation for it arrives, then no meeting appears', () => {
      const record = recorder();
      const before = fold([record(augustScheduled)]);
      expect(plain(fold([record(septemberCancelled)], before))).toEqual(plain(before));
    });
  });

  describe('MeetingHeld', () => {
    it('given the 8/8 meeting, when it is marked held, then its status is held and nothing else changes', () => {
      const record = recorder();
      const scheduled = fold([record(augustScheduled)]);
      const held = fold([record(augustHeld)], scheduled);
      expect(held.get('styregruppen-2025-08-08')).toEqual({ ...scheduled.get('styregruppen-2025-08-08'), status: 'held' });
    });

    it('given no such meeting, when a held mark for it arrives, then no meeting appears', () => {
      const record = recorder();
      const before = fold([record(septemberScheduled)]);
      expect(plain(fold([record(augustHeld)], before))).toEqual(plain(before));
    });
  });

  it('given meetings, when an event of another kind arrives (a case proposed), then it is ignored', () => {
    const record = recorder();
    const before = fold([record(augustScheduled)]);
    const proposed = caseProposed('socialtilsyn-oest-aarsrapport-2024', 'styregruppen', { title: 'Socialtilsyn Østs årsrapport 2024', kind: 'information', proposedAt: '2025-07-01T10:00:00+02:00' });
    const event = record(proposed);
    expect(meetingsProjection.keyOf(event)).toBeUndefined();
    expect(plain(fold([event], before))).toEqual(plain(before));
  });

  it('never changes the meeting it is handed (each step works on a frozen one)', () => {
    const record = recorder();
    const events = [septemberScheduled, septemberMovedToNovember, septemberCancelled].map(record);
    const last = events.reduce<MeetingView | undefined>((meeting, event) => meetingsProjection.evolve(deepFreeze(meeting), event), undefined);
    expect(last).toMatchObject({ status: 'cancelled', startsAt: '2025-11-21T10:00:00+01:00' });
  });

  it('given a history where every event is delivered twice in a row, then the state equals the one from single delivery', () => {
    const record = recorder();
    const events = [augustScheduled, septemberScheduled, k17OctoberScheduled, septemberMovedToNovember, augustHeld, septemberCancelled].map(record);
    const once = fold(events);
    const twice = fold(events.flatMap((event) => [event, event]));
    expect(plain(twice)).toEqual(plain(once));
    expect(once.get('styregruppen-2025-09-19')?.status).toBe('cancelled');
    expect(once.get('styregruppen-2025-08-08')?.status).toBe('held');
  });

  describe('listMeetings', () => {
    const record = recorder();
    const winter = meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00', { scheduledAt: '2025-09-19T14:00:00+02:00' });
    const justAfterMidnight = meetingScheduled('kkr-sjaelland-2025-10-22', 'kkr-sjaelland', '2025-10-22T00:30:00+02:00', { scheduledAt: '2025-05-02T12:00:00+02:00' });
    const state = fold([winter, k17OctoberScheduled, septemberScheduled, augustScheduled, justAfterMidnight, augustHeld, septemberCancelled].map(record));

    it('given no filter, then lists every meeting, cancelled and held ones included, earliest first', () => {
      expect(listMeetings(state, {}).map((meeting) => meeting.id)).toEqual([
        'styregruppen-2025-08-08',
        'styregruppen-2025-09-19',
        'k17-2025-10-03',
        'kkr-sjaelland-2025-10-22',
        'styregruppen-2025-12-12',
      ]);
    });

    it('given a forum, then lists only that forum’s meetings', () => {
      expect(listMeetings(state, { forumId: 'styregruppen' }).map((meeting) => meeting.id)).toEqual([
        'styregruppen-2025-08-08',
        'styregruppen-2025-09-19',
        'styregruppen-2025-12-12',
      ]);
      expect(listMeetings(state, { forumId: 'kl-koordinationsforum' })).toEqual([]);
    });

    it('given from and to, then both ends are inclusive local dates', () => {
      expect(listMeetings(state, { from: '2025-09-19', to: '2025-10-03' }).map((meeting) => meeting.id)).toEqual(['styregruppen-2025-09-19', 'k17-2025-10-03']);
    });

    it('given from on the local date of a meeting just after midnight (the day before in UTC), then the meeting is included', () => {
      expect(listMeetings(state, { from: '2025-10-22', to: '2025-10-22' }).map((meeting) => meeting.id)).toEqual(['kkr-sjaelland-2025-10-22']);
    });
  });
});
