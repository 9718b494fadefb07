import { AppConfig, ReminderSettings } from '@app/config';
import { FollowUpEvent, MeetingEvent } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { FollowUpRecord, followUpsProjection, meetingsProjection, MeetingView, ReadModels } from '@app/read-side';
import { DateTime } from 'luxon';
import { ReminderJobData, ReminderQueue } from './reminder-queue';
import { followUpReminder, meetingReminders, PlannedReminder, reminderJobId, requestedReminder } from './reminder-times';

/** The daily job: each forum's overdue digest and the escalation ladder. */
export const DAILY_JOB = 'daily';

/** What a meeting asks for now: its reminders while it is still to come, none once it has begun, is held or cancelled. */
const remindersOfMeeting = (meeting: MeetingView | undefined, settings: ReminderSettings, timeZone: string, now: number): PlannedReminder[] =>
  meeting && meeting.status === 'scheduled' && Date.parse(meeting.startsAt) > now ? meetingReminders(meeting, settings, timeZone) : [];

/** What a follow-up asks for now: a reminder while it is open with a date of its own still to come. */
const reminderOfFollowUp = (record: FollowUpRecord | undefined, settings: ReminderSettings, timeZone: string, today: string): PlannedReminder | undefined =>
  record && record.status === 'open' && record.due !== undefined && record.due >= today ? followUpReminder({ id: record.id, due: record.due }, settings, timeZone) : undefined;

/**
 * Keeps the delayed reminder jobs in step with the log: each meeting's and follow-up's reminders are worked
 * out from the view as it is now, added when they are new, moved when their time has changed, removed when
 * their subject no longer wants them. The jobs carry only which reminder is due; who receives what is
 * worked out when it fires.
 */
export class ReminderScheduler {
  constructor(
    private readonly queue: ReminderQueue,
    private readonly view: ReadModels,
    private readonly settings: ReminderSettings,
    private readonly config: Pick<AppConfig, 'meetingTimeZone'>,
  ) {}

  async onEvent(recorded: RecordedEvent, now = Date.now()): Promise<void> {
    const event = recorded as RecordedEvent & (MeetingEvent | FollowUpEvent);
    switch (event.type) {
      case 'MeetingScheduled': {
        const meeting = this.view.model(meetingsProjection).get(event.data.meetingId);
        // A meeting just scheduled has no jobs yet: they are added in one round trip. Where the view has moved it
        // since (the event is handed over again after a restart), its jobs are put where it is now.
        if (meeting?.startsAt === event.data.startsAt) return this.queue.add(remindersOfMeeting(meeting, this.settings, this.config.meetingTimeZone, now), now);
        return this.syncMeeting(event.data.meetingId, now);
      }
      case 'MeetingRescheduled':
      case 'MeetingCancelled':
      case 'MeetingHeld':
        return this.syncMeeting(event.data.meetingId, now);
      case 'FollowUpAssigned':
      case 'FollowUpRescheduled':
      case 'FollowUpCompleted':
      case 'FollowUpCancelled':
        return this.syncFollowUp(event.data.followUpId, now);
      case 'FollowUpReminderRequested':
        // Keyed by the request's event: handed over again, it finds its job, or once that is gone its mails in the ledger.
        return this.queue.add([requestedReminder(event.data.followUpId, recorded.id, now)], now);
      case 'FollowUpEscalated':
        // The ladder's mails go out as the step is taken; the last step puts a case on the agenda instead.
        if (event.data.level === 'agenda') return;
        const kind = `escalation-${event.data.level}` as const;
        return this.queue.add([{ jobId: reminderJobId(kind, event.data.followUpId), kind, subjectId: event.data.followUpId, fireAt: new Date(now).toISOString() }], now);
      default:
        return;
    }
  }

  /**
   * Puts back every job the view asks for and Redis has lost (flushed, restarted without persistence), and
   * moves the ones whose time has changed: at start, and whenever Redis comes back. One read of the queue,
   * then one round trip for all that is missing.
   */
  async reconcile(now = Date.now()): Promise<{ added: number; moved: number }> {
    const zone = this.config.meetingTimeZone;
    const today = this.localDate(now);
    const wanted = [
      ...[...this.view.model(meetingsProjection).values()].flatMap((meeting) => remindersOfMeeting(meeting, this.settings, zone, now)),
      ...[...this.view.model(followUpsProjection).values()].flatMap((record) => reminderOfFollowUp(record, this.settings, zone, today) ?? []),
    ];
    const existing = new Map(
      (await this.queue.queue.getJobs(['delayed', 'waiting', 'prioritized', 'active', 'completed', 'failed'])).filter(Boolean).map((job) => [job.id as string, job.data as ReminderJobData]),
    );
    const missing = wanted.filter((reminder) => !existing.has(reminder.jobId));
    const moved = wanted.filter((reminder) => existing.has(reminder.jobId) && existing.get(reminder.jobId)?.fireAt !== reminder.fireAt);
    for (const reminder of moved) await this.queue.upsert(reminder, now);
    await this.queue.add(missing, now);
    await this.queue.queue.upsertJobScheduler(DAILY_JOB, { pattern: this.settings.daily.cron, tz: zone }, { name: DAILY_JOB, data: { kind: DAILY_JOB, subjectId: DAILY_JOB, fireAt: '' } });
    return { added: missing.length, moved: moved.length };
  }

  private localDate(now: number): string {
    return DateTime.fromMillis(now, { zone: this.config.meetingTimeZone }).toISODate() as string;
  }

  private async syncMeeting(meetingId: string, now: number): Promise<void> {
    const wanted = remindersOfMeeting(this.view.model(meetingsProjection).get(meetingId), this.settings, this.config.meetingTimeZone, now);
    if (wanted.length > 0) {
      for (const reminder of wanted) await this.queue.upsert(reminder, now);
      return;
    }
    for (const kind of ['material-deadline', 'follow-ups-due', 'agenda']) await this.queue.remove(kind, meetingId);
  }

  private async syncFollowUp(followUpId: string, now: number): Promise<void> {
    const today = this.localDate(now);
    const wanted = reminderOfFollowUp(this.view.model(followUpsProjection).get(followUpId), this.settings, this.config.meetingTimeZone, today);
    if (wanted) await this.queue.upsert(wanted, now);
    else await this.queue.remove('follow-up-due-date', followUpId);
  }
}
