import { MeetingStatus } from '../meetings/meeting.state';
import { IsoDateTime } from '../shared/time';
import { Attachment, CaseKind, DecisionOutcome, ForwardPurpose } from './case.events';

/** What the case's rules need to know of a meeting; the handler looks it up in the meeting's stream. */
export interface MeetingFacts {
  meetingId: string;
  forumId: string;
  startsAt: IsoDateTime;
  status: MeetingStatus;
}

export type ProposeCase = {
  type: 'ProposeCase';
  caseId: string;
  forumId: string;
  title: string;
  kind: CaseKind;
  summary?: string;
  recommendation?: string[];
  background?: string;
  attachments?: Attachment[];
  presenter?: string;
  now: IsoDateTime;
};

export type ScheduleCase = { type: 'ScheduleCase'; meeting: MeetingFacts; now: IsoDateTime };

export type PostponeCase = { type: 'PostponeCase'; fromMeetingId: string; to?: MeetingFacts; reason?: string; now: IsoDateTime };

export type DecideCase = {
  type: 'DecideCase';
  meeting: MeetingFacts;
  outcome: DecisionOutcome;
  text: string;
  points?: string[];
  now: IsoDateTime;
};

export type ForwardCase = { type: 'ForwardCase'; meeting: MeetingFacts; toForumIds: string[]; purpose: ForwardPurpose; now: IsoDateTime };

export type WithdrawCase = { type: 'WithdrawCase'; reason?: string; now: IsoDateTime };

export type CloseCase = { type: 'CloseCase'; now: IsoDateTime };

export type CaseCommand = ProposeCase | ScheduleCase | PostponeCase | DecideCase | ForwardCase | WithdrawCase | CloseCase;
