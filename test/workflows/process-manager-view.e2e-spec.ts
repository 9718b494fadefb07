import { RecordedEvent, SqliteEventStore } from '@app/event-store';
import { readSnapshot, snapshotToWrite, writeSnapshot } from '@app/read-side';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';

const reactionsIn = async (dataDir: string): Promise<RecordedEvent[]> => {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) events.push(...page);
  await store.close();
  return events.filter((event) => event.metadata.userId === 'process-manager:case-scheduling');
};

/**
 * The worker's view of meetings and cases starts from a snapshot at or before its checkpoint, not from the
 * start of the log. To tell the two apart, the snapshot is made to miss K17's meeting, which the log has: a
 * worker that used it cannot put a case forwarded to K17 onto that meeting.
 */
describe("the process manager's view at a restart", () => {
  let api: ApiUnderTest | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it.each([
    ['its own snapshot', 'case-scheduling.view.json', undefined],
    ["the API's read-model snapshot, where it has none of its own", 'read-models.json', 'case-scheduling.view.json'],
  ])('starts from %s', async (_name, snapshotFile, removed) => {
    api = await startApi({ now: '2025-07-01T09:00:00+02:00', withWorker: true });
    const http = () => api!.http();
    const post = async (path: string, body: object, status = 200) => (await http().post(path).send(body).expect(status)).body;
    const august = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00' }, 201)).id;
    const september = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-09-19T12:00:00+02:00' }, 201)).id;
    const k17 = (await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201)).id;
    const annualReport = (await post('/api/cases', { forumId: 'styregruppen', title: 'Socialtilsyn Øst årsrapport 2024', kind: 'information' }, 201)).id;
    const takst = (await post('/api/cases', { forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }, 201)).id;
    for (const caseId of [annualReport, takst]) await post(`/api/cases/${caseId}/schedule`, { meetingId: august });
    const { dataDir } = api;
    await api.close({ keepData: true });

    const file = join(dataDir, snapshotFile);
    const snapshot = readSnapshot(file);
    if (!snapshot) throw new Error(`${snapshotFile} was not written at shutdown`);
    snapshot.projections.meetings.entries = snapshot.projections.meetings.entries.filter(([id]) => id !== k17);
    writeSnapshot(file, snapshotToWrite(snapshot));
    if (removed) rmSync(join(dataDir, removed));

    api = await startApi({ now: '2025-08-08T11:30:00+02:00', dataDir, withWorker: true });
    await post(`/api/cases/${annualReport}/decide`, { meetingId: august, outcome: 'noted', text: 'Taget til efterretning' });
    await post(`/api/cases/${annualReport}/forward`, { meetingId: august, toForumIds: ['k17'], purpose: 'information' });
    // Handled after the forward, in log order: once it shows, the forward has been reacted to as well.
    await post(`/api/cases/${takst}/postpone`, { fromMeetingId: august, reason: 'Udsat til næste møde' });

    await eventually(async () => expect((await reactionsIn(dataDir)).map((event) => event.data)).toEqual([expect.objectContaining({ caseId: takst, meetingId: september })]));
  });
});
