import { EventStore, SqliteEventStore } from '@app/event-store';
import { meetingsProjection, MeetingView, Projection, ProjectionRunner } from '@app/read-side';
import { readSnapshot, writeSnapshot } from '@app/read-side/projection-runner/read-model-snapshot';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scheduled = (meetingId: string, startsAt: string) => ({
  type: 'MeetingScheduled',
  data: { meetingId, forumId: 'styregruppen', startsAt, scheduledAt: '2025-01-10T09:00:00+01:00' },
});

/** Read models restored from a snapshot at start, caught up from its position, or folded again where it does not fit. */
describe('read-model snapshots', () => {
  let dir: string;
  let store: EventStore;
  let snapshotFile: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snapshot-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db') });
    snapshotFile = join(dir, 'read-models.json');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (projection: Projection<MeetingView> = meetingsProjection) => {
    const runner = new ProjectionRunner(store, [projection as Projection<unknown>], snapshotFile);
    await runner.onApplicationBootstrap();
    return { ids: () => [...runner.model(projection).keys()].sort(), stop: () => runner.onApplicationShutdown() };
  };

  /** Puts an entity into the snapshot that no event made: it shows whether the snapshot was used. */
  const plantMarker = () => {
    const snapshot = readSnapshot(snapshotFile)!;
    snapshot.projections.meetings.entries.push(['only-in-the-snapshot', { id: 'only-in-the-snapshot' }]);
    writeSnapshot(snapshotFile, snapshot);
  };

  it('writes a snapshot at shutdown and restores from it, catching up on what came after', async () => {
    await store.append('meeting-a', [scheduled('a', '2025-02-07T10:00:00+01:00')]);
    const first = await run();
    expect(first.ids()).toEqual(['a']);
    await first.stop();
    expect(existsSync(snapshotFile)).toBe(true);
    plantMarker();

    await store.append('meeting-b', [scheduled('b', '2025-03-14T10:00:00+01:00')]);
    const second = await run();
    expect(second.ids()).toEqual(['a', 'b', 'only-in-the-snapshot']);
    await second.stop();
  });

  it('folds the whole log again when a projection’s version has changed', async () => {
    await store.append('meeting-a', [scheduled('a', '2025-02-07T10:00:00+01:00')]);
    await (await run()).stop();
    plantMarker();
    const changed = await run({ ...meetingsProjection, version: meetingsProjection.version + 1 });
    expect(changed.ids()).toEqual(['a']);
    await changed.stop();
  });

  it('folds the whole log again when the snapshot belongs to another log', async () => {
    await store.append('meeting-a', [scheduled('a', '2025-02-07T10:00:00+01:00')]);
    await (await run()).stop();
    plantMarker();
    await store.close();
    rmSync(join(dir, 'events.db'));
    rmSync(join(dir, 'events.db-wal'), { force: true });
    rmSync(join(dir, 'events.db-shm'), { force: true });
    store = new SqliteEventStore({ file: join(dir, 'events.db') });
    await store.append('meeting-c', [scheduled('c', '2025-04-04T10:00:00+02:00')]);
    const other = await run();
    expect(other.ids()).toEqual(['c']);
    await other.stop();
  });
});
