import { IsoDateTime } from '../shared/time';

export type ScheduleMeeting = {
  type: 'ScheduleMeeting';
  meetingId: string;
  forumId: string;
  startsAt: IsoDateTime;
  endsAt?: IsoDateTime;
  place?: string;
  now: IsoDateTime;
};

export type RescheduleMeeting = { type: 'RescheduleMeeting'; startsAt: IsoDateTime; endsAt?: IsoDateTime; place?: string; now: IsoDateTime };

export type CancelMeeting = { type: 'CancelMeeting'; reason?: string; now: IsoDateTime };

export type MarkMeetingHeld = { type: 'MarkMeetingHeld'; now: IsoDateTime };

export type MeetingCommand = ScheduleMeeting | RescheduleMeeting | CancelMeeting | MarkMeetingHeld;
