import { MeetingView, readSnapshot, snapshotToWrite, writeSnapshot } from '@app/read-side';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';
import { FullForTheFirstReactions } from './full-disk-store';

/**
 * What the worker does, and tells the operator in its log, when a reaction cannot be carried out as it chose it:
 * the meeting can no longer take the case, or the command fails however often it is tried.
 */
describe('the process manager when a reaction cannot be carried out as chosen', () => {
  let api: ApiUnderTest | undefined;
  /** pino's root logger is made by the first app of a test file: every app here writes into these lines. */
  const logs: string[] = [];
  beforeEach(() => logs.splice(0));
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  const http = () => api!.http();
  const post = async (path: string, body: object, status = 200) => (await http().post(path).send(body).expect(status)).body;
  const messages = (): string[] => logs.map((line) => (JSON.parse(line) as { msg: string }).msg);

  /**
   * A case decided on Styregruppen's 8/8 meeting is forwarded to K17, whose 22/8 meeting the worker's view still
   * has as it was, though the log has it changed: as when the API changes the meeting a moment before the worker
   * acts on it. To make that moment last, the view the worker saved at shutdown is put back to before the change.
   */
  const forwardToK17AfterAChangeTheWorkerHasNotSeen = async (change: (k17August: string) => Promise<unknown>, { k17October }: { k17October: boolean }) => {
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', withWorker: true, logs });
    const august = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00' }, 201)).id as string;
    const k17August = (await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201)).id as string;
    const october = k17October ? ((await post('/api/meetings', { forumId: 'k17', startsAt: '2025-10-03T09:00:00+02:00' }, 201)).id as string) : undefined;
    const caseId = (await post('/api/cases', { forumId: 'styregruppen', title: 'Socialtilsyn Øst årsrapport 2024', kind: 'information' }, 201)).id as string;
    await post(`/api/cases/${caseId}/schedule`, { meetingId: august });
    await change(k17August);
    await eventually(async () => expect((await http().get('/health').expect(200)).body.details.worker).toMatchObject({ behind: 0 }));
    const { dataDir } = api;
    await api.close({ keepData: true });

    const file = join(dataDir, 'case-scheduling.view.json');
    const snapshot = readSnapshot(file);
    if (!snapshot) throw new Error('case-scheduling.view.json was not written at shutdown');
    snapshot.projections.meetings.entries = snapshot.projections.meetings.entries.map(([id, meeting, groups]) =>
      id === k17August ? [id, { ...(meeting as MeetingView), startsAt: '2025-08-22T09:00:00+02:00', status: 'scheduled', cancelReason: undefined }, groups] : [id, meeting, groups],
    );
    writeSnapshot(file, snapshotToWrite(snapshot));
    // The API folds the log again, so what it answers is the log, not the worker's view.
    rmSync(join(dataDir, 'read-models.json'));

    api = await startApi({ now: '2025-08-08T11:30:00+02:00', dataDir, withWorker: true, logs });
    await post(`/api/cases/${caseId}/decide`, { meetingId: august, outcome: 'noted', text: 'Taget til efterretning' });
    await post(`/api/cases/${caseId}/forward`, { meetingId: august, toForumIds: ['k17'], purpose: 'information' });
    return { caseId, k17October: october };
  };

  it.each([
    ['cancelled', (k17August: string) => post(`/api/meetings/${k17August}/cancel`, { reason: 'For få deltagere' })],
    ['moved to an hour that has begun', (k17August: string) => post(`/api/meetings/${k17August}/reschedule`, { startsAt: '2025-08-08T10:00:00+02:00' })],
  ])('puts the case onto the next meeting when the one it chose was %s a moment before', async (_change, change) => {
    const { caseId, k17October } = await forwardToK17AfterAChangeTheWorkerHasNotSeen(change, { k17October: true });

    await eventually(async () => {
      const flow = (await http().get(`/api/cases/${caseId}/flow`).expect(200)).body;
      expect(flow.waitsIn).toEqual([{ forumId: 'k17', meetingId: k17October, startsAt: '2025-10-03T09:00:00+02:00' }]);
    });
    expect((await http().get('/health').expect(200)).body.details.worker).toMatchObject({ failedReactions: 0 });
  });

  it('leaves the case waiting, and logs why, when the meeting it chose was cancelled a moment before and none comes after: a refusal, not a failure', async () => {
    const { caseId } = await forwardToK17AfterAChangeTheWorkerHasNotSeen((k17August) => post(`/api/meetings/${k17August}/cancel`, { reason: 'For få deltagere' }), { k17October: false });

    // Not retried: the worker is done with the forward at once.
    await eventually(async () => {
      expect((await http().get('/health').expect(200)).body.details.worker).toMatchObject({ status: 'up', behind: 0, failedReactions: 0 });
    });
    expect((await http().get(`/api/cases/${caseId}/flow`).expect(200)).body.waitsIn).toEqual([{ forumId: 'k17' }]);
    expect(messages()).toContain(`No schedule for case ${caseId}: meeting.cancelled`);
  });

  it('tries a reaction whose failure does not pass five times, then records what it was to do, logs it, and moves past the event', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'api-e2e-'));
    const store = new FullForTheFirstReactions(join(dataDir, 'events.db'), Number.POSITIVE_INFINITY);
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', dataDir, withWorker: true, store, logs });
    const k17 = (await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201)).id as string;
    const caseId = (await post('/api/cases', { forumId: 'k17', title: 'Takstanalyse', kind: 'decision' }, 201)).id as string;
    await post(`/api/cases/${caseId}/schedule`, { meetingId: k17 });
    await post(`/api/meetings/${k17}/cancel`, { reason: 'For få deltagere' });

    // The pauses between the attempts add up to 15 seconds.
    await eventually(async () => {
      expect((await http().get('/health').expect(200)).body.details.worker).toMatchObject({
        behind: 0,
        failedReactions: 1,
        lastFailure: { what: `postpone-case ${caseId} ${k17}`, error: expect.stringMatching(/^StorageFullError/) },
      });
    }, 25_000);
    expect(store.failed).toBe(5);
    expect(messages()).toContainEqual(expect.stringMatching(new RegExp(`failed for good: postpone-case ${caseId} ${k17}: StorageFullError`)));
  }, 60_000);
});
