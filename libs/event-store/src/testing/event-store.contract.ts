/**
 * The one behaviour both adapters must have, run against each by a spec in test/event-store.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStoreFactoryConfig } from '../event-store.factory';
import {
  CheckpointStore,
  EventIdTakenError,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedVersionError,
} from '../event-store.port';
import {
  BatchWriter,
  BatchWriterOptions,
  raceAppend,
  raceAppendsInWorkerThreads,
  RaceOutcome,
  startBatchWriter,
} from './out-of-process';

export interface EventStoreUnderTest {
  /** Fresh for this test. */
  store: EventStore & CheckpointStore;
  /** Another instance on the same log, as a second process (the worker beside the API) would open it. */
  openAnother(): Promise<EventStore & CheckpointStore>;
  /** How a worker thread or a child process opens the same log with `createEventStore`; absent where no other process can. */
  config?: EventStoreFactoryConfig;
  /** A check of the storage itself after a crash (SQLite: integrity_check); omitted where a server owns it. */
  checkIntegrity?(): Promise<void>;
  /** Closes `store` and removes what `create` made; the suite closes the stores of `openAnother` itself. */
  dispose(): Promise<void>;
}

export interface EventStoreContractSetup {
  /**
   * A fresh store per test. A store on a shared server may hold older events, so the suite only looks at
   * streams of its own (named after a random id per test) and at positions after the head it found.
   */
  create(): Promise<EventStoreUnderTest>;
  /**
   * Where the racing writers run. 'worker-threads': calls within one process never interleave (SQLite), so
   * the writers need threads of their own. 'promises': against a server, concurrent calls are concurrent.
   */
  racingWriters: 'worker-threads' | 'promises';
  /** When set, every test is skipped and this reason printed. */
  skipReason?: string;
  /** When set, the tests that need another process on the same log are skipped and this reason printed. */
  multiProcessSkipReason?: string;
  /** When set, the store checks event ids within a stream only (EventStoreDB), and the test of ids across streams is skipped with this reason. */
  eventIdsCheckedPerStreamOnly?: string;
  /** When set, the store has no transaction across streams, and the all-or-nothing test of appendAll is skipped with this reason. */
  noTransactionAcrossStreams?: string;
  /**
   * Set where a server stores the appends: one a writer sent just before it was killed may still be committed
   * after the kill. The suite then reads the writer's streams until they have not changed for this long.
   */
  killedWritersSettleWithinMs?: number;
}

type Appended = Extract<RaceOutcome, { outcome: 'appended' }>;
type Refused = Extract<RaceOutcome, { outcome: 'refused' }>;

const RACING_WRITERS = 100;
const RACE_ROUNDS = 5;
/** Twice the cores of a small CI machine: enough overlap, and each thread costs ~60 MB (see out-of-process). */
const RACING_THREADS = 4;
const BATCH_SIZE = 5;
const CRASH_ROUNDS = 3;
const WAIT_MS = 10_000;
/** A server's clock and ours may differ a little. */
const CLOCK_SKEW_MS = 60_000;

type EventWithId = NewEvent & { id: string };

const newEvent = (type: string, data: Record<string, unknown> = {}, metadata?: NewEvent['metadata']): EventWithId => ({
  id: randomUUID(),
  type,
  data,
  metadata,
});

const idsOf = (events: Array<{ id?: string }>): Array<string | undefined> => events.map((event) => event.id);

async function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what()}`)), Math.max(ms, 0));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The next `count` events that `accept` takes, in the order the subscription yields them. */
async function take(
  events: AsyncIterator<RecordedEvent>,
  count: number,
  accept: (event: RecordedEvent) => boolean,
): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  const deadline = Date.now() + WAIT_MS;
  while (taken.length < count) {
    const next = await within(events.next(), deadline - Date.now(), () => `${taken.length} of ${count} events arrived`);
    if (next.done) throw new Error(`The subscription ended after ${taken.length} of ${count} events`);
    if (accept(next.value)) taken.push(next.value);
  }
  return taken;
}

async function expectWrongExpectedVersion(
  append: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: number,
): Promise<void> {
  const error = await append.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject({ streamId, expected, actual });
}

async function readAllAfter(store: EventStore, after: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll({ after }); page.length > 0; page = await store.readAll({ after })) {
    events.push(...page);
    after = page[page.length - 1].position;
  }
  return events;
}

const expectIncreasing = (positions: number[]): void => {
  for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
};

export function describeEventStoreContract(name: string, setup: EventStoreContractSetup): void {
  if (setup.skipReason) console.warn(`${name} contract skipped: ${setup.skipReason}`);
  else if (setup.multiProcessSkipReason) console.warn(`${name} contract: the tests with other processes skipped: ${setup.multiProcessSkipReason}`);
  const describeOrSkip = setup.skipReason ? describe.skip : describe;
  const itWithOtherProcesses = setup.multiProcessSkipReason ? it.skip : it;
  if (!setup.skipReason && setup.eventIdsCheckedPerStreamOnly) console.warn(`${name} contract: the test of event ids across streams skipped: ${setup.eventIdsCheckedPerStreamOnly}`);
  const itWithIdsUniqueAcrossStreams = setup.eventIdsCheckedPerStreamOnly ? it.skip : it;
  if (!setup.skipReason && setup.noTransactionAcrossStreams) console.warn(`${name} contract: the all-or-nothing test of appendAll skipped: ${setup.noTransactionAcrossStreams}`);
  const itWithTransactionsAcrossStreams = setup.noTransactionAcrossStreams ? it.skip : it;

  describeOrSkip(`${name} (event store contract)`, () => {
    let underTest: EventStoreUnderTest;
    let store: EventStore & CheckpointStore;
    /** Prefix of every stream this test touches: tests on a shared server must not see each other. */
    let run: string;
    let others: EventStore[];
    let subscriptions: Subscription[];
    let writers: BatchWriter[];

    beforeEach(async () => {
      underTest = await setup.create();
      store = underTest.store;
      run = `contract-${randomUUID().slice(0, 8)}`;
      others = [];
      subscriptions = [];
      writers = [];
    });

    afterEach(async () => {
      // A test that failed early may leave a writer running; one that has exited ignores the signal.
      for (const writer of writers) writer.kill('SIGKILL');
      await Promise.all(writers.map((writer) => writer.exited));
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      await Promise.all(others.map((other) => other.close()));
      await underTest.dispose();
    });

    const openAnother = async (): Promise<EventStore & CheckpointStore> => {
      const other = await underTest.openAnother();
      others.push(other);
      return other;
    };

    /** Subscribes and keeps one iterator: a second `for await` would start nothing new. */
    const subscribe = (options: SubscribeOptions, on: EventStore = store) => {
      const subscription = on.subscribeToAll(options);
      subscriptions.push(subscription);
      return { subscription, events: subscription[Symbol.asyncIterator]() };
    };

    const configOfLog = (): EventStoreFactoryConfig => {
      if (!underTest.config) throw new Error('This store cannot be opened by another process');
      return underTest.config;
    };

    const startWriter = (options: Omit<BatchWriterOptions, 'config'>): BatchWriter => {
      const writer = startBatchWriter({ config: configOfLog(), ...options });
      writers.push(writer);
      return writer;
    };

    const ours = (event: RecordedEvent): boolean => event.streamId.startsWith(run);

    describe('append and read', () => {
      it('reads back what was appended, with its metadata, revisions, positions and recording time', async () => {
        const streamId = `${run}-case-1`;
        const metadata = {
          correlationId: randomUUID(),
          causationId: randomUUID(),
          userId: 'user-7',
          idempotencyKey: 'key-1',
          source: 'contract',
        };
        const opened = newEvent('CaseOpened', { title: 'Fælles indkøb', tags: ['a', 'b'], nested: { n: 1 } }, metadata);
        const noted = newEvent('CaseNoted', { note: 'æøå ✓' }, { ...metadata, causationId: opened.id });
        const before = Date.now();

        const result = await store.append(streamId, [opened, noted], { expectedRevision: 'no_stream' });
        const read = await store.readStream(streamId);

        expect(result.nextRevision).toBe(1);
        const essentials = read.map(({ id, streamId, type, revision, data, metadata }) => ({
          id,
          streamId,
          type,
          revision,
          data,
          metadata,
        }));
        expect(essentials).toEqual([
          { id: opened.id, streamId, type: 'CaseOpened', revision: 0, data: opened.data, metadata: opened.metadata },
          { id: noted.id, streamId, type: 'CaseNoted', revision: 1, data: noted.data, metadata: noted.metadata },
        ]);
        expect(read[1].position).toBe(result.position);
        expect(read[0].position).toBeLessThan(read[1].position);
        for (const event of read) {
          expect(event.recordedAt).toBeInstanceOf(Date);
          expect(event.recordedAt.getTime()).toBeGreaterThanOrEqual(before - CLOCK_SKEW_MS);
          expect(event.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + CLOCK_SKEW_MS);
        }
      });

      it('gives an event without an id a UUID, and one without metadata empty metadata', async () => {
        const streamId = `${run}-case-2`;
        await store.append(streamId, [{ type: 'CaseClosed', data: { reason: 'done' } }]);

        const [event] = await store.readStream(streamId);

        expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(event.metadata).toEqual({});
        expect(event.data).toEqual({ reason: 'done' });
      });

      it('stores data that is undefined as null, and refuses a batch with data JSON cannot hold, storing none of it', async () => {
        const streamId = `${run}-json`;
        await store.append(streamId, [{ type: 'Emptied', data: undefined }]);
        const unserialisable = { ...newEvent('Counted'), data: { amount: 10n } };

        await expect(store.append(streamId, [newEvent('Counted'), unserialisable])).rejects.toThrow(TypeError);
        expect((await store.readStream(streamId)).map((event) => event.data)).toEqual([null]);
      });

      it('refuses an empty batch', async () => {
        await expect(store.append(`${run}-empty`, [])).rejects.toThrow(RangeError);
      });

      it('reads an unknown stream as empty, in either direction', async () => {
        expect(await store.readStream(`${run}-unknown`)).toEqual([]);
        expect(await store.readStream(`${run}-unknown`, { direction: 'backwards' })).toEqual([]);
        expect(await store.readStream(`${run}-unknown`, { fromRevision: 3, maxCount: 2 })).toEqual([]);
      });

      it('reads a stream backwards, and either way from a revision and up to a count', async () => {
        const streamId = `${run}-case-3`;
        await store.append(streamId, [0, 1, 2, 3, 4].map((n) => newEvent(`Step${n}`)));
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(streamId, options)).map((event) => event.revision);

        expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
        expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
        expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([4]);
        expect(await revisions({ fromRevision: 2, maxCount: 2 })).toEqual([2, 3]);
        expect(await revisions({ fromRevision: 4, maxCount: 10 })).toEqual([4]);
        expect(await revisions({ fromRevision: 5 })).toEqual([]);
      });
    });

    describe('expected revision', () => {
      it('no_stream: accepts a new stream, refuses an existing one', async () => {
        const streamId = `${run}-no-stream`;
        expect((await store.append(streamId, [newEvent('A')], { expectedRevision: 'no_stream' })).nextRevision).toBe(0);

        await expectWrongExpectedVersion(
          store.append(streamId, [newEvent('B')], { expectedRevision: 'no_stream' }),
          streamId,
          'no_stream',
          0,
        );
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('stream_exists: refuses a new stream, accepts an existing one', async () => {
        const streamId = `${run}-stream-exists`;
        await expectWrongExpectedVersion(
          store.append(streamId, [newEvent('A')], { expectedRevision: 'stream_exists' }),
          streamId,
          'stream_exists',
          -1,
        );
        expect(await store.readStream(streamId)).toEqual([]);

        await store.append(streamId, [newEvent('A')]);
        expect((await store.append(streamId, [newEvent('B')], { expectedRevision: 'stream_exists' })).nextRevision).toBe(1);
      });

      it('any: accepts a new stream and an existing one', async () => {
        const streamId = `${run}-any`;
        expect((await store.append(streamId, [newEvent('A')], { expectedRevision: 'any' })).nextRevision).toBe(0);
        const both = [newEvent('B'), newEvent('C')];
        expect((await store.append(streamId, both, { expectedRevision: 'any' })).nextRevision).toBe(2);
        expect((await store.append(streamId, [newEvent('D')])).nextRevision).toBe(3);
      });

      it('an exact revision: accepts the revision of the last event, refuses any other', async () => {
        const streamId = `${run}-exact`;
        await expectWrongExpectedVersion(store.append(streamId, [newEvent('A')], { expectedRevision: 0 }), streamId, 0, -1);

        await store.append(streamId, [newEvent('A')], { expectedRevision: 'no_stream' });
        expect((await store.append(streamId, [newEvent('B')], { expectedRevision: 0 })).nextRevision).toBe(1);
        await expectWrongExpectedVersion(store.append(streamId, [newEvent('C')], { expectedRevision: 0 }), streamId, 0, 1);
        await expectWrongExpectedVersion(store.append(streamId, [newEvent('C')], { expectedRevision: 2 }), streamId, 2, 1);

        expect((await store.readStream(streamId)).map((event) => event.type)).toEqual(['A', 'B']);
      });
    });

    it('answers a re-append of the same event ids with the original result, appending nothing', async () => {
      const streamId = `${run}-idempotent`;
      const batch = [newEvent('A'), newEvent('B')];
      const next = [newEvent('C')];

      const first = await store.append(streamId, batch, { expectedRevision: 'no_stream' });
      expect(await store.append(streamId, batch, { expectedRevision: 'no_stream' })).toEqual({ ...first, alreadyStored: true });
      const second = await store.append(streamId, next, { expectedRevision: 1 });
      expect(await store.append(streamId, next, { expectedRevision: 1 })).toEqual({ ...second, alreadyStored: true });
      // A retry that comes late, after the stream has moved on, is still the same append.
      expect(await store.append(streamId, batch, { expectedRevision: 'no_stream' })).toEqual({ ...first, alreadyStored: true });
      const unchecked = [newEvent('D')];
      const third = await store.append(streamId, unchecked, { expectedRevision: 'any' });
      expect(await store.append(streamId, unchecked, { expectedRevision: 'any' })).toEqual({ ...third, alreadyStored: true });

      expect(idsOf(await store.readStream(streamId))).toEqual(idsOf([...batch, ...next, ...unchecked]));
      expect(first).toEqual({ nextRevision: 1, position: expect.any(Number) });
      expect(second.position).toBeGreaterThan(first.position);
    });

    itWithIdsUniqueAcrossStreams('refuses an event id that is stored in another stream, appending nothing', async () => {
      const stored = newEvent('A');
      await store.append(`${run}-first`, [stored]);
      const error = await store.append(`${run}-second`, [newEvent('B'), { ...newEvent('C'), id: stored.id }]).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(EventIdTakenError);
      expect(await store.readStream(`${run}-second`)).toEqual([]);
    });

    it('appends to several streams at once, each at its expected revision, with results in order', async () => {
      await store.append(`${run}-meeting`, [newEvent('Scheduled')]);
      const batches = [
        { streamId: `${run}-case`, events: [newEvent('Proposed'), newEvent('Scheduled')], expectedRevision: 'no_stream' as const },
        { streamId: `${run}-meeting`, events: [newEvent('Held')], expectedRevision: 0 },
      ];
      const [toCase, toMeeting] = await store.appendAll(batches);
      expect(toCase).toEqual({ nextRevision: 1, position: expect.any(Number) });
      expect(toMeeting).toEqual({ nextRevision: 1, position: expect.any(Number) });
      expect(toMeeting.position).toBeGreaterThan(toCase.position);
      expect(idsOf(await store.readStream(`${run}-case`))).toEqual(idsOf(batches[0].events));
      expect((await store.readStream(`${run}-meeting`)).map((event) => event.type)).toEqual(['Scheduled', 'Held']);
    });

    itWithTransactionsAcrossStreams('appends to several streams all or nothing: a conflict in the last leaves the first untouched', async () => {
      await store.append(`${run}-meeting`, [newEvent('Scheduled'), newEvent('Rescheduled')]);
      const head = await store.headPosition();
      const appending = store.appendAll([
        { streamId: `${run}-case`, events: [newEvent('Proposed')], expectedRevision: 'no_stream' },
        { streamId: `${run}-meeting`, events: [newEvent('Held')], expectedRevision: 0 },
      ]);
      await expectWrongExpectedVersion(appending, `${run}-meeting`, 0, 1);
      expect(await store.readStream(`${run}-case`)).toEqual([]);
      expect(await store.headPosition()).toBe(head);
    });

    itWithTransactionsAcrossStreams('appends to several streams all or nothing: data JSON cannot hold in the last leaves the first untouched', async () => {
      const head = await store.headPosition();
      const appending = store.appendAll([
        { streamId: `${run}-case`, events: [newEvent('Proposed')], expectedRevision: 'no_stream' },
        { streamId: `${run}-meeting`, events: [{ ...newEvent('Held'), data: { attendees: 8n } }], expectedRevision: 'no_stream' },
      ]);
      await expect(appending).rejects.toThrow(TypeError);
      expect(await store.readStream(`${run}-case`)).toEqual([]);
      expect(await store.headPosition()).toBe(head);
    });

    it('pages through the log by position, forwards and backwards, and knows its head', async () => {
      const start = await store.headPosition();
      if (start === 0) expect(await store.readAll()).toEqual([]);
      const appended: NewEvent[] = [];
      for (let n = 0; n < 6; n++) {
        const event = newEvent(`Paged${n}`, { n });
        await store.append(`${run}-${n % 2 === 0 ? 'even' : 'odd'}`, [event]);
        appended.push(event);
      }
      const lastBatch = [newEvent('Paged6'), newEvent('Paged7')];
      await store.append(`${run}-even`, lastBatch);
      appended.push(...lastBatch);

      const pages: RecordedEvent[][] = [];
      for (let after = start; ; ) {
        const page = await store.readAll({ after, maxCount: 3 });
        if (page.length === 0) break;
        pages.push(page);
        after = page[page.length - 1].position;
      }
      const forwards = pages.flat().filter(ours);

      // A shared server's log may hold others' events between and after ours: every check is about ours.
      expect(idsOf(forwards)).toEqual(idsOf(appended));
      expect(pages.slice(0, -1).every((page) => page.length === 3)).toBe(true);
      expect(pages.flat().every((event) => event.position > start)).toBe(true);
      expectIncreasing(pages.flat().map((event) => event.position));
      expect(await store.headPosition()).toBeGreaterThanOrEqual(forwards[forwards.length - 1].position);

      const backwards: RecordedEvent[] = [];
      for (
        let page = await store.readAll({ direction: 'backwards', maxCount: 3 });
        page.length > 0 && backwards.filter(ours).length < 6;
        page = await store.readAll({ direction: 'backwards', after: page[page.length - 1].position, maxCount: 3 })
      ) {
        backwards.push(...page);
      }
      expect(idsOf(backwards.filter(ours).slice(0, 6))).toEqual(idsOf(appended.slice(-6).reverse()));
      expectIncreasing(backwards.map((event) => event.position).reverse());
    });

    // Against a server every writer's append is in flight at once. On SQLite a thread's appends run one after
    // another (each call blocks its thread), so as many appends overlap as there are threads.
    const racingAtOnce = setup.racingWriters === 'worker-threads' ? `${RACING_THREADS} at a time, one per thread` : 'all at once';
    it(`${RACING_WRITERS} writers a round with one expected revision, appending ${racingAtOnce}: one wins, the rest are refused`, async () => {
      const streamId = `${run}-race`;
      const seed = newEvent('RaceSeeded');
      const { position: seedPosition } = await store.append(streamId, [seed], { expectedRevision: 'no_stream' });
      // Rounds, because a broken lock loses a race only now and then; round r expects revision r.
      const eventIds: string[][] = Array.from({ length: RACE_ROUNDS }, () =>
        Array.from({ length: RACING_WRITERS }, () => randomUUID()),
      );

      let outcomes: RaceOutcome[] = [];
      if (setup.racingWriters === 'worker-threads') {
        outcomes = await raceAppendsInWorkerThreads({ config: configOfLog(), streamId, eventIds }, RACING_THREADS);
      } else {
        for (const [round, ids] of eventIds.entries()) {
          outcomes.push(...(await Promise.all(ids.map((eventId) => raceAppend(store, streamId, round, eventId)))));
        }
      }

      expect(outcomes.filter((outcome) => outcome.outcome === 'failed')).toEqual([]);
      const winners: string[] = [];
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const ofRound = outcomes.filter((outcome) => outcome.expectedRevision === round);
        const won = ofRound.filter((outcome): outcome is Appended => outcome.outcome === 'appended');
        const refused = ofRound.filter((outcome): outcome is Refused => outcome.outcome === 'refused');
        expect(won).toEqual([expect.objectContaining({ nextRevision: round + 1 })]);
        expect(refused).toHaveLength(RACING_WRITERS - 1);
        expect(refused.every((outcome) => outcome.actual === round + 1)).toBe(true);
        winners.push(won[0].eventId);
      }
      expect(idsOf(await store.readStream(streamId))).toEqual([seed.id, ...winners]);
      const raced = new Set(eventIds.flat());
      const racedIntoLog = (await readAllAfter(store, seedPosition)).filter((event) => raced.has(event.id));
      expect(idsOf(racedIntoLog)).toEqual(winners);
    });

    describe('subscribeToAll', () => {
      it('stopped and resumed from its checkpoint, sees every event once and in order, stored and live', async () => {
        const start = await store.headPosition();
        const streamId = `${run}-subscribed`;
        const appended: NewEvent[] = [];
        const append = async (...events: NewEvent[]) => {
          await store.append(streamId, events);
          appended.push(...events);
        };
        for (let n = 0; n < 5; n++) await append(newEvent('Before', { n }));

        const first = subscribe({ after: start });
        const seenFirst = await take(first.events, 3, ours);
        const checkpoint = seenFirst[2].position;
        await first.subscription.stop();
        expect(await first.events.next()).toEqual({ done: true, value: undefined });

        await append(newEvent('WhileStopped', { n: 0 }), newEvent('WhileStopped', { n: 1 }));
        await append(newEvent('WhileStopped', { n: 2 }), newEvent('WhileStopped', { n: 3 }));
        const second = subscribe({ after: checkpoint });
        const seenCatchingUp = await take(second.events, 2 + 4, ours);
        const seenLive: RecordedEvent[] = [];
        for (let n = 0; n < 3; n++) {
          await append(newEvent('Live', { n }));
          seenLive.push(...(await take(second.events, 1, ours)));
        }

        const seen = [...seenFirst, ...seenCatchingUp, ...seenLive];
        expect(idsOf(seen)).toEqual(idsOf(appended));
        expectIncreasing(seen.map((event) => event.position));
      });

      it('stop() ends an iteration that is waiting for events', async () => {
        const { subscription, events } = subscribe({ after: await store.headPosition() });
        const waiting = events.next();
        await sleep(100);

        await subscription.stop();

        await expect(within(waiting, 2_000, () => 'the waiting next() did not end')).resolves.toEqual({
          done: true,
          value: undefined,
        });
      });

      it('filters by exact event types', async () => {
        const start = await store.headPosition();
        const opened = newEvent('Opened');
        const closed = newEvent('Closed');
        const openedElsewhere = newEvent('Opened');
        await store.append(`${run}-x`, [opened, newEvent('OpenedLater'), newEvent('Noted'), closed]);
        await store.append(`${run}-y`, [newEvent('opened'), openedElsewhere]);

        const { events } = subscribe({ after: start, filter: { eventTypes: ['Opened', 'Closed'] } });
        expect(idsOf(await take(events, 3, ours))).toEqual(idsOf([opened, closed, openedElsewhere]));

        // Live, too: the next event it yields is the sentinel, so the ones before it were filtered out.
        const sentinel = newEvent('Closed');
        await store.append(`${run}-x`, [newEvent('Noted'), newEvent('OpenedLater')]);
        await store.append(`${run}-y`, [sentinel]);
        expect(idsOf(await take(events, 1, ours))).toEqual([sentinel.id]);
      });

      it('filters by stream prefixes, taking % and _ and letter case literally', async () => {
        const start = await store.headPosition();
        const prefix = `${run}-a_b%`;
        const first = newEvent('Matched');
        const second = newEvent('Matched');
        const third = newEvent('Matched');
        await store.append(`${prefix}-1`, [first]);
        await store.append(`${run}-aXbY-1`, [newEvent('LikeWildcards')]);
        await store.append(`${run}-A_B%-1`, [newEvent('OtherCase')]);
        await store.append(`${run}-z-1`, [second]);
        await store.append(`${run}-other`, [newEvent('Unmatched')]);
        await store.append(`${prefix}-2`, [third]);

        const { events } = subscribe({ after: start, filter: { streamPrefixes: [prefix, `${run}-z-`] } });
        expect(idsOf(await take(events, 3, ours))).toEqual(idsOf([first, second, third]));

        const sentinel = newEvent('Matched');
        await store.append(`${run}-other`, [newEvent('Unmatched')]);
        await store.append(`${prefix}-3`, [sentinel]);
        expect(idsOf(await take(events, 1, ours))).toEqual([sentinel.id]);
      });

      it('given both event types and stream prefixes, yields only events that match both', async () => {
        const start = await store.headPosition();
        const wanted = newEvent('Opened');
        await store.append(`${run}-other`, [newEvent('Opened')]);
        await store.append(`${run}-case-1`, [newEvent('Noted'), wanted]);

        const filter = { eventTypes: ['Opened'], streamPrefixes: [`${run}-case-`] };
        const { events } = subscribe({ after: start, filter });
        expect(idsOf(await take(events, 1, ours))).toEqual([wanted.id]);

        const sentinel = newEvent('Opened');
        await store.append(`${run}-other`, [newEvent('Opened')]);
        await store.append(`${run}-case-2`, [newEvent('Noted'), sentinel]);
        expect(idsOf(await take(events, 1, ours))).toEqual([sentinel.id]);
      });

      it('sees events appended by another instance', async () => {
        const { events } = subscribe({ after: await store.headPosition(), filter: { streamPrefixes: [`${run}-`] } });

        const fromInstance = newEvent('FromAnotherInstance');
        await (await openAnother()).append(`${run}-instance`, [fromInstance]);
        expect(idsOf(await take(events, 1, ours))).toEqual([fromInstance.id]);
      });

      itWithOtherProcesses('sees events appended by another process', async () => {
        const { events } = subscribe({ after: await store.headPosition(), filter: { streamPrefixes: [`${run}-`] } });

        const writer = startWriter({
          streamPrefix: `${run}-process-`,
          streams: 2,
          batchSize: 3,
          firstBatch: 0,
          batches: 4,
        });
        expect(await writer.exited).toBe(0);
        const fromProcess = await take(events, 4 * 3, ours);
        expect(fromProcess.map((event) => event.data)).toEqual(
          [0, 1, 2, 3].flatMap((batch) => [0, 1, 2].map((index) => ({ batch, index }))),
        );
      });
    });

    it("keeps a consumer's checkpoint beside the log, never in it: saved, overwritten, seen by another instance", async () => {
      const consumer = `${run}-consumer`;
      const start = await store.headPosition();
      const happened = newEvent('Happened');
      const { position } = await store.append(`${run}-stream`, [happened]);
      expect(await store.loadCheckpoint(consumer)).toBeUndefined();

      await store.saveCheckpoint(consumer, start);
      await store.saveCheckpoint(consumer, position);

      expect(await store.loadCheckpoint(consumer)).toBe(position);
      expect(await (await openAnother()).loadCheckpoint(consumer)).toBe(position);
      expect(await store.loadCheckpoint(`${run}-another-consumer`)).toBeUndefined();
      // Bookkeeping would show up among the events that name this run: neither a read nor a subscription yields any.
      const sentinel = newEvent('Sentinel');
      await store.append(`${run}-stream`, [sentinel]);
      const mentionsRun = (event: RecordedEvent) => event.streamId.includes(run);
      expect(idsOf((await readAllAfter(store, start)).filter(mentionsRun))).toEqual([happened.id, sentinel.id]);
      const { events } = subscribe({ after: start });
      expect(idsOf(await take(events, 2, mentionsRun))).toEqual([happened.id, sentinel.id]);
    });

    it("reports a consumer's position, when it was saved, and the failures it recorded, none of them in the log", async () => {
      const consumer = `${run}-reactor`;
      const start = await store.headPosition();
      expect(await store.consumerStatus(consumer)).toEqual({ position: undefined, savedAt: undefined, failures: 0, lastFailure: undefined });

      const { position } = await store.append(`${run}-stream`, [newEvent('Happened')]);
      const before = Date.now();
      await store.saveCheckpoint(consumer, position);
      const first = { position, eventId: randomUUID(), what: 'schedule-case a', error: 'Idempotency-Key er allerede brugt', failedAt: new Date('2025-09-19T10:00:00Z') };
      const second = { ...first, eventId: randomUUID(), what: 'schedule-case b', failedAt: new Date('2025-09-19T10:00:05Z') };
      await store.recordFailure(consumer, first);
      await store.recordFailure(consumer, second);

      const status = await (await openAnother()).consumerStatus(consumer);
      expect(status).toEqual({ position, savedAt: expect.any(Date), failures: 2, lastFailure: second });
      expect(status.savedAt!.getTime()).toBeGreaterThanOrEqual(before - CLOCK_SKEW_MS);
      expect((await store.consumerStatus(`${run}-another-consumer`)).failures).toBe(0);
      expect((await readAllAfter(store, start)).filter((event) => event.streamId.includes(run)).map((event) => event.type)).toEqual(['Happened']);
    });

    itWithOtherProcesses('writers killed with SIGKILL in the middle of batch appends leave only whole batches', async () => {
      const streamPrefix = `${run}-crash-`;
      const streams = 3;
      const stored = async (on: EventStore): Promise<number[]> => {
        const batches: number[] = [];
        for (let n = 0; n < streams; n++) {
          const events = await on.readStream(`${streamPrefix}${n}`);
          expect(events.length % BATCH_SIZE).toBe(0);
          expect(events.map((event) => event.revision)).toEqual(events.map((_, revision) => revision));
          for (let at = 0; at < events.length; at += BATCH_SIZE) {
            const batch = events.slice(at, at + BATCH_SIZE).map((event) => event.data as { batch: number; index: number });
            expect(batch).toEqual(batch.map((_, index) => ({ batch: batch[0].batch, index })));
            expect(batch[0].batch % streams).toBe(n);
            batches.push(batch[0].batch);
          }
        }
        return batches.sort((a, b) => a - b);
      };

      const settled = async (on: EventStore): Promise<number[]> => {
        let batches = await stored(on);
        for (let quiet = false; setup.killedWritersSettleWithinMs && !quiet; ) {
          await sleep(setup.killedWritersSettleWithinMs);
          const again = await stored(on);
          quiet = again.length === batches.length;
          batches = again;
        }
        return batches;
      };

      // A kill lands in the middle of an append only some of the time: several rounds make a torn batch
      // very likely to show up if appends were not atomic.
      let storedBatches = 0;
      for (let round = 0; round < CRASH_ROUNDS; round++) {
        const writer = startWriter({
          streamPrefix,
          streams,
          batchSize: BATCH_SIZE,
          firstBatch: storedBatches,
          batches: 1_000_000,
        });
        await writer.confirmedAtLeast(20);
        await sleep(Math.random() * 20);
        writer.kill('SIGKILL');
        expect(await writer.exited).toBe('SIGKILL');

        await underTest.checkIntegrity?.();
        const batches = await settled(await openAnother());
        // One batch after another: what is stored is batches 0..k-1, every confirmed one among them.
        expect(batches).toEqual(batches.map((_, batch) => batch));
        expect(batches.length).toBeGreaterThanOrEqual(storedBatches + writer.confirmed);
        storedBatches = batches.length;
      }

      const lastRevision = Math.ceil(storedBatches / streams) * BATCH_SIZE - 1;
      await expect(
        (await openAnother()).append(`${streamPrefix}0`, [newEvent('AfterCrash')], { expectedRevision: lastRevision }),
      ).resolves.toEqual({ nextRevision: lastRevision + 1, position: expect.any(Number) });
    });
  });
}
