import { EventStore, InMemoryEventStore, InMemoryLog, SqliteEventStore } from '@app/event-store';
import {
  casesProjection,
  EntityModel,
  loadSnapshot,
  meetingsProjection,
  MeetingView,
  Projection,
  ProjectionRunner,
  ReadModels,
  ReadModelSnapshot,
  readSnapshot,
  saveSnapshot,
  SNAPSHOT_EVERY_EVENTS,
  SnapshotEntry,
  snapshotToWrite,
  UnreadEntity,
  writeSnapshot,
} from '@app/read-side';
import { caseDecided, caseForwarded, caseProposed, caseScheduled, meetingScheduled, streamIdOf } from '@app/read-side/testing/read-side.testing';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scheduled = (meetingId: string, startsAt: string) => ({
  type: 'MeetingScheduled',
  data: { meetingId, forumId: 'styregruppen', startsAt, scheduledAt: '2025-01-10T09:00:00+01:00' },
});

/** A snapshot as loaded, each unread entity parsed. */
const parsed = (snapshot: ReadModelSnapshot | undefined): ReadModelSnapshot | undefined =>
  snapshot && {
    ...snapshot,
    projections: Object.fromEntries(
      Object.entries(snapshot.projections).map(([name, { version, entries }]) => [
        name,
        { version, entries: entries.map(([key, entity, groups]): SnapshotEntry => [key, entity instanceof UnreadEntity ? JSON.parse(entity.json) : entity, groups]) },
      ]),
    ),
  };

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
    await runner.caughtUp();
    await runner.snapshotWritten();
    return { runner, ids: () => [...runner.model(projection).keys()].sort(), stop: () => runner.onApplicationShutdown() };
  };

  const scheduleMeetings = async (from: number, count: number) => {
    for (let n = from; n < from + count; n++) await store.append(`meeting-${n}`, [scheduled(`m${n}`, '2025-02-07T10:00:00+01:00')]);
  };

  /** Puts an entity into the snapshot that no event made: it shows whether the snapshot was used. */
  const plantMarker = () => {
    const snapshot = readSnapshot(snapshotFile)!;
    snapshot.projections.meetings.entries.push(['only-in-the-snapshot', { id: 'only-in-the-snapshot' }, []]);
    writeSnapshot(snapshotFile, snapshotToWrite(snapshot));
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
    await first.runner.snapshotWritten();
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

    expect(() => writeSnapshot(snapshotFile, snapshotToWrite(readSnapshot(snapshotFile)!))).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    expect(temporaryFiles()).toEqual([]);
    expect(readFileSync(snapshotFile)).toEqual(before);
  });

  it('removes its temporary file when it cannot be renamed into place', async () => {
    await scheduleMeetings(1, 2);
    await (await run()).stop();
    const snapshot = readSnapshot(snapshotFile)!;
    const occupied = join(dir, 'occupied');
    mkdirSync(join(occupied, 'by-a-folder'), { recursive: true });

    expect(() => writeSnapshot(occupied, snapshotToWrite(snapshot))).toThrow();
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

/** Snapshots written a line at a time while the event loop goes on turning, as the API writes them. */
describe('a read-model snapshot written in the background', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'snapshot-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Read models of several megabytes of JSON, so the file has many chunks: entities with text, numbers, æøå,
   * tabs, line breaks and nesting, keys that JSON must escape, and groups.
   */
  const large = (): ReadModelSnapshot => {
    const entries = (prefix: string, count: number): SnapshotEntry[] =>
      Array.from({ length: count }, (_, n) => [
        n % 1000 === 7 ? `${prefix}\t"${n}"\\` : `${prefix}-${n}`,
        {
          id: `${prefix}-${n}`,
          title: `Sag nr. ${n} om økonomi, sundhed og “andet”${n % 10 === 0 ? '\tmed\nlinjeskift' : ''}`,
          owners: [`ejer-${n % 7}`],
          due: n % 3 === 0 ? null : '2025-06-01',
          flow: [{ step: n, at: n * 1.5 }],
        },
        prefix === 'case' ? [['styregruppen', 'k17', 'kkr'][n % 3], ...(n % 5 === 0 ? ['k\t"17"'] : [])] : [],
      ]);
    return {
      position: 123_456,
      lastEvent: { id: 'e-123456', streamId: 'case-9', revision: 4 },
      projections: { cases: { version: 3, entries: entries('case', 30_000) }, followUps: { version: 1, entries: entries('follow-up', 20_000) }, empty: { version: 1, entries: [] } },
    };
  };

  it('reads back equal, line by line and whole, and byte for byte what the blocking write writes', async () => {
    const snapshot = large();
    const file = join(dir, 'read-models.json');
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 0);
    try {
      await saveSnapshot(file, snapshotToWrite(snapshot));
    } finally {
      clearInterval(ticking);
    }
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    expect(lines).toBeGreaterThan(5);
    // Timers ran while the file was written: the loop was not held for the whole write.
    expect(turns).toBeGreaterThan(1);
    expect(readSnapshot(file)).toEqual(snapshot);
    const loaded = await loadSnapshot(file);
    expect(loaded?.projections.cases.entries.every(([, entity]) => entity instanceof UnreadEntity)).toBe(true);
    expect(parsed(loaded)).toEqual(snapshot);
    writeSnapshot(join(dir, 'blocking.json'), snapshotToWrite(snapshot));
    expect(readFileSync(file).equals(readFileSync(join(dir, 'blocking.json')))).toBe(true);
  });

  it('is refused, read line by line, when cut off or changed', async () => {
    const file = join(dir, 'read-models.json');
    await saveSnapshot(file, snapshotToWrite(large()));
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length - 20));
    expect(await loadSnapshot(file)).toBeUndefined();
    const changed = Buffer.from(whole);
    changed[Math.floor(whole.length / 2)] ^= 0x01;
    writeFileSync(file, changed);
    expect(await loadSnapshot(file)).toBeUndefined();
    expect(await loadSnapshot(join(dir, 'absent.json'))).toBeUndefined();
  });

  it('holds the models as they were when it was taken, while they go on taking events', async () => {
    const store = new InMemoryEventStore(new InMemoryLog());
    try {
      for (const n of [1, 2, 3]) await store.append(`meeting-${n}`, [scheduled(`m${n}`, '2025-02-07T10:00:00+01:00')]);
      const models = new ReadModels([meetingsProjection as Projection<unknown>]);
      await models.catchUp(store, await store.headPosition());
      const taken = models.frozen()!;
      const at = models.position;
      await store.append('meeting-1', [{ type: 'MeetingCancelled', data: { meetingId: 'm1', forumId: 'styregruppen', reason: 'Aflyst', cancelledAt: '2025-01-20T09:00:00+01:00' } }]);
      await store.append('meeting-4', [scheduled('m4', '2025-03-07T10:00:00+01:00')]);
      await models.catchUp(store, await store.headPosition());
      expect(models.model(meetingsProjection).get('m1')?.status).toBe('cancelled');

      const file = join(dir, 'read-models.json');
      await saveSnapshot(file, taken);
      const read = parsed(await loadSnapshot(file))!;
      const meetings = new Map(read.projections.meetings.entries.map(([key, entity]) => [key, entity as MeetingView]));
      expect(read.position).toBe(at);
      expect([...meetings.keys()].sort()).toEqual(['m1', 'm2', 'm3']);
      expect(meetings.get('m1')?.status).toBe('scheduled');
    } finally {
      await store.close();
    }
  });

  it('restored, serves every entity and group before any is parsed, writes unread ones back as they were read, and reads the rest meanwhile', async () => {
    const store = new InMemoryEventStore(new InMemoryLog());
    try {
      const story = [
        meetingScheduled('sg-1', 'styregruppen', '2025-08-08T11:00:00+02:00'),
        meetingScheduled('k17-1', 'k17', '2025-08-22T09:00:00+02:00'),
        ...Array.from({ length: 40 }, (_, n) => caseProposed(`sag-${n}`, 'styregruppen', { title: `Sag ${n}: økonomi\tog “andet”` })),
        ...Array.from({ length: 20 }, (_, n) => caseScheduled(`sag-${n}`, 'styregruppen', 'sg-1', '2025-08-08T11:00:00+02:00')),
        ...Array.from({ length: 10 }, (_, n) => caseDecided(`sag-${n}`, 'styregruppen', 'sg-1', '2025-08-08T12:00:00+02:00')),
        ...Array.from({ length: 5 }, (_, n) => caseForwarded(`sag-${n}`, 'styregruppen', 'sg-1', ['k17'], 'decision', '2025-08-08T12:30:00+02:00')),
      ];
      for (const event of story) await store.append(streamIdOf(event), [event]);
      const projections = [meetingsProjection, casesProjection] as Projection<unknown>[];
      const folded = new ReadModels(projections);
      await folded.catchUp(store, await store.headPosition());
      const file = join(dir, 'read-models.json');
      await saveSnapshot(file, folded.frozen()!);

      const restored = new ReadModels(projections);
      expect(await restored.restore(store, (await loadSnapshot(file))!)).toBe(true);
      const cases = restored.model(casesProjection);
      const unreadIn = (model: unknown) => (model as EntityModel<unknown>).unread;
      expect(unreadIn(cases)).toBe(40);
      for (const forumId of ['styregruppen', 'k17']) expect([...cases.keysIn(forumId)]).toEqual([...folded.model(casesProjection).keysIn(forumId)]);
      expect(unreadIn(cases)).toBe(40);

      const again = join(dir, 'again.json');
      await saveSnapshot(again, restored.frozen()!);
      expect(readFileSync(again).equals(readFileSync(file))).toBe(true);

      expect(cases.get('sag-3')).toEqual(folded.model(casesProjection).get('sag-3'));
      expect(unreadIn(cases)).toBe(39);
      await restored.readUnread();
      expect(unreadIn(cases)).toBe(0);
      expect(new Map(cases)).toEqual(new Map(folded.model(casesProjection)));
      expect(new Map(restored.model(meetingsProjection))).toEqual(new Map(folded.model(meetingsProjection)));
    } finally {
      await store.close();
    }
  });
});
