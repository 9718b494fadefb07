import { CheckpointStore, EventStore, InMemoryEventStore, InMemoryLog, RecordedEvent } from '@app/event-store';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb/eventstoredb-event-store';
import { CASE_SCHEDULING } from '@app/workflows/process-managers/process-manager.runner';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiOptions, ApiUnderTest, eventually, startApi } from '../api/api-under-test';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

/** Where the story runs: the API and the worker on it, and the test's own look at it. */
interface LogUnderTest {
  options: Pick<ApiOptions, 'log' | 'eventStoreConnectionString'>;
  open(): EventStore & CheckpointStore;
}

const logs: Array<[string, () => LogUnderTest]> = [
  [
    'a log whose positions are byte offsets, as EventStoreDB hands them out',
    () => {
      const log = new InMemoryLog({ positions: 'byte-offsets' });
      return { options: { log }, open: () => new InMemoryEventStore(log) };
    },
  ],
];
if (connectionString) {
  logs.push(['EventStoreDB', () => ({ options: { eventStoreConnectionString: connectionString }, open: () => new EventStoreDbEventStore({ connectionString }) })]);
} else {
  console.warn('The restarts on EventStoreDB are skipped: EVENTSTORE_CONNECTION_STRING is not set (npm run test:eventstoredb starts a server in Docker)');
}

/**
 * The forums of config/forums.json under ids of this run's own: on a server that keeps the log of earlier runs,
 * the process manager would otherwise find their meetings too.
 */
const forumsOfThisRun = (run: string): { file: string; id: (forum: string) => string } => {
  const id = (forum: string) => `${forum}-${run}`;
  const shipped = JSON.parse(readFileSync(resolve(__dirname, '../../config/forums.json'), 'utf8')) as { forums: Array<{ id: string; parentId?: string }> };
  const file = join(tmpdir(), `forums-${run}.json`);
  const forums = shipped.forums.map((forum) => ({ ...forum, id: id(forum.id), ...(forum.parentId && { parentId: id(forum.parentId) }) }));
  writeFileSync(file, JSON.stringify({ ...shipped, forums }));
  return { file, id };
};

/**
 * The API and the worker stopped and started again: the API from the read models it saved, the worker from its
 * checkpoint and saved view, and what came while the worker was away is reacted to once.
 */
describe.each(logs)('restarts, on %s', (_name, logUnderTest) => {
  let underTest: LogUnderTest;
  let store: EventStore & CheckpointStore;
  let forums: ReturnType<typeof forumsOfThisRun>;
  let api: ApiUnderTest | undefined;
  const post = async (path: string, body: object, status = 200) => (await api!.http().post(path).send(body).expect(status)).body;
  const start = async (options: ApiOptions) => {
    api = await startApi({ ...options, ...underTest.options, env: { FORUMS_FILE: forums.file } });
  };

  beforeEach(() => {
    underTest = logUnderTest();
    store = underTest.open();
    forums = forumsOfThisRun(randomUUID().slice(0, 8));
  });

  afterEach(async () => {
    await api?.close();
    api = undefined;
    await store.close();
    rmSync(forums.file, { force: true });
  });

  /** The process manager's reactions to these cases. */
  const reactionsTo = async (...caseIds: string[]): Promise<RecordedEvent[]> => {
    const reactions: RecordedEvent[] = [];
    for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) {
      reactions.push(...page.filter((event) => event.metadata.userId === `process-manager:${CASE_SCHEDULING}` && caseIds.includes((event.data as { caseId: string }).caseId)));
    }
    return reactions;
  };

  const checkpointReachesHead = async () => {
    const head = await store.headPosition();
    await eventually(async () => expect(await store.loadCheckpoint(CASE_SCHEDULING)).toBeGreaterThanOrEqual(head));
  };

  it('starts again from the saved read models, view and checkpoint, and the process manager reacts once to what came while the worker was away', async () => {
    const [styregruppen, k17, kkr] = ['styregruppen', 'k17', 'kkr-sjaelland'].map(forums.id);
    await start({ now: '2025-07-01T09:00:00+02:00', withWorker: true });
    const august = (await post('/api/meetings', { forumId: styregruppen, startsAt: '2025-08-08T11:00:00+02:00' }, 201)).id;
    await post('/api/meetings', { forumId: k17, startsAt: '2025-08-22T09:00:00+02:00' }, 201);
    await post('/api/meetings', { forumId: kkr, startsAt: '2025-09-02T10:00:00+02:00' }, 201);
    const first = (await post('/api/cases', { forumId: styregruppen, title: 'Socialtilsyn Øst årsrapport 2024', kind: 'information' }, 201)).id;
    await post(`/api/cases/${first}/schedule`, { meetingId: august });
    api!.clock.set('2025-08-08T11:30:00+02:00');
    await post(`/api/cases/${first}/decide`, { meetingId: august, outcome: 'noted', text: 'Taget til efterretning' });
    await post(`/api/cases/${first}/forward`, { meetingId: august, toForumIds: [k17, kkr], purpose: 'information' });
    await eventually(async () => expect((await reactionsTo(first)).map((event) => event.type)).toEqual(['CaseScheduled', 'CaseScheduled']));
    await checkpointReachesHead();
    const { dataDir } = api!;
    await api!.close({ keepData: true });

    // The API alone, from the read models it saved at shutdown; the worker is away.
    await start({ now: '2025-08-10T09:00:00+02:00', dataDir });
    expect((await api!.http().get(`/api/cases/${first}/flow`).expect(200)).body.waitsIn).toHaveLength(2);
    const second = (await post('/api/cases', { forumId: styregruppen, title: 'Takstanalyse', kind: 'decision' }, 201)).id;
    const september = (await post('/api/meetings', { forumId: styregruppen, startsAt: '2025-09-19T12:00:00+02:00' }, 201)).id;
    await post(`/api/cases/${second}/schedule`, { meetingId: september });
    api!.clock.set('2025-09-19T12:30:00+02:00');
    await post(`/api/cases/${second}/decide`, { meetingId: september, outcome: 'approved', text: 'Godkendt' });
    await post(`/api/cases/${second}/forward`, { meetingId: september, toForumIds: [kkr], purpose: 'decision' });
    const kkrOctober = (await post('/api/meetings', { forumId: kkr, startsAt: '2025-10-20T10:00:00+02:00' }, 201)).id;
    await api!.close({ keepData: true });

    await start({ now: '2025-09-19T13:00:00+02:00', dataDir, withWorker: true });
    await eventually(async () => {
      const flow = (await api!.http().get(`/api/cases/${second}/flow`).expect(200)).body;
      expect(flow.waitsIn).toEqual([{ forumId: kkr, meetingId: kkrOctober, startsAt: '2025-10-20T10:00:00+02:00' }]);
    });
    await checkpointReachesHead();
    expect(await reactionsTo(first, second)).toHaveLength(3);
  });
});
