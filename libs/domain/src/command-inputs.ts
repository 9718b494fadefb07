import {
  CloseCaseInput,
  DecideCaseInput,
  ForwardCaseInput,
  PostponeCaseInput,
  ProposeCaseInput,
  ScheduleCaseInput,
  WithdrawCaseInput,
} from './cases/case.commands';
import {
  AssignFollowUpInput,
  CancelFollowUpInput,
  CompleteFollowUpInput,
  EscalateFollowUpInput,
  RequestFollowUpReminderInput,
  RescheduleFollowUpInput,
} from './follow-ups/follow-up.commands';
import { RecordImportInput, ReviewMinutesInput, StartImportInput } from './imports/import.commands';
import { ClaimReminderInput, RecordReminderFailedInput, RecordReminderSentInput } from './reminders/reminder.commands';
import { ChangeAccountPasswordInput, CreateAccountInput, DisableAccountInput, GrantAccountRoleInput } from './accounts/account.commands';
import { CancelMeetingInput, MarkMeetingHeldInput, RescheduleMeetingInput, ScheduleMeetingInput } from './meetings/meeting.commands';

/**
 * Every command the product takes, by name, with the one input shape the API, the import and the process
 * managers all send.
 */
export interface CommandInputs {
  'schedule-meeting': ScheduleMeetingInput;
  'reschedule-meeting': RescheduleMeetingInput;
  'cancel-meeting': CancelMeetingInput;
  'mark-meeting-held': MarkMeetingHeldInput;
  'propose-case': ProposeCaseInput;
  'schedule-case': ScheduleCaseInput;
  'postpone-case': PostponeCaseInput;
  'decide-case': DecideCaseInput;
  'forward-case': ForwardCaseInput;
  'withdraw-case': WithdrawCaseInput;
  'close-case': CloseCaseInput;
  'assign-follow-up': AssignFollowUpInput;
  'complete-follow-up': CompleteFollowUpInput;
  'reschedule-follow-up': RescheduleFollowUpInput;
  'cancel-follow-up': CancelFollowUpInput;
  'escalate-follow-up': EscalateFollowUpInput;
  'request-follow-up-reminder': RequestFollowUpReminderInput;
  'review-minutes': ReviewMinutesInput;
  'start-import': StartImportInput;
  'record-import': RecordImportInput;
  'claim-reminder': ClaimReminderInput;
  'record-reminder-sent': RecordReminderSentInput;
  'record-reminder-failed': RecordReminderFailedInput;
  'create-account': CreateAccountInput;
  'grant-account-role': GrantAccountRoleInput;
  'change-account-password': ChangeAccountPasswordInput;
  'disable-account': DisableAccountInput;
}

export type CommandName = keyof CommandInputs;
