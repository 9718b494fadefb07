import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { ApiUnderTest, startApi } from './api-under-test';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A port nothing listens on: taken from the system, then let go. */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** What an operator asks of /health/live and /health/ready, and what a load balancer reads from the status. */
describe('health', () => {
  let api: ApiUnderTest;
  const anonymous = () => api.http().set('Authorization', '');
  afterEach(() => api.close());

  it('answers liveness with the process alone, and readiness part by part, with mail that cannot go out as degraded', async () => {
    api = await startApi({ env: { REDIS_URL, REDIS_PREFIX: `test-health-${randomUUID().slice(0, 8)}`, SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` } });
    const live = await anonymous().get('/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok', info: { process: { status: 'up', uptimeSeconds: expect.any(Number) } } });
    expect(live.headers['cache-control']).toBe('no-store');

    const ready = await anonymous().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'degraded',
      error: {},
      details: {
        eventStore: { status: 'up', head: expect.any(Number) },
        readModels: { status: 'up', behind: 0 },
        worker: { status: 'up', lagSeconds: expect.any(Number), failedReactions: 0 },
        reminders: { status: 'up', state: 'on', failedMails: 0, scheduler: { lagSeconds: expect.any(Number) } },
        redis: { status: 'up' },
        mail: { status: 'degraded', transport: 'smtp', reason: expect.stringMatching(/ECONNREFUSED|connect/i) },
      },
    });
    const health = await anonymous().get('/health').expect(200);
    expect(Object.keys(health.body.details)).toEqual(Object.keys(ready.body.details));
  });

  it('answers 503 with Retry-After and names Redis as down where the reminders are to use a Redis that does not answer', async () => {
    api = await startApi({ env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
    const ready = await anonymous().get('/health/ready').expect(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.body).toMatchObject({ status: 'error', error: { redis: { status: 'down', reason: expect.any(String) } }, info: { eventStore: { status: 'up' }, readModels: { status: 'up' } } });
    expect(Object.keys(ready.body.error)).toEqual(['redis']);
    await anonymous().get('/health').expect(503);
    await anonymous().get('/health/live').expect(200);
  });

  it('names the worker and its reminder scheduler as down when events wait for them longer than allowed, with how long', async () => {
    api = await startApi({ env: { REDIS_URL, REDIS_PREFIX: `test-health-${randomUUID().slice(0, 8)}`, WORKER_MAX_LAG_SECONDS: '1' } });
    await api.http().post('/api/meetings').send({ forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const ready = await anonymous().get('/health/ready').expect(503);
    expect(ready.body.error).toMatchObject({
      worker: { status: 'down', behind: 2, lagSeconds: expect.any(Number), reason: expect.stringContaining('the worker') },
      reminders: { status: 'down', scheduler: { behind: 2, lagSeconds: expect.any(Number) }, reason: expect.stringContaining('reminder scheduler') },
    });
    expect(ready.body.error.worker.lagSeconds).toBeGreaterThanOrEqual(1);
  });
});
