import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ApiUnderTest, startApi } from './api-under-test';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The reminder queue as the secretariat watches it: shown only where asked for, until sign-in exists. */
describe('the queue view', () => {
  let api: ApiUnderTest | undefined;
  const prefix = `test-queue-view-${randomUUID().slice(0, 8)}`;

  afterEach(async () => {
    await api?.close();
    api = undefined;
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('is shown under /admin/queues where QUEUE_VIEW=1', async () => {
    api = await startApi({ env: { QUEUE_VIEW: '1', REDIS_URL, REDIS_PREFIX: prefix } });
    const page = await api.http().get('/admin/queues').expect(200);
    expect(page.text).toMatch(/<html/i);
    const queues = await api.http().get('/admin/queues/api/queues').expect(200);
    expect(queues.body.queues.map((queue: { name: string }) => queue.name)).toEqual(['reminders']);
  });

  it('is not there otherwise', async () => {
    api = await startApi({ env: { REDIS_URL, REDIS_PREFIX: prefix } });
    await api.http().get('/admin/queues').expect(404);
  });
});
