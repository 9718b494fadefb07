import { RecordedEvent, SqliteEventStore } from '@app/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';

const readLog = async (dataDir: string): Promise<RecordedEvent[]> => {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) events.push(...page);
  await store.close();
  return events;
};

const checkpointOf = async (dataDir: string): Promise<number | undefined> => {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  try {
    return await store.loadCheckpoint('case-scheduling');
  } finally {
    await store.close();
  }
};

/** The process manager's reactions happen once, however often the log is read again. */
describe('process manager replay', () => {
  let api: ApiUnderTest | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  const writeHistory = async (): Promise<string> => {
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', withWorker: true });
    const http = () => api!.http();
    const august = (await http().post('/api/meetings').send({ forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00' }).expect(201)).body.id;
    await http().post('/api/meetings').send({ forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }).expect(201);
    await http().post('/api/meetings').send({ forumId: 'kkr-sjaelland', startsAt: '2025-09-02T10:00:00+02:00' }).expect(201);
    const caseId = (await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Socialtilsyn Øst årsrapport 2024', kind: 'information' }).expect(201)).body.id;
    await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId: august }).expect(200);
    api.clock.set('2025-08-08T11:30:00+02:00');
    await http().post(`/api/cases/${caseId}/decide`).send({ meetingId: august, outcome: 'noted', text: 'Taget til efterretning' }).expect(200);
    await http().post(`/api/cases/${caseId}/forward`).send({ meetingId: august, toForumIds: ['k17', 'kkr-sjaelland'], purpose: 'information' }).expect(200);
    await eventually(async () => {
      const reactions = (await readLog(api!.dataDir)).filter((event) => event.metadata.userId === 'process-manager:case-scheduling');
      expect(reactions.map((event) => event.type)).toEqual(['CaseScheduled', 'CaseScheduled']);
    });
    const { dataDir } = api;
    const head = (await readLog(dataDir)).length;
    await eventually(async () => expect(await checkpointOf(dataDir)).toBe(head));
    await api.close({ keepData: true });
    api = undefined;
    return dataDir;
  };

  it('appends no reaction again when a worker without a checkpoint reads the whole log', async () => {
    const dataDir = await writeHistory();
    const history = await readLog(dataDir);
    // The worker keeps its checkpoint beside the log: every event in it is the domain's.
    expect(history.filter((event) => !/^(meeting|case|follow-up|account)-/.test(event.streamId))).toEqual([]);

    // A new worker on a copy of the log without the checkpoint: every event is handed to it again.
    const replayDir = mkdtempSync(join(tmpdir(), 'replay-'));
    const copy = new SqliteEventStore({ file: join(replayDir, 'events.db') });
    for (const event of history) {
      await copy.append(event.streamId, [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }], {
        expectedRevision: event.revision === 0 ? 'no_stream' : event.revision - 1,
      });
    }
    await copy.close();

    api = await startApi({ now: '2025-08-08T12:00:00+02:00', dataDir: replayDir, withWorker: true });
    await eventually(async () => expect(await checkpointOf(replayDir)).toBeGreaterThanOrEqual(history.length));
    const replayed = await readLog(replayDir);
    expect(replayed.map((event) => event.id)).toEqual(history.map((event) => event.id));
  });

  it('reacts, after a restart, to what happened while the worker was away', async () => {
    const dataDir = await writeHistory();
    api = await startApi({ now: '2025-08-10T09:00:00+02:00', dataDir });
    const http = () => api!.http();
    const caseId = (await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }).expect(201)).body.id;
    const september = (await http().post('/api/meetings').send({ forumId: 'styregruppen', startsAt: '2025-09-19T12:00:00+02:00' }).expect(201)).body.id;
    await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId: september }).expect(200);
    api.clock.set('2025-09-19T12:30:00+02:00');
    await http().post(`/api/cases/${caseId}/decide`).send({ meetingId: september, outcome: 'approved', text: 'Godkendt' }).expect(200);
    await http().post(`/api/cases/${caseId}/forward`).send({ meetingId: september, toForumIds: ['kkr-sjaelland'], purpose: 'decision' }).expect(200);
    const kkrOctober = (await http().post('/api/meetings').send({ forumId: 'kkr-sjaelland', startsAt: '2025-10-20T10:00:00+02:00' }).expect(201)).body.id;
    await api.close({ keepData: true });

    api = await startApi({ now: '2025-09-19T13:00:00+02:00', dataDir, withWorker: true });
    await eventually(async () => {
      const flow = (await api!.http().get(`/api/cases/${caseId}/flow`).expect(200)).body;
      expect(flow.waitsIn).toEqual([{ forumId: 'kkr-sjaelland', meetingId: kkrOctober, startsAt: '2025-10-20T10:00:00+02:00' }]);
    });
    const reactions = (await readLog(dataDir)).filter((event) => event.metadata.userId === 'process-manager:case-scheduling');
    expect(reactions).toHaveLength(3);
  });

  it('goes on, after an upgrade from a version that kept its checkpoint in the log, from that checkpoint: nothing before it is acted on again', async () => {
    // Written without a worker: a case postponed at 19/9 to "the next meeting", then Styregruppen's 21/11 meeting.
    api = await startApi({ now: '2025-09-01T09:00:00+02:00' });
    const http = () => api!.http();
    const september = (await http().post('/api/meetings').send({ forumId: 'styregruppen', startsAt: '2025-09-19T12:00:00+02:00' }).expect(201)).body.id;
    const caseId = (await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }).expect(201)).body.id;
    await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId: september }).expect(200);
    api.clock.set('2025-09-19T12:30:00+02:00');
    await http().post(`/api/cases/${caseId}/postpone`).send({ fromMeetingId: september, reason: 'Udsat til næste møde' }).expect(200);
    await http().post('/api/meetings').send({ forumId: 'styregruppen', startsAt: '2025-11-21T10:00:00+01:00' }).expect(201);
    const { dataDir } = api;
    await api.close({ keepData: true });

    // The old version had handled all of it, and saved its checkpoint as an event in the log.
    const history = await readLog(dataDir);
    const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
    await store.append('checkpoint-case-scheduling', [{ type: 'CheckpointStored', data: { position: history[history.length - 1].position } }]);
    await store.close();

    api = await startApi({ now: '2025-09-19T13:00:00+02:00', dataDir, withWorker: true });
    await eventually(async () => expect((await api!.http().get('/health').expect(200)).body.details.worker).toMatchObject({ status: 'up', behind: 0 }));
    // This version would move the case onto 21/11 on seeing that meeting scheduled; it is left where the old one left it.
    expect((await api.http().get(`/api/cases/${caseId}/flow`).expect(200)).body.waitsIn).toEqual([{ forumId: 'styregruppen' }]);
    expect((await readLog(dataDir)).filter((event) => event.metadata.userId === 'process-manager:case-scheduling')).toEqual([]);
  });
});
