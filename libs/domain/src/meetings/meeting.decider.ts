import { DateTime } from 'luxon';
import { assertNever, Decider, Decision, isRefused, refuse, Refusal, refuseAsNotFound } from '../shared/decider';
import { isBefore } from '../shared/time';
import { MeetingCommand } from './meeting.commands';
import { MeetingEvent } from './meeting.events';
import { evolveMeeting, initialMeetingState, MeetingState } from './meeting.state';

type ExistingMeeting = Exclude<MeetingState, { status: 'none' }>;

const notFound = refuseAsNotFound('meeting.not_found', 'Mødet findes ikke.');

/** Only a meeting still to be held can be moved, cancelled or marked as held. */
const refuseUnlessScheduled = (state: MeetingState): Refusal | ExistingMeeting => {
  switch (state.status) {
    case 'none':
      return notFound;
    case 'cancelled':
      return refuse('meeting.cancelled', 'Mødet er aflyst.');
    case 'held':
      return refuse('meeting.held', 'Mødet er allerede afholdt.');
    case 'scheduled':
      return state;
  }
};

const endsBeforeStart = (startsAt: string, endsAt?: string): boolean => endsAt !== undefined && !isBefore(startsAt, endsAt);

/** A meeting moved without a new end keeps its length, written in the new start's offset. */
const keepLength = (meeting: ExistingMeeting, startsAt: string): string | undefined =>
  meeting.endsAt === undefined
    ? undefined
    : (DateTime.fromISO(startsAt, { setZone: true })
        .plus({ milliseconds: Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt) })
        .toISO({ suppressMilliseconds: true }) as string);

const invalidTimes = refuse('meeting.invalid_times', 'Mødet skal slutte efter det begynder.');

export const decideMeeting = (command: MeetingCommand, state: MeetingState): Decision<MeetingEvent> => {
  switch (command.type) {
    case 'ScheduleMeeting': {
      if (state.status !== 'none') return refuse('meeting.already_exists', 'Mødet findes allerede.');
      if (endsBeforeStart(command.startsAt, command.endsAt)) return invalidTimes;
      const { meetingId, forumId, startsAt, endsAt, place, allDay, tentative, now } = command;
      return [
        {
          type: 'MeetingScheduled',
          data: { meetingId, forumId, startsAt, endsAt, place, ...(allDay ? { allDay } : {}), ...(tentative ? { tentative } : {}), scheduledAt: now },
        },
      ];
    }
    case 'RescheduleMeeting': {
      const meeting = refuseUnlessScheduled(state);
      if (isRefused(meeting)) return meeting;
      const endsAt = command.endsAt ?? keepLength(meeting, command.startsAt);
      if (endsBeforeStart(command.startsAt, endsAt)) return invalidTimes;
      if (isBefore(command.startsAt, command.now)) return refuse('meeting.in_past', 'Et møde kan ikke flyttes til et tidspunkt, der er gået.');
      if (command.startsAt === meeting.startsAt && endsAt === meeting.endsAt && (command.place === undefined || command.place === meeting.place))
        return refuse('meeting.unchanged', 'Mødet ligger allerede på det tidspunkt.');
      return [
        {
          type: 'MeetingRescheduled',
          data: {
            meetingId: meeting.meetingId,
            forumId: meeting.forumId,
            startsAt: command.startsAt,
            endsAt,
            place: command.place,
            previousStartsAt: meeting.startsAt,
            rescheduledAt: command.now,
          },
        },
      ];
    }
    case 'CancelMeeting': {
      const meeting = refuseUnlessScheduled(state);
      if (isRefused(meeting)) return meeting;
      return [
        { type: 'MeetingCancelled', data: { meetingId: meeting.meetingId, forumId: meeting.forumId, reason: command.reason, cancelledAt: command.now } },
      ];
    }
    case 'MarkMeetingHeld': {
      const meeting = refuseUnlessScheduled(state);
      if (isRefused(meeting)) return meeting;
      if (isBefore(command.now, meeting.startsAt)) return refuse('meeting.not_started', 'Mødet er ikke begyndt endnu.');
      return [{ type: 'MeetingHeld', data: { meetingId: meeting.meetingId, forumId: meeting.forumId, heldAt: command.now } }];
    }
    default:
      return assertNever(command);
  }
};

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  initialState: initialMeetingState,
  evolve: evolveMeeting,
  decide: decideMeeting,
};
