import { IsoDateTime } from '../shared/time';
import { ReminderKey } from './reminder.events';

/** What the reminder worker sends: take the mail on before sending it, then say how it went. */
export interface ClaimReminderInput extends ReminderKey {
  /** Derived from the key, so a mail sent again carries the same Message-ID and the recipient's mail system can drop it. */
  messageId: string;
  /** The worker process, so a claim can be told from its own. */
  claimedBy: string;
  /** A claim with no outcome this long is taken to belong to a worker that died while sending. */
  staleAfterSeconds: number;
}
export interface RecordReminderSentInput extends ReminderKey {
  subject: string;
}
export interface RecordReminderFailedInput extends ReminderKey {
  reason: string;
}

export type ClaimReminder = { type: 'ClaimReminder'; now: IsoDateTime } & ClaimReminderInput;
export type RecordReminderSent = { type: 'RecordReminderSent'; now: IsoDateTime } & RecordReminderSentInput;
export type RecordReminderFailed = { type: 'RecordReminderFailed'; now: IsoDateTime } & RecordReminderFailedInput;

export type ReminderCommand = ClaimReminder | RecordReminderSent | RecordReminderFailed;
