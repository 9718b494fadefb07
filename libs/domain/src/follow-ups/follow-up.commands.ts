import { CaseStatus } from '../cases/case.state';
import { IsoDate, IsoDateTime } from '../shared/time';
import { EscalationLevel, Owner } from './follow-up.events';

/** What callers send: the API's bodies, the import's steps and the process managers' reactions share these. */
export interface AssignFollowUpInput {
  caseId: string;
  /** Given by the import, which names follow-ups after their case; else a new id. */
  followUpId?: string;
  description: string;
  owners: Owner[];
  due?: IsoDate;
  dueBeforeMeetingOfForumId?: string;
}
export interface CompleteFollowUpInput {
  followUpId: string;
  note?: string;
}
export interface RescheduleFollowUpInput {
  followUpId: string;
  due: IsoDate;
}
export interface CancelFollowUpInput {
  followUpId: string;
  reason?: string;
}
export interface EscalateFollowUpInput {
  followUpId: string;
  level: EscalationLevel;
}
export interface RequestFollowUpReminderInput {
  followUpId: string;
}

/** What a follow-up's rules need to know of its case; the handler reads it from the case's stream. */
export interface CaseFacts {
  caseId: string;
  forumId: string;
  status: CaseStatus;
}

/** What the decider gets: the input with the id settled, the facts looked up and the time it happens. */
export type AssignFollowUp = { type: 'AssignFollowUp'; followUpId: string; case: CaseFacts; now: IsoDateTime } & Omit<AssignFollowUpInput, 'caseId' | 'followUpId'>;
export type CompleteFollowUp = { type: 'CompleteFollowUp'; now: IsoDateTime } & Omit<CompleteFollowUpInput, 'followUpId'>;
export type RescheduleFollowUp = { type: 'RescheduleFollowUp'; now: IsoDateTime } & Omit<RescheduleFollowUpInput, 'followUpId'>;
export type CancelFollowUp = { type: 'CancelFollowUp'; now: IsoDateTime } & Omit<CancelFollowUpInput, 'followUpId'>;
export type EscalateFollowUp = { type: 'EscalateFollowUp'; now: IsoDateTime } & Omit<EscalateFollowUpInput, 'followUpId'>;
/** `requestedBy`: the signed-in account that asked, so the follow-up's history says who chased it. */
export type RequestFollowUpReminder = { type: 'RequestFollowUpReminder'; requestedBy?: string; now: IsoDateTime };

export type FollowUpCommand = AssignFollowUp | CompleteFollowUp | RescheduleFollowUp | CancelFollowUp | EscalateFollowUp | RequestFollowUpReminder;
