import { CLOCK, Clock } from '@app/commands';
import { APP_CONFIG, AppConfig, DIRECTORY, FORUMS, REMINDER_SETTINGS, ReminderSettings } from '@app/config';
import { DirectoryEntry, Forum } from '@app/domain';
import { CHECKPOINT_STORE, CheckpointStore, EVENT_STORE, EventStore } from '@app/event-store';
import { casesProjection, followUpsProjection, meetingsProjection, openFollowUpsProjection, Projection, ReadModels } from '@app/read-side';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LogConsumer } from '../consumers/log-consumer';
import { LINK_SECRET } from './link-secret';
import { createMailer } from './mail/mailer';
import { Mailer } from './reminder-mail';
import { REMINDER_QUEUE_NAME, ReminderJobData, ReminderQueue } from './reminder-queue';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderSender } from './reminder-sender';
import { HOW_TO_GET_REDIS, REDIS_AVAILABILITY, RedisAvailability, redisConnection } from './redis-connection';

/** The scheduler's name in the checkpoint store. */
export const REMINDER_SCHEDULER = 'reminder-scheduler';
/** Shutting down waits this long for a mail being sent, then lets it go: its claim goes stale and it is sent again. */
const SHUTDOWN_WAIT_MS = 10_000;
/** A Redis flushed without dropping its connections tells nobody: the jobs are checked against the log this often too. */
const RECONCILE_EVERY_MS = 5 * 60 * 1000;

/**
 * The reminders, in the worker: the scheduler follows the log and keeps the delayed jobs in step with it;
 * the sender sends what a job stands for when it fires. Without Redis, neither runs, and the start says so.
 */
@Injectable()
export class RemindersRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private consumer?: LogConsumer;
  private queue?: ReminderQueue;
  private worker?: Worker<ReminderJobData>;
  private workerConnection?: Redis;
  private mailer?: Mailer;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REMINDER_SETTINGS) private readonly settings: ReminderSettings,
    @Inject(FORUMS) private readonly forums: Forum[],
    @Inject(DIRECTORY) private readonly directory: DirectoryEntry[],
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LINK_SECRET) private readonly linkSecret: string,
    @Inject(REDIS_AVAILABILITY) private readonly redis: RedisAvailability,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const redis = this.redis;
    if (redis.state === 'off') {
      this.logger.warn(`REMINDERS ARE OFF: ${redis.reason}. Nobody is reminded of anything until Redis answers. ${HOW_TO_GET_REDIS}`);
      return;
    }
    const queue = (this.queue = new ReminderQueue(redis.url, this.config.redisPrefix, this.settings.delivery));
    const view = new ReadModels([meetingsProjection, casesProjection, followUpsProjection, openFollowUpsProjection] as Projection<unknown>[]);
    const scheduler = new ReminderScheduler(queue, view, this.settings, this.config);
    const consumer = (this.consumer = new LogConsumer(this.store, this.checkpoints, {
      name: REMINDER_SCHEDULER,
      view,
      dataDir: this.config.dataDir,
      handle: (event) => scheduler.onEvent(event),
    }));
    await consumer.start();
    await this.reconcile(scheduler);
    // Redis back after a restart without persistence, or flushed: its delayed jobs are put back from the log.
    queue.onReconnect(() => void this.reconcile(scheduler));
    this.timer = setInterval(() => void this.reconcile(scheduler), RECONCILE_EVERY_MS);

    const mailer = (this.mailer = createMailer({ smtpUrl: this.config.smtpUrl, outboxDir: join(this.config.dataDir, 'outbox'), from: this.config.mailFrom }));
    const sender = new ReminderSender({
      execute: (request) => this.commands.execute(request),
      checkpoints: this.checkpoints,
      mailer,
      context: () => ({
        view: consumer.view,
        forums: this.forums,
        directory: this.directory,
        settings: this.settings,
        config: this.config,
        linkSecret: this.linkSecret,
        now: new Date(Date.parse(this.clock.now())),
      }),
      settings: this.settings,
      workerId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
      timeZone: this.config.meetingTimeZone,
    });
    const lockDuration = this.settings.delivery.lockSeconds * 1000;
    // BullMQ leaves a connection it was handed open when the worker closes; it is closed here, after it.
    this.workerConnection = redisConnection(redis.url, { connectionName: `${this.config.redisPrefix}-worker` });
    this.worker = new Worker<ReminderJobData>(REMINDER_QUEUE_NAME, (job) => sender.process(job), {
      connection: this.workerConnection,
      prefix: this.config.redisPrefix,
      lockDuration,
      stalledInterval: lockDuration,
    });
    this.worker.on('error', (error) => this.logger.warn(`The reminder worker lost Redis for a while: ${error.message}`));
    this.logger.log(`Reminders on: Redis at ${redis.url}, mail ${this.config.smtpUrl ? `over ${this.config.smtpUrl}` : `to ${join(this.config.dataDir, 'outbox')}`}`);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (this.worker) {
      const closing = this.worker.close();
      const closed = await Promise.race([closing.then(() => true), sleep(SHUTDOWN_WAIT_MS).then(() => false)]);
      if (!closed) await this.worker.close(true);
    }
    this.workerConnection?.disconnect();
    await this.consumer?.stop();
    await this.queue?.close();
    await this.mailer?.close();
  }

  private async reconcile(scheduler: ReminderScheduler): Promise<void> {
    try {
      const { added, moved } = await scheduler.reconcile();
      if (added + moved > 0) this.logger.log(`Reminder jobs put back from the log: ${added} added, ${moved} moved`);
    } catch (error) {
      this.logger.warn(`The reminder jobs were not put back from the log (${(error as Error).message}); they are when Redis answers again`);
    }
  }
}
