import { APP_CONFIG, AppConfig, REMINDER_SETTINGS, ReminderSettings } from '@app/config';
import { CHECKPOINT_STORE, CheckpointStore } from '@app/event-store';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReminderQueue } from './reminder-queue';
import { REMINDERS } from './reminder-sender';
import { REDIS_AVAILABILITY, RedisAvailability, redisConnection } from './redis-connection';

const CONNECT_WAIT_MS = 2000;

export type RemindersHealth =
  | { state: 'off'; reason: string }
  | {
      state: 'on';
      redis: 'up' | 'down';
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

  constructor(
    @Inject(REDIS_AVAILABILITY) private readonly redis: RedisAvailability,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REMINDER_SETTINGS) settings: ReminderSettings,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
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
    const [up, status] = await Promise.all([this.redisClient.ping().then((answer) => answer === 'PONG', () => false), this.checkpoints.consumerStatus(REMINDERS)]);
    const last = status.lastFailure;
    return {
      state: 'on',
      redis: up ? 'up' : 'down',
      failedMails: status.failures,
      lastFailure: last && { what: last.what, error: last.error, failedAt: last.failedAt.toISOString() },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
    this.redisClient?.disconnect();
  }
}
