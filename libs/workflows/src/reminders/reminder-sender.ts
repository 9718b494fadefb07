import { CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { ReminderSettings } from '@app/config';
import { CommandName, RefusedError } from '@app/domain';
import { CheckpointStore } from '@app/event-store';
import { meetingsProjection, nextMeetingOf } from '@app/read-side';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { composeReminder } from './mail/compose-reminder';
import { messageIdFor } from './mail/message-id';
import { MailDeliveryError, Mailer } from './reminder-mail';
import { digestMails, MailContext, mailsFor, overdueFollowUps, PendingMail, stepsDue } from './reminder-mails';
import { ReminderJobData } from './reminder-queue';
import { DAILY_JOB } from './reminder-scheduler';

/** The consumer name under which failed mails are recorded in the checkpoint store, for /health. */
export const REMINDERS = 'reminders';

/** Where the ledger says the mail needs no more: sent, or failed and waiting for a person. */
const FINISHED = ['reminder.already_sent', 'reminder.failed'];

export interface ReminderSenderDependencies {
  execute: (request: CommandRequest) => Promise<CommandResult>;
  checkpoints: CheckpointStore;
  mailer: Mailer;
  /** The view and settings as they are now, for the job at hand. */
  context: () => MailContext;
  settings: ReminderSettings;
  /** Names this process in its claims. */
  workerId: string;
  timeZone: string;
}

type Delivery = { outcome: 'done' } | { outcome: 'retry'; reason: string };

/**
 * Sends what a reminder job stands for, each e-mail once: claimed in the ledger before it is sent, sent with
 * a Message-ID derived from its key, recorded as sent after the server's 250. A mail the server refuses for
 * good is recorded as failed at once; one it only turns away for now is tried again with the job, and
 * recorded as failed when the job's last try fails too. A failure is reported by /health, never lost.
 */
export class ReminderSender {
  private readonly logger = new Logger(ReminderSender.name);

  constructor(private readonly deps: ReminderSenderDependencies) {}

  async process(job: Job<ReminderJobData>): Promise<void> {
    const context = this.deps.context();
    if (job.data.kind === DAILY_JOB) {
      await this.climbTheLadder(context);
      return this.deliverAll(digestMails(context), job);
    }
    return this.deliverAll(mailsFor(job.data.kind, job.data.subjectId, job.data.fireAt, context), job);
  }

  private async deliverAll(pending: PendingMail[], job: Job<ReminderJobData>): Promise<void> {
    const turnedAway: { mail: PendingMail; reason: string }[] = [];
    for (const mail of pending) {
      const delivery = await this.deliver(mail);
      if (delivery.outcome === 'retry') turnedAway.push({ mail, reason: delivery.reason });
    }
    if (turnedAway.length === 0) return;
    const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!lastTry) throw new Error(`${turnedAway.length} of ${pending.length} mails not sent yet: ${turnedAway[0].reason}`);
    for (const { mail, reason } of turnedAway) await this.recordFailed(mail, `Opgivet efter ${job.attemptsMade + 1} forsøg: ${reason}`);
  }

  private async deliver(pending: PendingMail): Promise<Delivery> {
    const messageId = messageIdFor(pending.key);
    try {
      await this.command('claim-reminder', { ...pending.key, messageId, claimedBy: this.deps.workerId, staleAfterSeconds: this.deps.settings.delivery.claimStaleAfterSeconds });
    } catch (error) {
      if (error instanceof RefusedError && FINISHED.includes(error.code)) return { outcome: 'done' };
      if (error instanceof RefusedError) return { outcome: 'retry', reason: error.message };
      throw error;
    }
    const composed = composeReminder(pending.mail, pending.recipient, this.deps.timeZone);
    try {
      await this.deps.mailer.send({ ...composed, to: pending.recipient, messageId });
    } catch (error) {
      if (error instanceof MailDeliveryError && error.temporary) return { outcome: 'retry', reason: error.message };
      await this.recordFailed(pending, error instanceof Error ? error.message : String(error));
      return { outcome: 'done' };
    }
    await this.command('record-reminder-sent', { ...pending.key, subject: composed.subject });
    return { outcome: 'done' };
  }

  private async recordFailed(pending: PendingMail, reason: string): Promise<void> {
    this.logger.error(`Reminder ${pending.key.kind} for ${pending.key.subjectId} to ${pending.key.recipient} failed: ${reason}`);
    await this.command('record-reminder-failed', { ...pending.key, reason });
    await this.deps.checkpoints.recordFailure(REMINDERS, {
      position: 0,
      eventId: '',
      what: `${pending.key.kind} ${pending.key.subjectId} → ${pending.key.recipient}`,
      error: reason,
      failedAt: new Date(),
    });
  }

  /**
   * Takes every step of the escalation ladder an overdue follow-up has reached: each an event, taken once
   * (the decider refuses a step already taken). The mails of a step go out as its event is seen; the last
   * step puts a status case on the forum's next agenda.
   */
  private async climbTheLadder(context: MailContext): Promise<void> {
    for (const followUp of overdueFollowUps(context)) {
      for (const level of stepsDue(followUp, this.deps.settings)) {
        await this.commandOnce(`escalate.${followUp.id}.${level}`, 'escalate-follow-up', { followUpId: followUp.id, level });
        if (level !== 'agenda') continue;
        const caseId = `status-${followUp.id}`;
        await this.commandOnce(`status-case.${followUp.id}`, 'propose-case', {
          caseId,
          forumId: followUp.forumId,
          title: `Status på opfølgning: ${followUp.description}`,
          kind: 'information',
          summary: `Opfølgningen er ${followUp.daysOverdue} dage over fristen. Ansvarlige: ${followUp.owners.map((owner) => owner.name).join(', ')}.`,
          presenter: 'Sekretariatet',
        });
        const next = nextMeetingOf(context.view.model(meetingsProjection), followUp.forumId, context.now.toISOString());
        if (next) await this.commandOnce(`status-case.${followUp.id}.schedule`, 'schedule-case', { caseId, meetingId: next.id });
      }
    }
  }

  /** A command under an idempotency key of its own: run again, it appends nothing; refused, it is left. */
  private async commandOnce<Name extends CommandName>(key: string, name: Name, input: CommandRequest<Name>['input']): Promise<void> {
    try {
      await this.command(name, input, { idempotencyKey: `${REMINDERS}.${key}`, requestHash: `${REMINDERS}.${name}` });
    } catch (error) {
      if (!(error instanceof RefusedError)) throw error;
    }
  }

  private command<Name extends CommandName>(name: Name, input: CommandRequest<Name>['input'], context: CommandContext = {}): Promise<CommandResult> {
    return this.deps.execute(new CommandRequest(name, input, { userId: `worker:${REMINDERS}`, ...context }));
  }
}
