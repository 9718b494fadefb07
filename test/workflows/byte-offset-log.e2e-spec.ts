import { InMemoryEventStore, InMemoryLog, RecordedEvent } from '@app/event-store';
import { REMINDER_SCHEDULER } from '@app/workflows/reminders/reminders.runner';
import { CASE_SCHEDULING } from '@app/workflows/process-managers/process-manager.runner';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The API and the worker on a log whose positions are byte offsets, as EventStoreDB hands them out: far apart,
 * unevenly, and refused where a read starts inside a record. Whatever counts events by positions, or computes a
 * position, fails here; on SQLite's dense positions it would pass.
 */
describe('the API and the worker on a log whose positions are byte offsets', () => {
  let log: InMemoryLog;
  let api: ApiUnderTest | undefined;
  const http = () => api!.http();
  const post = async (path: string, body: object, status = 200) => (await http().post(path).send(body).expect(status)).body;
  const store = () => new InMemoryEventStore(log);

  const readLog = async (): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for (let page = await store().readAll(); page.length > 0; page = await store().readAll({ after: page[page.length - 1].position })) events.push(...page);
    return events;
  };

  beforeEach(() => {
    log = new InMemoryLog({ positions: 'byte-offsets' });
  });

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('restarts from its snapshots and checkpoints, and the process manager reacts once to what came while the worker was away', async () => {
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', withWorker: true, log });
    const august = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00' }, 201)).id;
    await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201);
    await post('/api/meetings', { forumId: 'kkr-sjaelland', startsAt: '2025-09-02T10:00:00+02:00' }, 201);
    const first = (await post('/api/cases', { forumId: 'styregruppen', title: 'Socialtilsyn Øst årsrapport 2024', kind: 'information' }, 201)).id;
    await post(`/api/cases/${first}/schedule`, { meetingId: august });
    api.clock.set('2025-08-08T11:30:00+02:00');
    await post(`/api/cases/${first}/decide`, { meetingId: august, outcome: 'noted', text: 'Taget til efterretning' });
    await post(`/api/cases/${first}/forward`, { meetingId: august, toForumIds: ['k17', 'kkr-sjaelland'], purpose: 'information' });
    const reactions = async () => (await readLog()).filter((event) => event.metadata.userId === `process-manager:${CASE_SCHEDULING}`);
    await eventually(async () => expect((await reactions()).map((event) => event.type)).toEqual(['CaseScheduled', 'CaseScheduled']));
    await eventually(async () => expect(await store().loadCheckpoint(CASE_SCHEDULING)).toBe(await store().headPosition()));
    const { dataDir } = api;
    await api.close({ keepData: true });

    // The API alone, from the read models it saved at shutdown; the worker is away.
    api = await startApi({ now: '2025-08-10T09:00:00+02:00', dataDir, log });
    expect((await http().get(`/api/cases/${first}/flow`).expect(200)).body.waitsIn).toHaveLength(2);
    const second = (await post('/api/cases', { forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }, 201)).id;
    const september = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-09-19T12:00:00+02:00' }, 201)).id;
    await post(`/api/cases/${second}/schedule`, { meetingId: september });
    api.clock.set('2025-09-19T12:30:00+02:00');
    await post(`/api/cases/${second}/decide`, { meetingId: september, outcome: 'approved', text: 'Godkendt' });
    await post(`/api/cases/${second}/forward`, { meetingId: september, toForumIds: ['kkr-sjaelland'], purpose: 'decision' });
    const kkrOctober = (await post('/api/meetings', { forumId: 'kkr-sjaelland', startsAt: '2025-10-20T10:00:00+02:00' }, 201)).id;
    await api.close({ keepData: true });

    api = await startApi({ now: '2025-09-19T13:00:00+02:00', dataDir, withWorker: true, log });
    await eventually(async () => {
      const flow = (await http().get(`/api/cases/${second}/flow`).expect(200)).body;
      expect(flow.waitsIn).toEqual([{ forumId: 'kkr-sjaelland', meetingId: kkrOctober, startsAt: '2025-10-20T10:00:00+02:00' }]);
    });
    await eventually(async () => expect(await store().loadCheckpoint(CASE_SCHEDULING)).toBe(await store().headPosition()));
    expect(await reactions()).toHaveLength(3);
  });

  it('tells in /health how many events the worker has yet to handle, not how far apart their positions lie', async () => {
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', log });
    await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201);
    await post('/api/meetings', { forumId: 'k17', startsAt: '2025-10-03T09:00:00+02:00' }, 201);

    // The secretariat's account, made at start, and the two meetings.
    expect((await http().get('/health').expect(200)).body.worker).toMatchObject({ position: 0, behind: 3 });
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
