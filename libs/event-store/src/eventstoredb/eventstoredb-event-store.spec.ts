import { DeadlineExceededError } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { WrongExpectedVersionError } from '../event-store.port';
import { FakeEventStoreDbClient } from '../testing/fake-eventstoredb-client';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The adapter's mapping onto the client, against a fake of the client's own types: no EventStoreDB server can
 * run where these tests run. The contract suite in test/event-store runs the same adapter against a real server.
 */
describe('EventStoreDbEventStore, mapped onto the client', () => {
  let client: FakeEventStoreDbClient;
  let store: EventStoreDbEventStore;

  beforeEach(() => {
    client = new FakeEventStoreDbClient();
    store = new EventStoreDbEventStore({ client });
  });

  afterEach(() => store.close());

  const event = (type = 'CaseNoted', data: unknown = { n: 1 }) => ({ id: randomUUID(), type, data });

  it('hands the expected revision to the server as it was asked: no_stream, stream_exists, an exact revision, any', async () => {
    await store.append('case-1', [event()], { expectedRevision: 'no_stream' });
    await store.append('case-1', [event()], { expectedRevision: 'stream_exists' });
    await store.append('case-1', [event()], { expectedRevision: 1 });
    await store.append('case-1', [event()], { expectedRevision: 'any' });
    await store.append('case-1', [event()]);

    expect(client.appends.map(({ options }) => options.expectedRevision)).toEqual(['no_stream', 'stream_exists', 1n, 'any', 'any']);
    await expect(store.append('case-1', [event()], { expectedRevision: 1 })).rejects.toThrow(WrongExpectedVersionError);
    await expect(store.append('case-2', [event()], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({ streamId: 'case-2', expected: 'stream_exists', actual: -1 });
  });

  it('takes an expected revision of -1 as no stream, as the other stores do, and refuses one below it or not whole before the client serialises it', async () => {
    await store.append('case-1', [event()], { expectedRevision: -1 });
    await expect(store.append('case-1', [event()], { expectedRevision: -1 })).rejects.toMatchObject({ name: 'WrongExpectedVersionError', expected: -1, actual: 0 });
    expect(client.appends.map(({ options }) => options.expectedRevision)).toEqual(['no_stream', 'no_stream']);

    await expect(store.append('case-1', [event()], { expectedRevision: -2 })).rejects.toThrow(RangeError);
    await expect(store.append('case-1', [event()], { expectedRevision: 0.5 })).rejects.toThrow(RangeError);
    expect(client.appends).toHaveLength(2);
  });

  it('takes an answer of success: false (throwOnAppendFailure=false in the connection string) as the refusal it is', async () => {
    await store.append('case-1', [event(), event(), event()]);
    // The client's batch path reports whether the stream has a revision, as 1 or 0, where the revision belongs.
    client.answerAppend = async () => ({ success: false, nextExpectedRevision: 1n, position: undefined });

    await expect(store.append('case-1', [event()], { expectedRevision: 0 })).rejects.toThrow(
      expect.objectContaining({ name: 'WrongExpectedVersionError', streamId: 'case-1', expected: 0, actual: 2 }),
    );
    await expect(store.append('case-9', [event()], { expectedRevision: 'stream_exists' })).rejects.toThrow(
      expect.objectContaining({ name: 'WrongExpectedVersionError', streamId: 'case-9', expected: 'stream_exists', actual: -1 }),
    );
  });

  it('refuses data or metadata that JSON cannot hold (a BigInt) with a TypeError at once, sending nothing', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const refused = (promise: Promise<unknown>) => Promise.race([promise.then(() => 'appended', (error: unknown) => error), sleep(1_000).then(() => 'never settled')]);

      expect(await refused(store.append('case-1', [event(), event('CaseNoted', { amount: 10n })]))).toBeInstanceOf(TypeError);
      expect(await refused(store.append('case-1', [{ ...event(), metadata: { userId: 'u', attempt: 1n } }]))).toBeInstanceOf(TypeError);
      await sleep(10);
      expect(client.appends).toEqual([]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('stores data that is undefined as null, as the other stores do', async () => {
    await store.append('case-1', [{ type: 'CaseNoted', data: undefined }]);

    expect((await store.readStream('case-1')).map((recorded) => recorded.data)).toEqual([null]);
  });

  describe('an append that times out, as a concurrent duplicate does while the first is not yet indexed (IdempotentNotReady)', () => {
    const timingOut = () => {
      client.answerAppend = () => Promise.reject(new DeadlineExceededError());
    };

    it('answers with the original result where every event carries an id and the batch is stored where the expected revision put it', async () => {
      const first = [event(), event()];
      const second = [event()];
      const stored = await store.append('case-1', first, { expectedRevision: 'no_stream' });
      const next = await store.append('case-1', second, { expectedRevision: 1 });
      const unchecked = [event()];
      const last = await store.append('case-1', unchecked, { expectedRevision: 'any' });
      timingOut();

      expect(await store.append('case-1', first, { expectedRevision: 'no_stream' })).toEqual({ ...stored, alreadyStored: true });
      expect(await store.append('case-1', second, { expectedRevision: 1 })).toEqual({ ...next, alreadyStored: true });
      expect(await store.append('case-1', unchecked, { expectedRevision: 'any' })).toEqual({ ...last, alreadyStored: true });
    });

    it('throws the timeout where an event has no id, where the ids are not stored, or not where the expected revision puts them', async () => {
      const first = [event(), event()];
      await store.append('case-1', first, { expectedRevision: 'no_stream' });
      timingOut();

      await expect(store.append('case-1', [first[0], { type: 'CaseNoted', data: {} }], { expectedRevision: 'no_stream' })).rejects.toThrow(DeadlineExceededError);
      await expect(store.append('case-1', [event()], { expectedRevision: 1 })).rejects.toThrow(DeadlineExceededError);
      await expect(store.append('case-1', first, { expectedRevision: 0 })).rejects.toThrow(DeadlineExceededError);
      await expect(store.append('case-1', [first[1], first[0]], { expectedRevision: 'any' })).rejects.toThrow(DeadlineExceededError);
    });
  });

  describe('reading $all past the server\'s own events', () => {
    it('pages forwards and backwards over the user\'s events alone, the server\'s $ events between them left out', async () => {
      const ids: string[] = [];
      for (let n = 0; n < 5; n++) {
        client.writeSystemEvents(n);
        const appended = event();
        await store.append(`case-${n}`, [appended]);
        ids.push(appended.id);
      }
      client.writeSystemEvents(3);

      const forwards: string[] = [];
      for (let page = await store.readAll({ maxCount: 2 }); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position, maxCount: 2 })) {
        forwards.push(...page.map((recorded) => recorded.id));
      }
      const backwards: string[] = [];
      for (let page = await store.readAll({ direction: 'backwards', maxCount: 2 }); page.length > 0; page = await store.readAll({ direction: 'backwards', after: page[page.length - 1].position, maxCount: 2 })) {
        backwards.push(...page.map((recorded) => recorded.id));
      }

      expect(forwards).toEqual(ids);
      expect(backwards).toEqual([...ids].reverse());
    });

    it('reads past a thousand of them in a few round trips, not one per event', async () => {
      const first = await store.append('case-1', [event()]);
      client.writeSystemEvents(1_000);
      const second = await store.append('case-2', [event()]);
      client.writeSystemEvents(1_000);

      client.readAllCalls.length = 0;
      expect((await store.readAll({ after: first.position, maxCount: 1 })).map((recorded) => recorded.position)).toEqual([second.position]);
      expect(client.readAllCalls.length).toBeLessThanOrEqual(3);

      client.readAllCalls.length = 0;
      expect(await store.headPosition()).toBe(second.position);
      expect(client.readAllCalls.length).toBeLessThanOrEqual(3);
    });
  });

  it('once closed, refuses every call without reaching the client, and disposes of the client once', async () => {
    await store.append('case-1', [event()]);
    const calls = client.appends.length + client.readAllCalls.length;

    await store.close();
    await store.close();

    expect(client.disposals).toBe(1);
    await expect(store.append('case-1', [event()])).rejects.toThrow(/closed/);
    await expect(store.appendAll([{ streamId: 'case-1', events: [event()], expectedRevision: 'any' }])).rejects.toThrow(/closed/);
    await expect(store.readStream('case-1')).rejects.toThrow(/closed/);
    await expect(store.readAll()).rejects.toThrow(/closed/);
    await expect(store.headPosition()).rejects.toThrow(/closed/);
    expect(() => store.subscribeToAll()).toThrow(/closed/);
    await expect(store.loadCheckpoint('consumer')).rejects.toThrow(/closed/);
    await expect(store.saveCheckpoint('consumer', 1)).rejects.toThrow(/closed/);
    await expect(store.consumerStatus('consumer')).rejects.toThrow(/closed/);
    expect(client.appends.length + client.readAllCalls.length).toBe(calls);
  });

  it("also writes the correlation and causation ids as EventStoreDB's own $correlationId and $causationId, and reads back the metadata as it was given", async () => {
    const metadata = { correlationId: randomUUID(), causationId: randomUUID(), userId: 'user-7' };
    const linked = { ...event('CaseScheduled'), metadata };
    const plain = { ...event('CaseNoted'), metadata: { userId: 'user-7' } };
    await store.append('case-1', [linked, plain]);

    expect(client.recorded.map((recorded) => recorded.metadata)).toEqual([
      { ...metadata, $correlationId: metadata.correlationId, $causationId: metadata.causationId },
      { userId: 'user-7' },
    ]);
    expect((await store.readStream('case-1')).map((recorded) => recorded.metadata)).toEqual([metadata, plain.metadata]);
    expect((await store.readAll()).map((recorded) => recorded.metadata)).toEqual([metadata, plain.metadata]);
    const subscription = store.subscribeToAll();
    const events = subscription[Symbol.asyncIterator]();
    expect((await events.next()).value?.metadata).toEqual(metadata);
    await subscription.stop();
  });
});
