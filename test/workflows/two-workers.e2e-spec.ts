import { RecordedEvent, SqliteEventStore } from '@app/event-store';
import { ChildProcess, fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';
import type { WorkerMessage } from '../support/process-manager-worker';

const NOW = '2025-08-08T12:00:00+02:00';
const CASES = 12;

interface Worker {
  child: ChildProcess;
  /** The position of the last event it has acted on. */
  handled(): Promise<number>;
  stop(): Promise<void>;
}

/** A worker process of its own, as `docker compose` runs several copies of the worker beside one API. */
const startWorker = async (dataDir: string): Promise<Worker> => {
  const child = fork(resolve(__dirname, '../support/process-manager-worker.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, DATA_DIR: dataDir, WORKER_NOW: NOW },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const next = () =>
    new Promise<WorkerMessage>((answer, fail) => {
      child.once('message', answer);
      child.once('exit', (code) => fail(new Error(`the worker exited (${code})`)));
    });
  await next();
  return {
    child,
    handled: async () => {
      const answer = next();
      child.send('handled?');
      return ((await answer) as { handled: number }).handled;
    },
    stop: async () => {
      child.send('stop');
      await exited;
    },
  };
};

const readLog = async (dataDir: string): Promise<RecordedEvent[]> => {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  try {
    const events: RecordedEvent[] = [];
    for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) events.push(...page);
    return events;
  } finally {
    await store.close();
  }
};

/**
 * Two worker processes follow one log and react to the same events at about the same time, each on its own
 * connection to the file. Each reaction must land once: the reactions carry idempotency keys derived from the
 * event they react to, so the second worker finds the first one's events instead of appending its own.
 */
describe('two workers on one log', () => {
  let api: ApiUnderTest;
  let workers: Worker[] = [];

  beforeEach(async () => {
    api = await startApi(NOW);
  });
  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    workers = [];
    await api.close();
  });

  const http = () => api.http();
  const post = async (path: string, body: object, status = 200) => (await http().post(path).send(body).expect(status)).body;
  const reactions = async () => (await readLog(api.dataDir)).filter((event) => event.metadata.userId === 'process-manager:case-scheduling');
  /** Until both workers have acted on every event in the log. */
  const bothCaughtUp = () =>
    eventually(async () => {
      const head = (await readLog(api.dataDir)).length;
      expect(await Promise.all(workers.map((worker) => worker.handled()))).toEqual(workers.map(() => head));
    }, 15_000);

  it('puts every waiting case onto a new meeting once, and moves every case of a cancelled meeting once', async () => {
    // Twelve cases decided at Styregruppen's meeting of today and forwarded to K17 and KKR, which have no meeting yet.
    const styregruppen = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00' }, 201)).id;
    const caseIds: string[] = [];
    for (let n = 1; n <= CASES; n++) caseIds.push((await post('/api/cases', { forumId: 'styregruppen', title: `Takstanalyse ${n}`, kind: 'decision' }, 201)).id);
    api.clock.set('2025-08-01T09:00:00+02:00');
    for (const caseId of caseIds) await post(`/api/cases/${caseId}/schedule`, { meetingId: styregruppen });
    api.clock.set(NOW);
    for (const caseId of caseIds) {
      await post(`/api/cases/${caseId}/decide`, { meetingId: styregruppen, outcome: 'approved', text: 'Styregruppen tiltrådte indstillingen' });
      await post(`/api/cases/${caseId}/forward`, { meetingId: styregruppen, toForumIds: ['k17', 'kkr-sjaelland'], purpose: 'decision' });
    }
    workers = await Promise.all([startWorker(api.dataDir), startWorker(api.dataDir)]);
    await bothCaughtUp();
    expect(await reactions()).toEqual([]);

    const k17August = (await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201)).id;
    const k17October = (await post('/api/meetings', { forumId: 'k17', startsAt: '2025-10-03T09:00:00+02:00' }, 201)).id;
    const kkr = (await post('/api/meetings', { forumId: 'kkr-sjaelland', startsAt: '2025-09-02T10:00:00+02:00' }, 201)).id;
    await bothCaughtUp();
    const scheduled = await reactions();
    expect(scheduled.map((event) => event.type)).toEqual(Array(2 * CASES).fill('CaseScheduled'));
    const onto = (events: RecordedEvent[], meetingId: string) =>
      events
        .filter((event) => (event.data as { meetingId: string }).meetingId === meetingId)
        .map((event) => (event.data as { caseId: string }).caseId)
        .sort();
    expect(onto(scheduled, k17August)).toEqual([...caseIds].sort());
    expect(onto(scheduled, kkr)).toEqual([...caseIds].sort());

    await post(`/api/meetings/${k17August}/cancel`, { reason: 'For få deltagere' });
    await bothCaughtUp();
    const moved = (await reactions()).slice(scheduled.length);
    expect(moved.map((event) => event.type)).toEqual(Array(CASES).fill('CaseScheduled'));
    expect(onto(moved, k17October)).toEqual([...caseIds].sort());

    // Nothing failed on the way: a reaction that met the other worker's events took them as its own.
    const health = (await http().get('/health').expect(200)).body;
    expect(health.details.worker).toMatchObject({ failedReactions: 0 });
  }, 60_000);
});
