import { IsoDateTime } from '../shared/time';

/**
 * One e-mail: a reminder of one kind, about one meeting or follow-up, to one recipient. Its stream holds
 * its claim and its outcome, so a mail is sent at most once where the log can tell, and never silently lost.
 */
export interface ReminderKey {
  /** 'agenda', 'material-deadline', 'follow-ups-due', 'follow-up-due-date', 'overdue-digest', 'escalation-owner', ... */
  kind: string;
  /** The meeting, follow-up or (for a digest) forum and local date it is about. */
  subjectId: string;
  recipient: string;
}

/** A worker took the mail on: no other sends it while the claim holds. */
export type ReminderClaimed = {
  type: 'ReminderClaimed';
  data: ReminderKey & { messageId: string; claimedBy: string; claimedAt: IsoDateTime };
};

/** The SMTP server (or the outbox) took the mail: 250. */
export type ReminderSent = {
  type: 'ReminderSent';
  data: ReminderKey & { messageId: string; sentAt: IsoDateTime; subject: string };
};

/** The mail could not be sent, after every retry; a person must look. */
export type ReminderFailed = {
  type: 'ReminderFailed';
  data: ReminderKey & { messageId: string; failedAt: IsoDateTime; reason: string };
};

export type ReminderEvent = ReminderClaimed | ReminderSent | ReminderFailed;
