import { InMemoryEventStore, InMemoryLog } from '@app/event-store';
import { REMINDER_SCHEDULER } from '@app/workflows/reminders/reminders.runner';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The API and the worker on a log whose positions are byte offsets, as EventStoreDB hands them out: far apart,
 * unevenly, and refused where a read starts inside a record. Whatever counts events by positions, or computes a
 * position, fails here; on SQLite's dense positions it would pass. restarts.e2e-spec.ts starts them again on it.
 */
describe('the API and the worker on a log whose positions are byte offsets', () => {
  let log: InMemoryLog;
  let api: ApiUnderTest | undefined;
  const http = () => api!.http();
  const post = async (path: string, body: object, status = 200) => (await http().post(path).send(body).expect(status)).body;
  const store = () => new InMemoryEventStore(log);

  beforeEach(() => {
    log = new InMemoryLog({ positions: 'byte-offsets' });
  });

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('tells in /health how many events the worker has yet to handle, not how far apart their positions lie', async () => {
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', log });
    await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201);
    await post('/api/meetings', { forumId: 'k17', startsAt: '2025-10-03T09:00:00+02:00' }, 201);

    // The start's own events (the first account) count as well: the worker has handled none of them either.
    const events = await store().readAll();
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect((await http().get('/health').expect(200)).body.details.worker).toMatchObject({ position: 0, behind: events.length });
  });

  describe('with the reminders, in real Redis under a prefix of their own', () => {
    const prefix = `test-byte-offsets-${randomUUID().slice(0, 8)}`;
    const env = { REDIS_URL, REDIS_PREFIX: prefix };

    const jobIds = async (): Promise<string[]> => {
      const redis = new Redis(REDIS_URL);
      try {
        return (await redis.keys(`${prefix}:reminders:*--*`)).map((key) => key.split(':').pop() as string).sort();
      } finally {
        redis.disconnect();
      }
    };

    afterAll(async () => {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });

    it('the reminder scheduler resumes from its checkpoint and its saved view, and keeps the jobs of every meeting', async () => {
      api = await startApi({ now: '2025-11-01T10:00:00+01:00', withReminders: true, log, env });
      const december = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2026-12-11T09:00:00+01:00' }, 201)).id;
      await eventually(async () => expect(await jobIds()).toContain(`agenda--${december}`));
      await eventually(async () => expect(await store().loadCheckpoint(REMINDER_SCHEDULER)).toBe(await store().headPosition()));
      const { dataDir } = api;
      await api.close({ keepData: true });

      api = await startApi({ now: '2025-11-02T10:00:00+01:00', dataDir, log });
      const january = (await post('/api/meetings', { forumId: 'k17', startsAt: '2027-01-15T09:00:00+01:00' }, 201)).id;
      await api.close({ keepData: true });

      api = await startApi({ now: '2025-11-03T10:00:00+01:00', dataDir, withReminders: true, log, env });
      await eventually(async () => expect(await store().loadCheckpoint(REMINDER_SCHEDULER)).toBe(await store().headPosition()));
      expect(await jobIds()).toEqual(
        ['agenda', 'follow-ups-due', 'material-deadline'].flatMap((kind) => [`${kind}--${december}`, `${kind}--${january}`]).sort(),
      );
    });
  });
});
