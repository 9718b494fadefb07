import { IsoDateTime } from '../shared/time';

export type MeetingScheduled = {
  type: 'MeetingScheduled';
  data: {
    meetingId: string;
    forumId: string;
    startsAt: IsoDateTime;
    endsAt?: IsoDateTime;
    place?: string;
    /** Absent in events written before the flag existed, which always had a time. */
    allDay?: boolean;
    /** Absent in events written before the flag existed: those count as confirmed. */
    tentative?: boolean;
    scheduledAt: IsoDateTime;
  };
};

export type MeetingRescheduled = {
  type: 'MeetingRescheduled';
  data: {
    meetingId: string;
    forumId: string;
    startsAt: IsoDateTime;
    endsAt?: IsoDateTime;
    /** Set where the meeting also moves to another place (or onto Teams). */
    place?: string;
    previousStartsAt: IsoDateTime;
    rescheduledAt: IsoDateTime;
  };
};

export type MeetingCancelled = {
  type: 'MeetingCancelled';
  data: { meetingId: string; forumId: string; reason?: string; cancelledAt: IsoDateTime };
};

export type MeetingHeld = {
  type: 'MeetingHeld';
  data: { meetingId: string; forumId: string; heldAt: IsoDateTime };
};

export type MeetingEvent = MeetingScheduled | MeetingRescheduled | MeetingCancelled | MeetingHeld;

export const meetingStreamId = (meetingId: string): string => `meeting-${meetingId}`;
