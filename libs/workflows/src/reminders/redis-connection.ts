import { AppConfig } from '@app/config';
import { Redis, RedisOptions } from 'ioredis';

/** Where no REDIS_URL is set, a Redis on its usual port is used if one answers (`npm start` starts a private one where none does). */
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const PROBE_TIMEOUT_MS = 1000;

export type RedisAvailability = { state: 'on'; url: string } | { state: 'off'; reason: string };

export const REDIS_AVAILABILITY = Symbol('REDIS_AVAILABILITY');

/** How to get Redis, for the message that says the reminders are off. */
export const HOW_TO_GET_REDIS =
  'Install Redis (e.g. `apt-get install redis-server`, `brew install redis`) and start again, or run `docker compose up redis` and set REDIS_URL=redis://localhost:6379.';

/** A connection for BullMQ: a blocking worker must wait for Redis for ever rather than fail its commands. */
export const redisConnection = (url: string, options: RedisOptions = {}): Redis => new Redis(url, { maxRetriesPerRequest: null, ...options });

/** Whether a Redis answers PING at `url` within a second. */
export const redisAnswers = async (url: string): Promise<boolean> => {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: PROBE_TIMEOUT_MS });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
};

/**
 * The Redis the reminders use: REDIS_URL where it is set (even while it does not answer: the queues
 * reconnect by themselves, and /health says Redis is down), else the usual local port where a Redis answers
 * there, else none: then everything but the reminders runs.
 */
export const findRedis = async (config: Pick<AppConfig, 'redisUrl'>): Promise<RedisAvailability> => {
  if (config.redisUrl) return { state: 'on', url: config.redisUrl };
  if (await redisAnswers(DEFAULT_REDIS_URL)) return { state: 'on', url: DEFAULT_REDIS_URL };
  return { state: 'off', reason: `REDIS_URL is not set and no Redis answers at ${DEFAULT_REDIS_URL}` };
};
