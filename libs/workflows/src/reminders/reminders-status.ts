import { APP_CONFIG, AppConfig, REMINDER_SETTINGS, ReminderSettings } from '@app/config';
import { CHECKPOINT_STORE, CheckpointStore, EVENT_STORE, EventStore } from '@app/event-store';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConsumerLag, consumerLag } from '../process-managers/worker-health';
import { checkMailTransport } from './mail/mailer';
import { ReminderQueue } from './reminder-queue';
import { REMINDERS } from './reminder-sender';
import { REMINDER_SCHEDULER } from './reminders.runner';
import { REDIS_AVAILABILITY, RedisAvailability, redisConnection } from './redis-connection';

const CONNECT_WAIT_MS = 2000;
/** An SMTP relay is asked at most this often: each check is a connection and an EHLO on someone else's server. */
const MAIL_CHECKED_EVERY_MS = 30_000;

export interface MailHealth {
  transport: 'smtp' | 'outbox';
  up: boolean;
  reason?: string;
  checkedAt: string;
}

export type RemindersHealth =
  | { state: 'off'; reason: string }
  | {
      state: 'on';
      redis: 'up' | 'down';
      /** How far the worker's reminder scheduler is behind the log. */
      scheduler: ConsumerLag;
      /** Mails that could not be sent, after every retry: each waits for a person. */
      failedMails: number;
      lastFailure?: { what: string; error: string; failedAt: string };
    };

/**
 * The reminders as the API sees them: whether they run, whether Redis answers, what failed. It only asks
 * Redis; the queue itself (for the queue view) is opened only where the view is shown.
 */
@Injectable()
export class RemindersStatus implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly queue?: ReminderQueue;
  private readonly redisClient?: Redis;
  private mailChecked?: Promise<MailHealth>;
  private mailCheckedAt = 0;

  constructor(
    @Inject(REDIS_AVAILABILITY) private readonly redis: RedisAvailability,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REMINDER_SETTINGS) settings: ReminderSettings,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    if (redis.state === 'off') return;
    // Health answers at once while Redis is away, instead of queueing the PING until it is back.
    this.redisClient = redisConnection(redis.url, { connectionName: `${config.redisPrefix}-health`, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    this.redisClient.on('error', () => undefined);
    if (config.queueView) this.queue = new ReminderQueue(redis.url, config.redisPrefix, settings.delivery);
  }

  /** The first /health right after the start should find the connection made, where Redis answers at all. */
  async onApplicationBootstrap(): Promise<void> {
    const client = this.redisClient;
    if (!client || client.status === 'ready') return;
    await Promise.race([new Promise((ready) => client.once('ready', ready)), sleep(CONNECT_WAIT_MS)]);
  }

  async health(): Promise<RemindersHealth> {
    if (this.redis.state === 'off' || !this.redisClient) return { state: 'off', reason: this.redis.state === 'off' ? this.redis.reason : 'no Redis' };
    const [up, status, scheduler] = await Promise.all([
      this.redisClient.ping().then((answer) => answer === 'PONG', () => false),
      this.checkpoints.consumerStatus(REMINDERS),
      consumerLag(this.store, this.checkpoints, REMINDER_SCHEDULER, this.config.workerMaxLagSeconds),
    ]);
    const last = status.lastFailure;
    const { failures: _failures, lastFailure: _lastFailure, ...schedulerLag } = scheduler;
    return {
      state: 'on',
      redis: up ? 'up' : 'down',
      scheduler: schedulerLag,
      failedMails: status.failures,
      lastFailure: last && { what: last.what, error: last.error, failedAt: last.failedAt.toISOString() },
    };
  }

  /** Whether mail could go out now, checked at most every MAIL_CHECKED_EVERY_MS; undefined while the reminders are off. */
  async mail(): Promise<MailHealth | undefined> {
    if (this.redis.state === 'off') return undefined;
    if (!this.mailChecked || Date.now() - this.mailCheckedAt > MAIL_CHECKED_EVERY_MS) {
      this.mailCheckedAt = Date.now();
      const transport = this.config.smtpUrl ? 'smtp' : 'outbox';
      this.mailChecked = checkMailTransport({ smtpUrl: this.config.smtpUrl, outboxDir: join(this.config.dataDir, 'outbox') }).then(
        () => ({ transport, up: true, checkedAt: new Date().toISOString() }),
        (error: unknown) => ({ transport, up: false, reason: (error as Error).message, checkedAt: new Date().toISOString() }),
      );
    }
    return this.mailChecked;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
    this.redisClient?.disconnect();
  }
}
