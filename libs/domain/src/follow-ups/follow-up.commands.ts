import { CaseStatus } from '../cases/case.state';
import { IsoDate, IsoDateTime } from '../shared/time';
import { EscalationLevel, Owner } from './follow-up.events';

/** What a follow-up's rules need to know of its case; the handler reads it from the case's stream. */
export interface CaseFacts {
  caseId: string;
  forumId: string;
  status: CaseStatus;
}

export type AssignFollowUp = {
  type: 'AssignFollowUp';
  followUpId: string;
  case: CaseFacts;
  description: string;
  owners: Owner[];
  due?: IsoDate;
  dueBeforeMeetingOfForumId?: string;
  now: IsoDateTime;
};

export type CompleteFollowUp = { type: 'CompleteFollowUp'; note?: string; now: IsoDateTime };

export type RescheduleFollowUp = { type: 'RescheduleFollowUp'; due: IsoDate; now: IsoDateTime };

export type CancelFollowUp = { type: 'CancelFollowUp'; reason?: string; now: IsoDateTime };

export type EscalateFollowUp = { type: 'EscalateFollowUp'; level: EscalationLevel; now: IsoDateTime };

export type FollowUpCommand = AssignFollowUp | CompleteFollowUp | RescheduleFollowUp | CancelFollowUp | EscalateFollowUp;
