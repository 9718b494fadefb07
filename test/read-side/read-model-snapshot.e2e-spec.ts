import { EventStore, InMemoryEventStore, InMemoryLog, SqliteEventStore } from '@app/event-store';
import { meetingsProjection, MeetingView, Projection, ProjectionRunner, readSnapshot, SNAPSHOT_EVERY_EVENTS, writeSnapshot } from '@app/read-side';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scheduled = (meetingId: string, startsAt: string) => ({
  type: 'MeetingScheduled',
  data: { meetingId, forumId: 'styregruppen', startsAt, scheduledAt: '2025-01-10T09:00:00+01:00' },
});

/** A log the test can open, and replace by another. */
interface LogUnderTest {
  open(): EventStore;
  replace(): void;
}

const logs: Array<[string, (dir: string) => LogUnderTest]> = [
  [
    'a SQLite file',
    (dir) => ({
      open: () => new SqliteEventStore({ file: join(dir, 'events.db') }),
      replace: () => ['events.db', 'events.db-wal', 'events.db-shm'].forEach((name) => rmSync(join(dir, name), { force: true })),
    }),
  ],
  [
    // Positions with gaps, as EventStoreDB's byte offsets: a restart that computes a position, or counts events by positions, fails here.
    'a log whose positions are byte offsets',
    () => {
      let log = new InMemoryLog({ positions: 'byte-offsets' });
      return { open: () => new InMemoryEventStore(log), replace: () => (log = new InMemoryLog({ positions: 'byte-offsets' })) };
    },
  ],
];

/** Read models restored from a snapshot at start, caught up from its position, or folded again where it does not fit. */
describe.each(logs)('read-model snapshots, on %s', (_name, logIn) => {
  let dir: string;
  let log: LogUnderTest;
  let store: EventStore;
  let snapshotFile: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snapshot-'));
    log = logIn(dir);
    store = log.open();
    snapshotFile = join(dir, 'read-models.json');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (projection: Projection<MeetingView> = meetingsProjection, everyEvents = SNAPSHOT_EVERY_EVENTS) => {
    const runner = new ProjectionRunner(store, [projection as Projection<unknown>], { file: snapshotFile, everyEvents });
    await runner.onApplicationBootstrap();
    return { runner, ids: () => [...runner.model(projection).keys()].sort(), stop: () => runner.onApplicationShutdown() };
  };

  const scheduleMeetings = async (from: number, count: number) => {
    for (let n = from; n < from + count; n++) await store.append(`meeting-${n}`, [scheduled(`m${n}`, '2025-02-07T10:00:00+01:00')]);
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

  it('saves once a rebuild has caught up, not on the way, and again after that many live events', async () => {
    await scheduleMeetings(1, 35);
    const caughtUp = await store.headPosition();
    const first = await run(meetingsProjection, 10);
    // Caught up at the 35th event: one save there. Saves on the way, at the 10th, 20th and 30th, would cost a big log its start time.
    expect(readSnapshot(snapshotFile)?.position).toBe(caughtUp);

    await scheduleMeetings(36, 9);
    await first.runner.waitFor(await store.headPosition(), 5000);
    expect(readSnapshot(snapshotFile)?.position).toBe(caughtUp);
    await scheduleMeetings(45, 1);
    const tenthLive = await store.headPosition();
    await first.runner.waitFor(tenthLive, 5000);
    expect(readSnapshot(snapshotFile)?.position).toBe(tenthLive);
    await first.stop();
  });

  it('restarts from its snapshot again and again, catching up each time on what came after', async () => {
    await scheduleMeetings(1, 3);
    await (await run()).stop();
    for (let restart = 1; restart <= 3; restart++) {
      plantMarker();
      await scheduleMeetings(3 + restart, 1);
      const again = await run();
      expect(again.ids()).toEqual([...Array.from({ length: 3 + restart }, (_, n) => `m${n + 1}`), 'only-in-the-snapshot'].sort());
      await again.stop();
      expect(readSnapshot(snapshotFile)?.position).toBe(await store.headPosition());
    }
  });

  it('folds the whole log again when the snapshot is cut off', async () => {
    await scheduleMeetings(1, 3);
    await (await run()).stop();
    plantMarker();
    const whole = readFileSync(snapshotFile);
    expect(readSnapshot(snapshotFile)?.projections.meetings.entries).toHaveLength(4);
    writeFileSync(snapshotFile, whole.subarray(0, whole.length - 20));
    expect(readSnapshot(snapshotFile)).toBeUndefined();
    const again = await run();
    expect(again.ids()).toEqual(['m1', 'm2', 'm3']);
    await again.stop();
  });

  it('refuses a snapshot with any one byte changed, also where it is still valid JSON', async () => {
    await scheduleMeetings(1, 2);
    await (await run()).stop();
    const whole = readFileSync(snapshotFile);
    const loaded: number[] = [];
    for (let offset = 0; offset < whole.length; offset++) {
      const changed = Buffer.from(whole);
      changed[offset] ^= 0x01;
      writeFileSync(snapshotFile, changed);
      if (readSnapshot(snapshotFile) !== undefined) loaded.push(offset);
    }
    expect({ loaded: loaded.length, firstAt: loaded.slice(0, 5) }).toEqual({ loaded: 0, firstAt: [] });
  });

  it('folds the whole log again when the snapshot was edited into other valid JSON, and saves the folded models over it', async () => {
    await store.append('meeting-a', [scheduled('a', '2025-02-07T10:00:00+01:00')]);
    await (await run()).stop();
    plantMarker();
    writeFileSync(snapshotFile, readFileSync(snapshotFile, 'utf8').replace('only-in-the-snapshot', 'edited-by-hand------'));
    const edited = await run();
    const ids = edited.ids();
    await edited.stop();
    expect(ids).toEqual(['a']);
    expect(readSnapshot(snapshotFile)?.projections.meetings.entries.map(([id]) => id)).toEqual(['a']);
  });

  const temporaryFiles = () => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

  // /dev/full answers every write with ENOSPC, as a full disk does; the temporary file is made a link to it.
  (existsSync('/dev/full') ? it : it.skip)('removes its temporary file when the disk is full, and leaves the previous snapshot whole', async () => {
    await scheduleMeetings(1, 2);
    await (await run()).stop();
    const before = readFileSync(snapshotFile);
    symlinkSync('/dev/full', `${snapshotFile}.${process.pid}.tmp`);

    expect(() => writeSnapshot(snapshotFile, readSnapshot(snapshotFile)!)).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    expect(temporaryFiles()).toEqual([]);
    expect(readFileSync(snapshotFile)).toEqual(before);
  });

  it('removes its temporary file when it cannot be renamed into place', async () => {
    await scheduleMeetings(1, 2);
    await (await run()).stop();
    const snapshot = readSnapshot(snapshotFile)!;
    const occupied = join(dir, 'occupied');
    mkdirSync(join(occupied, 'by-a-folder'), { recursive: true });

    expect(() => writeSnapshot(occupied, snapshot)).toThrow();
    expect(temporaryFiles()).toEqual([]);
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
    log.replace();
    store = log.open();
    await store.append('meeting-c', [scheduled('c', '2025-04-04T10:00:00+02:00')]);
    const other = await run();
    expect(other.ids()).toEqual(['c']);
    await other.stop();
  });
});
