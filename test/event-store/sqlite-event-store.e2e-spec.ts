import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { createHook } from 'node:async_hooks';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEventStore, EventIdTakenError, RecordedEvent, SqliteEventStore, StorageFullError } from '@app/event-store';
import { describeEventStoreContract } from '@app/event-store/testing/event-store.contract';

const POLL_MS = 20;

/** What `promise` settles with, or 'still waiting' after `ms`; no timer is left behind either way. */
const within = async <T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> => {
  const timer = new AbortController();
  try {
    return await Promise.race([promise, sleep(ms, 'still waiting' as const, { signal: timer.signal })]);
  } finally {
    timer.abort();
  }
};

describeEventStoreContract('SqliteEventStore', {
  racingWriters: 'worker-threads',
  create: async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'event-store-contract-'));
    // The file the factory opens for this dataDir, so threads and child processes share it.
    const file = join(dataDir, 'events.db');
    const store = new SqliteEventStore({ file, pollIntervalMs: POLL_MS });
    return {
      store,
      config: { dataDir },
      openAnother: async () => new SqliteEventStore({ file, pollIntervalMs: POLL_MS }),
      checkIntegrity: async () => {
        const db = new Database(file);
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        } finally {
          db.close();
        }
      },
      dispose: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
});

describe('SqliteEventStore', () => {
  let dataDir: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = (options: Partial<ConstructorParameters<typeof SqliteEventStore>[0]> = {}) => {
    const store = new SqliteEventStore({ file, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'event-store-sqlite-'));
    file = join(dataDir, 'events.db');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets WAL, synchronous and busy_timeout on every open, not only on the first', async () => {
    const pragmas = (store: SqliteEventStore) => {
      const db = store['db'];
      return {
        journal: db.pragma('journal_mode', { simple: true }),
        synchronous: db.pragma('synchronous', { simple: true }),
        busyTimeout: db.pragma('busy_timeout', { simple: true }),
      };
    };
    const first = open({ synchronous: 'FULL' });
    expect(pragmas(first)).toEqual({ journal: 'wal', synchronous: 2, busyTimeout: 5000 });
    await first.close();

    expect(pragmas(open())).toEqual({ journal: 'wal', synchronous: 1, busyTimeout: 5000 });
  });

  it('wakes a subscription at once on an append through the same instance, without waiting for the poll', async () => {
    const store = open({ pollIntervalMs: 60_000 });
    const events = store.subscribeToAll()[Symbol.asyncIterator]();
    const next = events.next();
    await sleep(50);

    const started = Date.now();
    await store.append('case-1', [{ type: 'CaseOpened', data: {} }]);

    expect((await next).value).toMatchObject({ streamId: 'case-1', type: 'CaseOpened' });
    expect(Date.now() - started).toBeLessThan(1_000);
  }, 5_000);

  describe('its own appends, handed to its subscriptions instead of read back', () => {
    const take = async (events: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> => {
      const taken: RecordedEvent[] = [];
      while (taken.length < count) taken.push((await events.next()).value as RecordedEvent);
      return taken;
    };

    it('are delivered as the log holds them, with another instance\'s events between them, each once and in order', async () => {
      const store = open({ pollIntervalMs: POLL_MS });
      const other = open();
      const everything = store.subscribeToAll()[Symbol.asyncIterator]();
      const cases = store.subscribeToAll({ filter: { streamPrefixes: ['case-'] } })[Symbol.asyncIterator]();
      const decided = store.subscribeToAll({ filter: { eventTypes: ['CaseDecided'] } })[Symbol.asyncIterator]();
      const first = everything.next();
      await sleep(20);

      await store.append('case-1', [{ type: 'CaseProposed', data: { title: 'Takster', left: undefined, at: new Date('2026-11-30T10:00:00Z') } }]);
      await first;
      await store.append('case-1', [{ type: 'CaseDecided', data: { n: 1 } }, { type: 'CaseClosed', data: {} }], { expectedRevision: 0 });
      await other.append('meeting-1', [{ type: 'MeetingScheduled', data: { by: 'another process' } }]);
      await other.append('case-2', [{ type: 'CaseDecided', data: { n: 2 } }]);
      await store.append('meeting-2', [{ type: 'MeetingScheduled', data: {} }]);
      await store.append('case-3', [{ type: 'CaseDecided', data: { n: 3 } }]);

      const stored = await store.readAll();
      expect(stored.map((event) => event.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect([(await first).value, ...(await take(everything, 6))]).toEqual(stored);
      expect(await take(cases, 5)).toEqual(stored.filter((event) => event.streamId.startsWith('case-')));
      expect(await take(decided, 3)).toEqual(stored.filter((event) => event.type === 'CaseDecided'));
      expect(stored[0].data).toEqual({ title: 'Takster', at: '2026-11-30T10:00:00.000Z' });
    }, 10_000);

    it('take a batch of hundreds of thousands of events, as an import of years may make, and hand over its end', async () => {
      const store = open({ pollIntervalMs: POLL_MS });
      const events = store.subscribeToAll({ after: 199_999 })[Symbol.asyncIterator]();
      const last = events.next();
      await sleep(20);
      const batch = Array.from({ length: 200_000 }, (_, n) => ({ type: 'CaseNoted', data: { n } }));

      await expect(store.append('case-1', batch)).resolves.toEqual({ nextRevision: 199_999, position: 200_000 });
      expect((await last).value).toMatchObject({ position: 200_000, revision: 199_999, data: { n: 199_999 } });
      await store.append('case-2', [{ type: 'CaseProposed', data: {} }]);
      expect((await events.next()).value).toMatchObject({ position: 200_001, streamId: 'case-2' });
    }, 60_000);

    it('never include what a refused append or batch left out', async () => {
      const store = open({ pollIntervalMs: POLL_MS });
      const events = store.subscribeToAll()[Symbol.asyncIterator]();
      await store.append('case-1', [{ type: 'CaseProposed', data: { n: 1 } }]);
      expect((await events.next()).value).toMatchObject({ position: 1 });

      await expect(
        store.appendAll([
          { streamId: 'case-2', events: [{ type: 'CaseProposed', data: { n: 2 } }], expectedRevision: 'no_stream' },
          { streamId: 'case-1', events: [{ type: 'CaseDecided', data: { n: 3 } }], expectedRevision: 5 },
        ]),
      ).rejects.toThrow();
      await expect(store.append('case-1', [{ type: 'CaseDecided', data: { n: 4 } }, { type: 'CaseClosed', data: { n: 5 } }], { expectedRevision: 3 })).rejects.toThrow();
      await store.append('case-3', [{ type: 'CaseProposed', data: { n: 6 } }]);

      const next = (await events.next()).value as RecordedEvent;
      expect(next).toEqual((await store.readAll({ after: 1 }))[0]);
      expect(next).toMatchObject({ position: 2, streamId: 'case-3', data: { n: 6 } });
    }, 10_000);

    it('are delivered each once and in order over more appends than the store keeps, whether the subscriber keeps up, falls behind, filters or starts midway', async () => {
      const store = open({ pollIntervalMs: POLL_MS });
      const keepingUp = store.subscribeToAll()[Symbol.asyncIterator]();
      const behind = store.subscribeToAll()[Symbol.asyncIterator]();
      const decided = store.subscribeToAll({ filter: { eventTypes: ['CaseDecided'] } })[Symbol.asyncIterator]();
      const seenLive: RecordedEvent[] = [];
      for (let n = 0; n < 1_200; n++) {
        const type = n % 3 === 0 ? 'CaseDecided' : 'CaseNoted';
        await store.append(`case-${n % 7}`, [{ type, data: { n }, metadata: { correlationId: `request-${n}` } }]);
        seenLive.push(...(await take(keepingUp, 1)));
      }
      const midway = store.subscribeToAll({ after: 600 })[Symbol.asyncIterator]();

      const stored = [...(await store.readAll()), ...(await store.readAll({ after: 1_000 }))];
      expect(stored.map((event) => event.position)).toEqual(Array.from({ length: 1_200 }, (_, index) => index + 1));
      expect(seenLive).toEqual(stored);
      expect(await take(behind, 1_200)).toEqual(stored);
      expect(await take(decided, 400)).toEqual(stored.filter((event) => event.type === 'CaseDecided'));
      expect(await take(midway, 600)).toEqual(stored.slice(600));
      expect(stored[1_199]).toMatchObject({ streamId: 'case-2', revision: 171, data: { n: 1_199 }, metadata: { correlationId: 'request-1199' } });
    }, 30_000);

    it('are kept in memory no further back than two pages, however long the store runs', async () => {
      const store = open({ pollIntervalMs: POLL_MS });
      const idle = store.subscribeToAll({ filter: { eventTypes: ['NeverAppended'] } })[Symbol.asyncIterator]();
      void idle.next();
      for (let n = 0; n < 2_500; n++) await store.append(`case-${n % 7}`, [{ type: 'CaseNoted', data: { n } }]);

      const kept = store['appended'];
      expect(kept.length).toBeLessThanOrEqual(2 * 500);
      expect(kept[kept.length - 1]).toMatchObject({ global_position: 2_500 });
    }, 30_000);

    it('are no longer kept for a subscription whose consumer has left it', async () => {
      const store = open({ pollIntervalMs: POLL_MS });
      await store.append('case-1', [{ type: 'CaseProposed', data: {} }, { type: 'CaseDecided', data: {} }]);
      for await (const event of store.subscribeToAll()) if (event.type === 'CaseDecided') break;

      expect(store['subscriptions'].size).toBe(0);
      await store.append('case-1', [{ type: 'CaseClosed', data: {} }], { expectedRevision: 1 });
      expect(store['appended']).toEqual([]);
    }, 5_000);

    it('yield nothing more of a batch they were handed once stopped', async () => {
      const store = open({ pollIntervalMs: POLL_MS });
      const subscription = store.subscribeToAll();
      const events = subscription[Symbol.asyncIterator]();
      await store.append('case-1', [{ type: 'CaseProposed', data: {} }, { type: 'CaseDecided', data: {} }, { type: 'CaseClosed', data: {} }]);
      expect((await events.next()).value).toMatchObject({ position: 1, type: 'CaseProposed' });

      await subscription.stop();

      expect(await events.next()).toEqual({ done: true, value: undefined });
    }, 5_000);
  });

  it('learns of another instance\'s appends by polling', async () => {
    const subscriber = open({ pollIntervalMs: POLL_MS });
    const events = subscriber.subscribeToAll()[Symbol.asyncIterator]();
    const next = events.next();
    await sleep(50);

    await open().append('case-1', [{ type: 'CaseOpened', data: {} }]);

    expect((await next).value).toMatchObject({ streamId: 'case-1', type: 'CaseOpened' });
  }, 5_000);

  it('looks for another instance\'s appends only as often as its poll interval says', async () => {
    const subscriber = open({ pollIntervalMs: 1_000 });
    const next = subscriber.subscribeToAll()[Symbol.asyncIterator]().next();
    await sleep(50);

    await open().append('case-1', [{ type: 'CaseOpened', data: {} }]);

    expect(await Promise.race([next.then(() => 'seen'), sleep(300, 'not yet')])).toBe('not yet');
    expect((await next).value).toMatchObject({ streamId: 'case-1', type: 'CaseOpened' });
  }, 5_000);

  it('wakes a subscription at once on an appendAll through the same instance, without waiting for the poll', async () => {
    const store = open({ pollIntervalMs: 60_000 });
    const next = store.subscribeToAll()[Symbol.asyncIterator]().next();
    await sleep(50);

    await store.appendAll([{ streamId: 'case-1', events: [{ type: 'CaseOpened', data: {} }], expectedRevision: 'any' }]);

    expect((await next).value).toMatchObject({ streamId: 'case-1', type: 'CaseOpened' });
  }, 5_000);

  it('keeps polling for a subscription that still waits after another one on the same instance stopped', async () => {
    const subscriber = open({ pollIntervalMs: POLL_MS });
    const stopping = subscriber.subscribeToAll();
    const stoppingNext = stopping[Symbol.asyncIterator]().next();
    const next = subscriber.subscribeToAll()[Symbol.asyncIterator]().next();
    await sleep(50);

    await stopping.stop();
    expect(await stoppingNext).toEqual({ done: true, value: undefined });
    await open().append('case-1', [{ type: 'CaseOpened', data: {} }]);

    expect((await next).value).toMatchObject({ streamId: 'case-1', type: 'CaseOpened' });
  }, 5_000);

  it('keeps polling for a subscription that still waits while another on the same instance handles what it was woken for', async () => {
    const subscriber = open({ pollIntervalMs: POLL_MS });
    const writer = open();
    await writer.append('case-1', [{ type: 'CaseOpened', data: {} }]);
    const handling = subscriber.subscribeToAll({ after: 0 })[Symbol.asyncIterator]();
    expect((await handling.next()).value).toMatchObject({ position: 1 });
    const handlingNext = handling.next();
    const waiting = subscriber.subscribeToAll({ after: 2 })[Symbol.asyncIterator]().next();
    await sleep(50);

    await writer.append('case-1', [{ type: 'CaseNoted', data: {} }]);
    expect((await handlingNext).value).toMatchObject({ position: 2 });
    await writer.append('case-1', [{ type: 'CaseClosed', data: {} }]);

    expect(await within(waiting, 2_000)).toMatchObject({ value: { position: 3 } });
  }, 5_000);

  it('keeps no timer running while no subscription waits, so an idle process can exit', async () => {
    // The store's own timers, told apart by where they were made: the process also runs Jest's, which come and go.
    const live = new Set<number>();
    const hook = createHook({
      init: (id, type) => {
        if (type === 'Timeout' && /sqlite-event-store\.ts/.test(new Error().stack ?? '')) live.add(id);
      },
      destroy: (id) => live.delete(id),
    }).enable();
    try {
      // A cleared timer is reported destroyed a moment later, not at once.
      const timers = async () => {
        await sleep(10);
        return live.size;
      };
      const store = open({ pollIntervalMs: POLL_MS });
      expect(await timers()).toBe(0);

      const first = store.subscribeToAll();
      const next = first[Symbol.asyncIterator]().next();
      await sleep(50);
      expect(await timers()).toBe(1);
      await store.append('case-1', [{ type: 'CaseOpened', data: {} }]);
      expect((await next).value).toMatchObject({ type: 'CaseOpened' });
      // Handed an event and not asked for the next: nothing waits.
      expect(await timers()).toBe(0);

      const second = store.subscribeToAll({ after: 1 });
      const waiting = second[Symbol.asyncIterator]().next();
      await sleep(50);
      expect(await timers()).toBe(1);
      await second.stop();
      await waiting;
      expect(await timers()).toBe(0);
    } finally {
      hook.disable();
    }
  }, 5_000);

  it('ends the iterations still waiting on it when it is closed', async () => {
    const store = open({ pollIntervalMs: POLL_MS });
    const next = store.subscribeToAll()[Symbol.asyncIterator]().next();
    await sleep(50);

    await store.close();

    expect(await within(next, 2_000)).toEqual({ done: true, value: undefined });
  }, 5_000);

  it('hands a subscription waiting for events the error of a log it can no longer read, instead of leaving it waiting', async () => {
    const store = open({ pollIntervalMs: POLL_MS });
    const next = store.subscribeToAll()[Symbol.asyncIterator]().next();
    next.catch(() => undefined);
    await sleep(50);

    store['db'].close();

    await expect(within(next, 2_000)).rejects.toThrow(/not open/);
  }, 5_000);

  it('carries a filtered subscription across long stretches of events it does not want', async () => {
    const store = open();
    for (let batch = 0; batch < 25; batch++) {
      await store.append(`noise-${batch}`, Array.from({ length: 1_000 }, () => ({ type: 'Noise', data: {} })));
    }
    await store.append('case-1', [{ type: 'Wanted', data: { n: 1 } }]);

    const events = store.subscribeToAll({ filter: { eventTypes: ['Wanted'] } })[Symbol.asyncIterator]();

    expect((await events.next()).value).toMatchObject({ type: 'Wanted', position: 25_001 });
  }, 10_000);

  describe('catching up over thousands of stored events', () => {
    /** The next `count` events, or a failure that says how many came before the subscription went quiet. */
    const take = async (events: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> => {
      const taken: RecordedEvent[] = [];
      const deadline = Date.now() + 5_000;
      while (taken.length < count) {
        let timer: NodeJS.Timeout | undefined;
        const quiet = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${taken.length} of ${count} events arrived, then none`)), Math.max(deadline - Date.now(), 0));
        });
        const next = await Promise.race([events.next(), quiet]).finally(() => clearTimeout(timer));
        if (next.done) throw new Error(`The subscription ended after ${taken.length} of ${count} events`);
        taken.push(next.value);
      }
      return taken;
    };

    /** 2,500 events in batches, every other one of them wanted, spread over streams of two kinds. */
    const fill = async (store: SqliteEventStore): Promise<RecordedEvent[]> => {
      for (let batch = 0; batch < 5; batch++) {
        const events = Array.from({ length: 500 }, (_, index) => ({ type: index % 2 === 0 ? 'Wanted' : 'Noise', data: { batch, index } }));
        await store.append(`${batch % 2 === 0 ? 'case' : 'meeting'}-${batch}`, events);
      }
      const stored: RecordedEvent[] = [];
      for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) stored.push(...page);
      expect(stored).toHaveLength(2_500);
      return stored;
    };

    const positions = (events: RecordedEvent[]) => events.map((event) => event.position);

    it('yields every one of them once and in order, then a live one', async () => {
      const store = open();
      const stored = await fill(store);
      const events = store.subscribeToAll()[Symbol.asyncIterator]();

      expect(positions(await take(events, 2_500))).toEqual(positions(stored));

      const { position } = await store.append('case-live', [{ type: 'Wanted', data: {} }]);
      expect(positions(await take(events, 1))).toEqual([position]);
    });

    it('yields every wanted one of them once and in order, by type and by stream prefix, from a checkpoint', async () => {
      const store = open();
      const stored = await fill(store);
      const checkpoint = stored[99].position;
      const byType = store.subscribeToAll({ after: checkpoint, filter: { eventTypes: ['Wanted'] } })[Symbol.asyncIterator]();
      const byPrefix = store.subscribeToAll({ after: checkpoint, filter: { streamPrefixes: ['case-'] } })[Symbol.asyncIterator]();
      const after = stored.slice(100);
      const wanted = after.filter((event) => event.type === 'Wanted');
      const ofCases = after.filter((event) => event.streamId.startsWith('case-'));

      expect(positions(await take(byType, wanted.length))).toEqual(positions(wanted));
      expect(positions(await take(byPrefix, ofCases.length))).toEqual(positions(ofCases));

      await store.append('meeting-live', [{ type: 'Noise', data: {} }]);
      const { position } = await store.append('case-live', [{ type: 'Wanted', data: {} }]);
      expect(positions(await take(byType, 1))).toEqual([position]);
      expect(positions(await take(byPrefix, 1))).toEqual([position]);
    });
  });

  it('refuses an event id that is already stored as something else than this batch', async () => {
    const store = open();
    const id = randomUUID();
    await store.append('case-1', [{ id, type: 'CaseOpened', data: {} }]);

    await expect(store.append('case-2', [{ id, type: 'CaseOpened', data: {} }])).rejects.toThrow(/already stored/);
    const reusing = [
      { type: 'CaseNoted', data: {} },
      { id, type: 'CaseOpened', data: {} },
    ];
    await expect(store.append('case-1', reusing)).rejects.toThrow(/already stored/);
    expect(await store.readStream('case-1')).toHaveLength(1);
    expect(await store.readStream('case-2')).toEqual([]);
  });

  it('answers a retry as already stored only where its expected revision says the batch went', async () => {
    const store = open();
    await store.append('case-1', [{ type: 'CaseProposed', data: {} }]);
    const batch = [randomUUID(), randomUUID()].map((id) => ({ id, type: 'CaseNoted', data: {} }));
    const stored = await store.append('case-1', batch, { expectedRevision: 0 });

    expect(await store.append('case-1', batch, { expectedRevision: 0 })).toEqual({ ...stored, alreadyStored: true });
    expect(await store.append('case-1', batch, { expectedRevision: 'stream_exists' })).toEqual({ ...stored, alreadyStored: true });
    await expect(store.append('case-1', batch, { expectedRevision: 1 })).rejects.toMatchObject({ name: 'WrongExpectedVersionError', expected: 1, actual: 2 });
    await expect(store.append('case-1', batch, { expectedRevision: 'no_stream' })).rejects.toMatchObject({ name: 'WrongExpectedVersionError', expected: 'no_stream', actual: 2 });
    expect(await store.readStream('case-1')).toHaveLength(3);
  });

  it('refuses stored event ids sent again in a batch they were not appended in', async () => {
    const store = open();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()].map((id) => ({ id, type: 'CaseNoted', data: {} }));
    await store.append('case-1', [a, b]);
    await store.append('case-1', [c]);

    await expect(store.append('case-1', [a, c])).rejects.toThrow(EventIdTakenError);
    await expect(store.append('case-1', [b, a])).rejects.toThrow(EventIdTakenError);
    expect(await store.readStream('case-1')).toHaveLength(3);
  });

  it('refuses in appendAll an event id stored elsewhere, naming the streams of the call, and stores none of it', async () => {
    const store = open();
    const id = randomUUID();
    await store.append('case-1', [{ id, type: 'CaseProposed', data: {} }]);

    const appending = store.appendAll([
      { streamId: 'meeting-1', events: [{ type: 'MeetingScheduled', data: {} }], expectedRevision: 'any' },
      { streamId: 'case-2', events: [{ id, type: 'CaseProposed', data: {} }], expectedRevision: 'any' },
    ]);

    await expect(appending).rejects.toThrow(EventIdTakenError);
    await expect(appending).rejects.toThrow('meeting-1, case-2');
    expect(await store.headPosition()).toBe(1);
  });

  it('refuses an empty batch, in append and among the batches of appendAll, naming its stream and storing nothing', async () => {
    const store = open();

    await expect(store.append('case-1', [])).rejects.toThrow('Nothing to append to case-1: the batch is empty');
    const appending = store.appendAll([
      { streamId: 'meeting-1', events: [{ type: 'MeetingScheduled', data: {} }], expectedRevision: 'any' },
      { streamId: 'case-2', events: [], expectedRevision: 'any' },
    ]);
    await expect(appending).rejects.toThrow(RangeError);
    await expect(appending).rejects.toThrow('Nothing to append to case-2: the batch is empty');
    expect(await store.headPosition()).toBe(0);
  });

  it('gives events without an id time-ordered UUIDs (version 7), in the order they were appended', async () => {
    const store = open();
    await store.append('case-1', [{ type: 'CaseProposed', data: {} }, { type: 'CaseScheduled', data: {} }]);
    for (let n = 0; n < 20; n++) await store.append(`case-${n % 3}`, [{ type: 'CaseNoted', data: { n } }]);

    const ids = (await store.readAll()).map((event) => event.id);

    expect(ids).toHaveLength(22);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  describe('on an events.db written before given event ids were kept apart', () => {
    // Written by the adapter as it was then: case-1 got two events with ids the caller gave (an idempotency
    // key), meeting-1 and case-1 one more each with ids the store made, and the consumer "worker" a checkpoint at 3.
    const fixture = join(__dirname, 'fixtures', 'events-before-given-ids.db');
    const givenIds = ['0b6d4c0e-3f1a-4c55-9f0e-6a1d2b3c4d01', '0b6d4c0e-3f1a-4c55-9f0e-6a1d2b3c4d02'];

    beforeEach(() => copyFileSync(fixture, file));

    it('reads its events, streams and checkpoints as they were', async () => {
      const store = open();

      expect((await store.readAll()).map(({ position, streamId, revision, type }) => [position, streamId, revision, type])).toEqual([
        [1, 'case-1', 0, 'CaseProposed'],
        [2, 'case-1', 1, 'CaseScheduled'],
        [3, 'meeting-1', 0, 'MeetingScheduled'],
        [4, 'case-1', 2, 'CaseNoted'],
      ]);
      expect((await store.readStream('case-1')).map((event) => event.id).slice(0, 2)).toEqual(givenIds);
      expect((await store.readStream('case-1', { fromRevision: 2 }))[0].data).toEqual({ note: 'æøå' });
      expect(await store.headPosition()).toBe(4);
      expect(await store.loadCheckpoint('worker')).toBe(3);
    });

    it('answers a late retry of its stored batch, refuses its ids elsewhere, and appends after its last position', async () => {
      const store = open();
      const batch = givenIds.map((id, n) => ({ id, type: n === 0 ? 'CaseProposed' : 'CaseScheduled', data: {} }));

      expect(await store.append('case-1', batch, { expectedRevision: 'no_stream' })).toEqual({ nextRevision: 1, position: 2, alreadyStored: true });
      await expect(store.append('case-2', [{ id: givenIds[0], type: 'CaseProposed', data: {} }])).rejects.toThrow(EventIdTakenError);
      const given = randomUUID();
      expect(await store.append('case-1', [{ id: given, type: 'CaseNoted', data: {} }], { expectedRevision: 2 })).toEqual({ nextRevision: 3, position: 5 });
      expect(await store.append('case-1', [{ id: given, type: 'CaseNoted', data: {} }], { expectedRevision: 2 })).toEqual({ nextRevision: 3, position: 5, alreadyStored: true });
      expect(await store.append('meeting-1', [{ type: 'MeetingHeld', data: {} }], { expectedRevision: 0 })).toEqual({ nextRevision: 1, position: 6 });

      expect((await store.readAll({ after: 4 })).map((event) => event.type)).toEqual(['CaseNoted', 'MeetingHeld']);
      const db = new Database(file, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    });
  });

  it('refuses an append that finds no room with StorageFullError, stores nothing of it, and names the failure until a write succeeds', async () => {
    const store = open();
    await store.append('case-1', [{ type: 'CaseOpened', data: {} }]);
    // SQLite's own limit, on this connection: a write that needs a page past it gets SQLITE_FULL, as on a full disk.
    const db = store['db'];
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const large = { type: 'CaseNoted', data: { text: 'x'.repeat(100_000) } };

    await expect(store.append('case-1', [large])).rejects.toThrow(StorageFullError);
    expect(await store.readStream('case-1')).toHaveLength(1);
    // A read succeeds, and the failure stays named: only a write shows that there is room again.
    expect(store.storageFull).toMatchObject({ name: 'StorageFullError', code: 'SQLITE_FULL' });

    db.pragma('max_page_count = 1000000');
    await store.append('case-1', [large]);
    expect(store.storageFull).toBeUndefined();
  });

  it('takes a WAL whose shared-memory index cannot grow for no room too, and any other I/O error for what it is', async () => {
    const store = open();
    await store.append('case-1', [{ type: 'CaseOpened', data: {} }]);
    // SQLite cannot be brought to this on demand (it takes a full /dev/shm or file-size limit): the insert raises
    // the error better-sqlite3 would hand on, with SQLite's extended code.
    const statements = store['statements'];
    const insert = statements.insert;
    const failing = (code: string) => ({ run: () => { throw Object.assign(new Error('disk I/O error'), { code }); } }) as unknown as typeof insert;

    statements.insert = failing('SQLITE_IOERR_SHMSIZE');
    await expect(store.append('case-1', [{ type: 'CaseNoted', data: {} }])).rejects.toThrow(StorageFullError);
    expect(store.storageFull).toMatchObject({ code: 'SQLITE_IOERR_SHMSIZE' });

    statements.insert = failing('SQLITE_IOERR_WRITE');
    const failure = await store.append('case-1', [{ type: 'CaseNoted', data: {} }]).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(StorageFullError);
    expect(failure).toMatchObject({ code: 'SQLITE_IOERR_WRITE' });

    statements.insert = insert;
    await store.append('case-1', [{ type: 'CaseNoted', data: {} }]);
    expect(store.storageFull).toBeUndefined();
    expect(await store.readStream('case-1')).toHaveLength(2);
  });

  it('is what the factory makes without a connection string, in <dataDir>/events.db, creating the folder', async () => {
    const nested = join(dataDir, 'a', 'b');
    const store = createEventStore({ dataDir: nested });
    await store.append('case-1', [{ type: 'CaseOpened', data: {} }]);
    await store.close();

    const reopened = open({ file: join(nested, 'events.db') });
    expect(reopened).toBeInstanceOf(SqliteEventStore);
    expect(await reopened.readStream('case-1')).toHaveLength(1);
  });
});
