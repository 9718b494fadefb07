import { IsoDateTime } from '../shared/time';

/** What callers send: the API's bodies, the import's steps and the process managers' reactions share these. */
export interface ScheduleMeetingInput {
  /** Given by the import, which names meetings after their forum and date; else a new id. */
  meetingId?: string;
  forumId: string;
  startsAt: IsoDateTime;
  endsAt?: IsoDateTime;
  place?: string;
  /** The day is known but not the time: `startsAt` only stands in for a time on that day. */
  allDay?: boolean;
  /** Only listed ahead in a Mødekalender, not yet confirmed by a meeting's own minutes or a person. */
  tentative?: boolean;
}
export interface RescheduleMeetingInput {
  meetingId: string;
  startsAt: IsoDateTime;
  endsAt?: IsoDateTime;
  place?: string;
}
export interface CancelMeetingInput {
  meetingId: string;
  reason?: string;
}
export interface MarkMeetingHeldInput {
  meetingId: string;
}

/** What the decider gets: the input with the id settled and the time it happens. */
export type ScheduleMeeting = { type: 'ScheduleMeeting'; meetingId: string; now: IsoDateTime } & Omit<ScheduleMeetingInput, 'meetingId'>;
export type RescheduleMeeting = { type: 'RescheduleMeeting'; now: IsoDateTime } & Omit<RescheduleMeetingInput, 'meetingId'>;
export type CancelMeeting = { type: 'CancelMeeting'; now: IsoDateTime } & Omit<CancelMeetingInput, 'meetingId'>;
export type MarkMeetingHeld = { type: 'MarkMeetingHeld'; now: IsoDateTime };

export type MeetingCommand = ScheduleMeeting | RescheduleMeeting | CancelMeeting | MarkMeetingHeld;
