import { DeliverySettings } from '@app/config';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PlannedReminder, reminderJobId } from './reminder-times';
import { redisConnection } from './redis-connection';

export const REMINDER_QUEUE_NAME = 'reminders';

/** What a reminder job carries: which reminder, and when it was meant to fire, so a job that fires after its subject moved can tell. */
export interface ReminderJobData {
  kind: string;
  subjectId: string;
  fireAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Jobs are kept a week after they ran, so adding a reminder again after a restart finds it and adds nothing;
 * once gone, a reminder added again is sent only where the log has no record of it. A failed send is tried
 * again with a doubling pause (the delivery settings), and then recorded as failed.
 */
const jobOptions = ({ attempts, firstRetrySeconds }: DeliverySettings) => ({
  removeOnComplete: { age: (7 * DAY_MS) / 1000 },
  removeOnFail: { age: (30 * DAY_MS) / 1000 },
  attempts,
  backoff: { type: 'exponential', delay: firstRetrySeconds * 1000 },
});

/** The queue of delayed reminder jobs, keyed by kind and subject. */
export class ReminderQueue {
  readonly queue: Queue<ReminderJobData>;
  private readonly connection: Redis;

  constructor(
    url: string,
    prefix: string,
    private readonly delivery: DeliverySettings,
  ) {
    this.connection = redisConnection(url, { connectionName: `${prefix}-queue` });
    // An unanswered Redis is reported by /health; the connection keeps retrying by itself.
    this.connection.on('error', () => undefined);
    this.queue = new Queue<ReminderJobData>(REMINDER_QUEUE_NAME, { connection: this.connection, prefix });
  }

  /** Adds the reminder, or moves it where its time has changed. A job being sent right now is left alone. */
  async upsert(reminder: PlannedReminder, now = Date.now()): Promise<void> {
    const existing: Job<ReminderJobData> | undefined = await this.queue.getJob(reminder.jobId);
    if (existing) {
      if (existing.data.fireAt === reminder.fireAt) return;
      if ((await existing.getState()) === 'active') return;
      await existing.remove();
    }
    await this.add([reminder], now);
  }

  /** Adds reminders that cannot exist yet (a meeting just scheduled): one round trip for all of them. */
  async add(reminders: PlannedReminder[], now = Date.now()): Promise<void> {
    if (reminders.length === 0) return;
    await this.queue.addBulk(
      reminders.map(({ jobId, kind, subjectId, fireAt }) => ({
        name: kind,
        data: { kind, subjectId, fireAt },
        opts: { ...jobOptions(this.delivery), jobId, delay: Math.max(0, Date.parse(fireAt) - now) },
      })),
    );
  }

  async remove(kind: string, subjectId: string): Promise<void> {
    const job = await this.queue.getJob(reminderJobId(kind, subjectId));
    if (job && (await job.getState()) !== 'active') await job.remove();
  }

  /** Calls `handler` each time the connection to Redis is ready again after it was lost. */
  onReconnect(handler: () => void): void {
    let lost = false;
    this.connection.on('close', () => (lost = true));
    this.connection.on('ready', () => {
      if (!lost) return;
      lost = false;
      handler();
    });
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.connection.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
