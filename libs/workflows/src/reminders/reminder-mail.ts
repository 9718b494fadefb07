import { EscalationLevel } from '@app/domain';

/** Every kind of e-mail the reminders send. */
export type ReminderKind =
  | 'material-deadline'
  | 'follow-ups-due'
  | 'agenda'
  | 'follow-up-due-date'
  | 'follow-up-requested'
  | 'overdue-digest'
  | 'escalation-owner'
  | 'escalation-secretariat'
  | 'escalation-chair';

export interface Recipient {
  name: string;
  email: string;
}

export interface MailMeeting {
  id: string;
  forumName: string;
  /** ISO 8601 with the offset of the meetings' time zone. */
  startsAt: string;
  endsAt?: string;
  place?: string;
}

export interface MailCase {
  id: string;
  title: string;
  presenter?: string;
  /** Moved here from an earlier meeting (postponed, or its meeting cancelled). */
  carriedOver: boolean;
}

export interface MailFollowUp {
  id: string;
  description: string;
  caseTitle: string;
  forumName: string;
  /** YYYY-MM-DD, where it has a date. */
  due?: string;
  daysOverdue?: number;
  /** The owners as the minutes name them. */
  owners: string[];
  /** Owners with no e-mail address: the secretariat receives their reminder, and is told so. */
  unreachableOwners: string[];
  /** The signed "Markér som udført" link, for its owners. */
  completeUrl?: string;
}

/** What one e-mail is about; its recipient is given beside it. */
export type ReminderMail =
  | { kind: 'material-deadline'; meeting: MailMeeting; cases: MailCase[] }
  | { kind: 'follow-ups-due'; meeting: MailMeeting; followUps: MailFollowUp[] }
  | { kind: 'agenda'; meeting: MailMeeting; cases: MailCase[] }
  | { kind: 'follow-up-due-date'; followUp: MailFollowUp }
  | { kind: 'overdue-digest'; forumName: string; date: string; followUps: MailFollowUp[] }
  | { kind: 'escalation'; level: Exclude<EscalationLevel, 'agenda'>; followUp: MailFollowUp };

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

/** A composed e-mail, in Danish, as text and as HTML. */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

export interface OutgoingMail extends ComposedMail {
  to: Recipient;
  /** Derived from the reminder's key: the same mail sent again carries the same Message-ID. */
  messageId: string;
}

/** Resolves once the SMTP server has answered 250 (or the outbox file is written); rejects with a MailDeliveryError. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** A mail that was not taken. `temporary`: worth retrying later (4xx, a dropped or refused connection); else it never will be (5xx). */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  constructor(
    message: string,
    readonly temporary: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
