import { RecordedEvent, SqliteEventStore } from '@app/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';
import { FullForTheFirstReactions } from './full-disk-store';

const readLog = async (dataDir: string): Promise<RecordedEvent[]> => {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) events.push(...page);
  await store.close();
  return events;
};

/** What the worker did and did not do while it was away, and what it tells /health. */
describe('the process manager when things go wrong', () => {
  let api: ApiUnderTest | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  const http = () => api!.http();
  const post = async (path: string, body: object, status = 200, headers: Record<string, string> = {}) =>
    (await http().post(path).set(headers).send(body).expect(status)).body;
  const restart = async (dataDir: string, now: string, withWorker: boolean) => {
    await api!.close({ keepData: true });
    api = await startApi({ now, dataDir, withWorker });
  };

  /** Styregruppen on 8/8 and 19/9, K17 on 22/8 and 3/10, KKR on 2/9; a case on 8/8, decided there. */
  const summer = async () => {
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', withWorker: true });
    const meetings = {
      august: (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00' }, 201)).id as string,
      september: (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-09-19T12:00:00+02:00' }, 201)).id as string,
      k17August: (await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201)).id as string,
      k17October: (await post('/api/meetings', { forumId: 'k17', startsAt: '2025-10-03T09:00:00+02:00' }, 201)).id as string,
      kkr: (await post('/api/meetings', { forumId: 'kkr-sjaelland', startsAt: '2025-09-02T10:00:00+02:00' }, 201)).id as string,
    };
    const caseId = (await post('/api/cases', { forumId: 'styregruppen', title: 'Socialtilsyn Øst årsrapport 2024', kind: 'information' }, 201)).id as string;
    await post(`/api/cases/${caseId}/schedule`, { meetingId: meetings.august });
    api.clock.set('2025-08-08T11:30:00+02:00');
    await post(`/api/cases/${caseId}/decide`, { meetingId: meetings.august, outcome: 'noted', text: 'Taget til efterretning' });
    return { meetings, caseId, dataDir: api.dataDir };
  };

  it('puts a case forwarded while the worker was away onto the next meeting that can take it, though the first one was cancelled meanwhile', async () => {
    const { meetings, caseId, dataDir } = await summer();
    await restart(dataDir, '2025-08-08T11:40:00+02:00', false);
    await post(`/api/cases/${caseId}/forward`, { meetingId: meetings.august, toForumIds: ['k17'], purpose: 'information' });
    await post(`/api/meetings/${meetings.k17August}/cancel`, { reason: 'For få deltagere' });

    await restart(dataDir, '2025-08-09T09:00:00+02:00', true);
    await eventually(async () => {
      const flow = (await http().get(`/api/cases/${caseId}/flow`).expect(200)).body;
      expect(flow.waitsIn).toEqual([{ forumId: 'k17', meetingId: meetings.k17October, startsAt: '2025-10-03T09:00:00+02:00' }]);
    });
  });

  it('records a reaction that no retry can cure, reports it in /health, and goes on with the next events', async () => {
    const { meetings, caseId, dataDir } = await summer();
    await post(`/api/cases/${caseId}/forward`, { meetingId: meetings.august, toForumIds: ['k17'], purpose: 'information' });
    await eventually(async () => expect((await http().get(`/api/cases/${caseId}/flow`).expect(200)).body.waitsIn).toEqual([expect.objectContaining({ meetingId: meetings.k17August })]));

    // While the worker is away, K17's 22/8 meeting is cancelled, and a client sends a request whose
    // Idempotency-Key is the one the worker's reaction to that cancellation will use, for another request.
    await restart(dataDir, '2025-08-10T09:00:00+02:00', false);
    const cancelled = await post(`/api/meetings/${meetings.k17August}/cancel`, { reason: 'For få deltagere' });
    const cancellation = (await readLog(dataDir)).find((event) => event.position === cancelled.position) as RecordedEvent;
    await post(`/api/cases/${caseId}/schedule`, { meetingId: meetings.september }, 200, { 'Idempotency-Key': `case-scheduling.${cancellation.id}.${caseId}` });

    await restart(dataDir, '2025-08-10T09:05:00+02:00', true);
    const other = (await post('/api/cases', { forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }, 201)).id;
    await post(`/api/cases/${other}/schedule`, { meetingId: meetings.september });
    api!.clock.set('2025-09-19T12:30:00+02:00');
    await post(`/api/cases/${other}/decide`, { meetingId: meetings.september, outcome: 'approved', text: 'Godkendt' });
    await post(`/api/cases/${other}/forward`, { meetingId: meetings.september, toForumIds: ['k17'], purpose: 'decision' });

    await eventually(async () => {
      const flow = (await http().get(`/api/cases/${other}/flow`).expect(200)).body;
      expect(flow.waitsIn).toEqual([expect.objectContaining({ forumId: 'k17', meetingId: meetings.k17October })]);
    });
    await eventually(async () => {
      const health = (await http().get('/health').expect(200)).body;
      expect(health.details.worker).toMatchObject({
        status: 'up',
        behind: 0,
        failedReactions: 1,
        lastFailure: { eventId: cancellation.id, what: `schedule-case ${caseId} ${meetings.k17October}`, error: expect.stringMatching(/^IdempotencyKeyReusedError/) },
      });
    });
  });

  it('retries a reaction that failed for a reason that passes, a full disk, and carries it out once there is room', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'api-e2e-'));
    const store = new FullForTheFirstReactions(join(dataDir, 'events.db'), 2);
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', dataDir, withWorker: true, store });
    const k17 = (await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201)).id as string;
    const august = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00' }, 201)).id as string;
    const caseId = (await post('/api/cases', { forumId: 'styregruppen', title: 'Socialtilsyn Øst årsrapport 2024', kind: 'information' }, 201)).id as string;
    await post(`/api/cases/${caseId}/schedule`, { meetingId: august });
    api.clock.set('2025-08-08T11:30:00+02:00');
    await post(`/api/cases/${caseId}/decide`, { meetingId: august, outcome: 'noted', text: 'Taget til efterretning' });

    await post(`/api/cases/${caseId}/forward`, { meetingId: august, toForumIds: ['k17'], purpose: 'information' });

    await eventually(async () => {
      expect((await http().get(`/api/cases/${caseId}/flow`).expect(200)).body.waitsIn).toEqual([expect.objectContaining({ forumId: 'k17', meetingId: k17 })]);
    }, 10_000);
    expect(store.failed).toBe(2);
    await eventually(async () => {
      expect((await http().get('/health').expect(200)).body.details.worker).toMatchObject({ status: 'up', behind: 0, failedReactions: 0 });
    });
  });

  it('hands a cancellation it had acted on over again, after the next meeting has begun, without a failed reaction or a second move', async () => {
    // Two cases on Styregruppen's 8/8 meeting; the next is 19/9.
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', withWorker: true });
    const august = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00' }, 201)).id as string;
    const september = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-09-19T12:00:00+02:00' }, 201)).id as string;
    const cases: string[] = [];
    for (const title of ['Takstanalyse', 'Kapacitet på botilbud']) {
      const caseId = (await post('/api/cases', { forumId: 'styregruppen', title, kind: 'decision' }, 201)).id as string;
      await post(`/api/cases/${caseId}/schedule`, { meetingId: august });
      cases.push(caseId);
    }
    const cancelled = await post(`/api/meetings/${august}/cancel`, { reason: 'Aflyst' });
    const waitsOnSeptember = async () => {
      for (const caseId of cases) {
        expect((await http().get(`/api/cases/${caseId}/flow`).expect(200)).body.waitsIn).toEqual([expect.objectContaining({ meetingId: september })]);
      }
    };
    await eventually(waitsOnSeptember);
    const { dataDir } = api;
    await api.close({ keepData: true });
    const headBefore = (await readLog(dataDir)).length;

    // The worker was killed before its checkpoint passed the cancellation; it starts again once 19/9 has begun,
    // when the same reaction worked out afresh would be to wait: it must see the cases already moved.
    const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
    await store.saveCheckpoint('case-scheduling', cancelled.position - 1);
    await store.close();
    api = await startApi({ now: '2025-09-19T12:30:00+02:00', dataDir, withWorker: true });

    await eventually(async () => {
      const health = (await http().get('/health').expect(200)).body;
      expect(health.details.worker).toMatchObject({ status: 'up', behind: 0, failedReactions: 0 });
    });
    await waitsOnSeptember();
    // Nothing but what the restart itself records: no case moved again.
    const after = (await readLog(dataDir)).slice(headBefore);
    expect(after.filter((event) => event.type.startsWith('Case'))).toEqual([]);
  });

  it('postpones the cases of a cancelled meeting with none after it, giving the cancellation as the reason, under the correlation id of the request that cancelled it', async () => {
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', withWorker: true });
    const k17 = (await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201)).id as string;
    const caseId = (await post('/api/cases', { forumId: 'k17', title: 'Takstanalyse', kind: 'decision' }, 201)).id as string;
    await post(`/api/cases/${caseId}/schedule`, { meetingId: k17 });
    const cancelled = await post(`/api/meetings/${k17}/cancel`, { reason: 'For få deltagere' }, 200, { 'X-Correlation-Id': 'aflysning-k17-august' });
    const cancellation = (await readLog(api.dataDir)).find((event) => event.position === cancelled.position) as RecordedEvent;

    await eventually(async () => {
      const history = (await http().get(`/api/cases/${caseId}/history`).expect(200)).body;
      expect(history[history.length - 1]).toMatchObject({
        type: 'CasePostponed',
        data: { fromMeetingId: k17, reason: 'Mødet blev aflyst' },
        metadata: { correlationId: 'aflysning-k17-august', causationId: cancellation.id, userId: 'process-manager:case-scheduling' },
      });
    });
  });

  it('reports a worker that lets an event wait longer than allowed as stuck, with how far behind it is', async () => {
    // No worker runs here: the secretariat's account, made at start, and the meeting wait for it.
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', env: { WORKER_MAX_LAG_SECONDS: '1' } });
    await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const health = await http().get('/health').expect(503);
    expect(health.body).toMatchObject({
      status: 'error',
      info: { eventStore: { status: 'up' }, readModels: { status: 'up' } },
      error: { worker: { status: 'down', position: 0, behind: 2, waitingSince: expect.any(String), lagSeconds: expect.any(Number), reason: expect.stringContaining('WORKER_MAX_LAG_SECONDS') } },
    });
    expect(health.headers['retry-after']).toBeDefined();
    expect(health.body.details.eventStore.head).toBe(2);
  });
});
