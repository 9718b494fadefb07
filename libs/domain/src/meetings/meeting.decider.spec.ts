import { fold } from '../shared/decider';
import { specFor } from '../shared/decider.testing';
import { CancelMeeting, MarkMeetingHeld, MeetingCommand, RescheduleMeeting, ScheduleMeeting } from './meeting.commands';
import { meetingDecider } from './meeting.decider';
import { MeetingCancelled, MeetingEvent, MeetingHeld, MeetingRescheduled, MeetingScheduled } from './meeting.events';

const given = specFor(meetingDecider);

// Styregruppen's September meeting, as the Mødekalender of 8 August 2025 announces it: 19/9, kl. 12-15.
const meetingId = 'styregruppen-2025-09-19';
const forumId = 'styregruppen';
const startsAt = '2025-09-19T12:00:00+02:00';
const endsAt = '2025-09-19T15:00:00+02:00';
const place = 'Næstved Rådhus, mødelokale 1';
/** The secretariat enters the calendar right after the August meeting. */
const onTheDayAfterAugustMeeting = '2025-08-09T09:15:00+02:00';
const aWeekBefore = '2025-09-12T10:00:00+02:00';
const duringTheMeeting = '2025-09-19T13:30:00+02:00';
const afterTheMeeting = '2025-09-19T16:05:00+02:00';

const scheduled: MeetingScheduled = {
  type: 'MeetingScheduled',
  data: { meetingId, forumId, startsAt, endsAt, place, scheduledAt: onTheDayAfterAugustMeeting },
};
const cancelled: MeetingCancelled = {
  type: 'MeetingCancelled',
  data: { meetingId, forumId, reason: 'For få tilmeldte direktører', cancelledAt: aWeekBefore },
};
const held: MeetingHeld = { type: 'MeetingHeld', data: { meetingId, forumId, heldAt: afterTheMeeting } };

const schedule: ScheduleMeeting = {
  type: 'ScheduleMeeting',
  meetingId,
  forumId,
  startsAt,
  endsAt,
  place,
  now: onTheDayAfterAugustMeeting,
};
/** Moved an hour earlier, to kl. 11-14 on the same day. */
const moveToEleven: RescheduleMeeting = {
  type: 'RescheduleMeeting',
  startsAt: '2025-09-19T11:00:00+02:00',
  endsAt: '2025-09-19T14:00:00+02:00',
  now: aWeekBefore,
};
const cancel: CancelMeeting = { type: 'CancelMeeting', reason: 'For få tilmeldte direktører', now: aWeekBefore };
const markHeld: MarkMeetingHeld = { type: 'MarkMeetingHeld', now: afterTheMeeting };

describe('meeting decider', () => {
  describe('when none', () => {
    it('schedules the meeting with its forum, times and place', () => {
      given([]).when(schedule).then([scheduled]);
    });

    it('refuses a meeting that ends before it begins', () => {
      given([])
        .when({ ...schedule, startsAt: '2025-09-19T15:00:00+02:00', endsAt: '2025-09-19T12:00:00+02:00' })
        .thenRefuses('meeting.invalid_times');
    });

    it.each<[string, MeetingCommand]>([
      ['rescheduling', moveToEleven],
      ['cancelling', cancel],
      ['marking as held', markHeld],
    ])('refuses %s a meeting that does not exist', (_, command) => {
      given([]).when(command).thenRefuses('meeting.not_found', 'not_found');
    });
  });

  describe('when scheduled', () => {
    it('refuses to schedule the same meeting again', () => {
      given([scheduled]).when(schedule).thenRefuses('meeting.already_exists');
    });

    it('moves the meeting and remembers where it was', () => {
      const rescheduled: MeetingRescheduled = {
        type: 'MeetingRescheduled',
        data: {
          meetingId,
          forumId,
          startsAt: '2025-09-19T11:00:00+02:00',
          endsAt: '2025-09-19T14:00:00+02:00',
          previousStartsAt: startsAt,
          rescheduledAt: aWeekBefore,
        },
      };
      given([scheduled]).when(moveToEleven).then([rescheduled]);
    });

    it('moves it onto Teams at the same time', () => {
      given([scheduled])
        .when({ type: 'RescheduleMeeting', startsAt, endsAt, place: 'Teams', now: aWeekBefore })
        .then([{ type: 'MeetingRescheduled', data: { meetingId, forumId, startsAt, endsAt, place: 'Teams', previousStartsAt: startsAt, rescheduledAt: aWeekBefore } }]);
    });

    it('keeps the length of the meeting when it is moved without a new end', () => {
      given([scheduled])
        .when({ type: 'RescheduleMeeting', startsAt: '2025-09-26T09:00:00+02:00', now: aWeekBefore })
        .then([
          {
            type: 'MeetingRescheduled',
            data: {
              meetingId,
              forumId,
              startsAt: '2025-09-26T09:00:00+02:00',
              endsAt: '2025-09-26T12:00:00+02:00',
              previousStartsAt: startsAt,
              rescheduledAt: aWeekBefore,
            },
          },
        ]);
    });

    it('refuses to move it to an end that is not after its start', () => {
      given([scheduled])
        .when({ ...moveToEleven, startsAt: '2025-09-19T14:00:00+02:00', endsAt: '2025-09-19T14:00:00+02:00' })
        .thenRefuses('meeting.invalid_times');
    });

    it('refuses to move it to a time that has passed', () => {
      given([scheduled])
        .when({ type: 'RescheduleMeeting', startsAt: '2025-09-12T09:00:00+02:00', endsAt: '2025-09-12T12:00:00+02:00', now: aWeekBefore })
        .thenRefuses('meeting.in_past');
    });

    it('refuses to move it to the time it already has', () => {
      given([scheduled]).when({ type: 'RescheduleMeeting', startsAt, endsAt, now: aWeekBefore }).thenRefuses('meeting.unchanged');
      given([scheduled]).when({ type: 'RescheduleMeeting', startsAt, now: aWeekBefore }).thenRefuses('meeting.unchanged');
      given([scheduled]).when({ type: 'RescheduleMeeting', startsAt, endsAt, place, now: aWeekBefore }).thenRefuses('meeting.unchanged');
    });

    it.each([
      ['its start (an hour earlier, same end)', { startsAt: '2025-09-19T11:00:00+02:00', endsAt }],
      ['its end', { endsAt: '2025-09-19T16:00:00+02:00' }],
      ['its place', { endsAt, place: 'Teams' }],
    ])('moves it where only %s changes', (_, change) => {
      given([scheduled])
        .when({ type: 'RescheduleMeeting', startsAt, ...change, now: aWeekBefore })
        .then([{ type: 'MeetingRescheduled', data: { meetingId, forumId, startsAt, previousStartsAt: startsAt, rescheduledAt: aWeekBefore, ...change } }]);
    });

    it('cancels the meeting with the reason', () => {
      given([scheduled]).when(cancel).then([cancelled]);
    });

    it('marks the meeting held once it has begun', () => {
      given([scheduled]).when(markHeld).then([held]);
    });

    it('refuses to mark it held before it begins', () => {
      given([scheduled]).when({ type: 'MarkMeetingHeld', now: '2025-09-19T11:59:00+02:00' }).thenRefuses('meeting.not_started');
    });

    describe('and moved', () => {
      const movedToNovember: MeetingRescheduled = {
        type: 'MeetingRescheduled',
        data: {
          meetingId,
          forumId,
          startsAt: '2025-11-21T12:00:00+01:00',
          endsAt: '2025-11-21T15:00:00+01:00',
          previousStartsAt: startsAt,
          rescheduledAt: aWeekBefore,
        },
      };

      it('counts the new time, not the old one, before marking it held', () => {
        given([scheduled, movedToNovember]).when({ type: 'MarkMeetingHeld', now: duringTheMeeting }).thenRefuses('meeting.not_started');
      });

      it('moves it again from the new time, across the change to winter time', () => {
        given([scheduled, movedToNovember])
          .when({ type: 'RescheduleMeeting', startsAt: '2025-11-28T12:00:00+01:00', endsAt: '2025-11-28T15:00:00+01:00', now: '2025-10-27T08:00:00+01:00' })
          .then([
            {
              type: 'MeetingRescheduled',
              data: {
                meetingId,
                forumId,
                startsAt: '2025-11-28T12:00:00+01:00',
                endsAt: '2025-11-28T15:00:00+01:00',
                previousStartsAt: '2025-11-21T12:00:00+01:00',
                rescheduledAt: '2025-10-27T08:00:00+01:00',
              },
            },
          ]);
      });
    });
  });

  describe('when cancelled', () => {
    it('refuses to schedule it again', () => {
      given([scheduled, cancelled]).when(schedule).thenRefuses('meeting.already_exists');
    });

    it.each<[string, MeetingCommand]>([
      ['moving', moveToEleven],
      ['cancelling again', cancel],
      ['marking as held', markHeld],
    ])('refuses %s', (_, command) => {
      given([scheduled, cancelled]).when(command).thenRefuses('meeting.cancelled');
    });
  });

  describe('when held', () => {
    it('refuses to schedule it again', () => {
      given([scheduled, held]).when(schedule).thenRefuses('meeting.already_exists');
    });

    it.each<[string, MeetingCommand]>([
      ['moving', { ...moveToEleven, startsAt: '2025-11-21T12:00:00+01:00', endsAt: '2025-11-21T15:00:00+01:00', now: afterTheMeeting }],
      ['cancelling', { ...cancel, now: afterTheMeeting }],
      ['marking as held again', markHeld],
    ])('refuses %s', (_, command) => {
      given([scheduled, held]).when(command).thenRefuses('meeting.held');
    });
  });

  describe('evolve', () => {
    it('folds a meeting that was moved and then held', () => {
      const history: MeetingEvent[] = [
        scheduled,
        {
          type: 'MeetingRescheduled',
          data: {
            meetingId,
            forumId,
            startsAt: '2025-09-19T11:00:00+02:00',
            endsAt: '2025-09-19T14:00:00+02:00',
            previousStartsAt: startsAt,
            rescheduledAt: aWeekBefore,
          },
        },
        { type: 'MeetingHeld', data: { meetingId, forumId, heldAt: '2025-09-19T14:10:00+02:00' } },
      ];
      expect(fold(meetingDecider, history)).toEqual({
        status: 'held',
        meetingId,
        forumId,
        startsAt: '2025-09-19T11:00:00+02:00',
        endsAt: '2025-09-19T14:00:00+02:00',
        place,
      });
    });

    it('folds a cancelled meeting', () => {
      expect(fold(meetingDecider, [scheduled, cancelled])).toEqual({ status: 'cancelled', meetingId, forumId, startsAt, endsAt, place });
    });
  });
});
