import { MeetingStatus } from '../meetings/meeting.state';
import { IsoDateTime } from '../shared/time';
import { Attachment, CaseKind, DecisionOutcome, ForwardPurpose } from './case.events';

/** What callers send: the API's bodies, the import's steps and the process managers' reactions share these. */
export interface ProposeCaseInput {
  /** Given by the import, which names cases after their meeting and item; else a new id. */
  caseId?: string;
  forumId: string;
  title: string;
  kind: CaseKind;
  summary?: string;
  recommendation?: string[];
  background?: string;
  attachments?: Attachment[];
  presenter?: string;
  /**
   * A standing item of the forum's meetings (approval of the agenda, "Nyt fra K17 og KKR", "Evt."): a case like
   * any other, which lists leave out unless asked, so that they show the matters.
   */
  standing?: boolean;
}
export interface ScheduleCaseInput {
  caseId: string;
  meetingId: string;
}
export interface PostponeCaseInput {
  caseId: string;
  fromMeetingId: string;
  /** Absent: the forum's next meeting. */
  toMeetingId?: string;
  reason?: string;
}
export interface DecideCaseInput {
  caseId: string;
  meetingId: string;
  outcome: DecisionOutcome;
  text: string;
  points?: string[];
}
export interface ForwardCaseInput {
  caseId: string;
  meetingId: string;
  toForumIds: string[];
  purpose: ForwardPurpose;
}
export interface WithdrawCaseInput {
  caseId: string;
  reason?: string;
}
export interface CloseCaseInput {
  caseId: string;
}

/** What a case's rules need to know of a meeting; the handler looks it up in the meeting's stream. */
export interface MeetingFacts {
  meetingId: string;
  forumId: string;
  startsAt: IsoDateTime;
  status: MeetingStatus;
}

/** What the decider gets: the input with the id settled, meetings looked up as facts, and the time it happens. */
export type ProposeCase = { type: 'ProposeCase'; caseId: string; now: IsoDateTime } & Omit<ProposeCaseInput, 'caseId'>;
export type ScheduleCase = { type: 'ScheduleCase'; meeting: MeetingFacts; now: IsoDateTime };
export type PostponeCase = { type: 'PostponeCase'; fromMeetingId: string; to?: MeetingFacts; reason?: string; now: IsoDateTime };
export type DecideCase = { type: 'DecideCase'; meeting: MeetingFacts; now: IsoDateTime } & Omit<DecideCaseInput, 'caseId' | 'meetingId'>;
export type ForwardCase = { type: 'ForwardCase'; meeting: MeetingFacts; now: IsoDateTime } & Omit<ForwardCaseInput, 'caseId' | 'meetingId'>;
export type WithdrawCase = { type: 'WithdrawCase'; now: IsoDateTime } & Omit<WithdrawCaseInput, 'caseId'>;
export type CloseCase = { type: 'CloseCase'; now: IsoDateTime };

export type CaseCommand = ProposeCase | ScheduleCase | PostponeCase | DecideCase | ForwardCase | WithdrawCase | CloseCase;
