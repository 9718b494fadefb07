import { CommandContext, CommandRequest, CommandRunner, executeCommand, IdempotencyKeyReusedError } from '@app/commands';
import { loadForums } from '@app/config';
import { caseStreamId, Decider, refuse } from '@app/domain';
import { EventStore, InMemoryEventStore, InMemoryLog, WrongExpectedVersionError } from '@app/event-store';
import { resolve } from 'node:path';
import { crashBeforeTheCaseIsAppended } from './crash-before-append';
import { sqliteStorePerTest } from './sqlite-store-per-test';

/**
 * The runner is the same for every aggregate; a tally, whose one command appends an event per label, lets a
 * request write as many events as a test needs.
 */
type Tallied = { type: 'Tallied'; data: { label: string } };
type Tally = { labels: string[] };
const tallyDecider: Decider<Tally, Tallied, number> = {
  initialState: () => 0,
  evolve: (count) => count + 1,
  decide: ({ labels }) => (labels.length === 0 ? refuse('tally.empty', 'Intet at tælle.') : labels.map((label) => ({ type: 'Tallied' as const, data: { label } }))),
};

const STREAM = 'tally-1';
const clock = { now: () => '2025-07-01T09:00:00+02:00' };
const forums = loadForums(resolve(__dirname, '../../config/forums.json'));

describe('the command runner on SQLite', () => {
  const store = sqliteStorePerTest('command-runner-');
  let runner: CommandRunner;

  beforeEach(() => {
    runner = new CommandRunner(store(), clock);
  });

  const tally = (labels: string[], context: CommandContext, before: () => Promise<void> = async () => undefined) =>
    runner.run({
      decider: tallyDecider,
      streamId: STREAM,
      id: 'tally-1',
      context,
      command: async () => {
        await before();
        return { labels };
      },
    });
  const labels = async () => (await store().readStream(STREAM)).map((event) => (event.data as { label: string }).label);

  it('given a request with an Idempotency-Key that wrote three events, and another writer after it, when it is sent again, then it gets the first result and nothing is appended', async () => {
    await tally(['a', 'b'], {});
    const first = await tally(['c', 'd', 'e'], { idempotencyKey: 'three-events', requestHash: 'count c, d and e' });
    await tally(['f'], {});

    const again = await tally(['c', 'd', 'e'], { idempotencyKey: 'three-events', requestHash: 'count c, d and e' });

    expect(first.revision).toBe(4);
    expect(again).toEqual(first);
    expect(await labels()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('given the same request with its Idempotency-Key got in between the read and the append of another send of it, then both get the same result and it is stored once', async () => {
    await tally(['a', 'b'], {});
    const context = { idempotencyKey: 'sent-twice', requestHash: 'count c, d and e' };
    let twin: Awaited<ReturnType<typeof tally>> | undefined;

    const result = await tally(['c', 'd', 'e'], context, async () => {
      twin ??= await tally(['c', 'd', 'e'], context);
    });

    expect(result).toEqual(twin);
    expect(result.revision).toBe(4);
    expect(await labels()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('given another request with the same Idempotency-Key got in between the read and the append, then this one is refused as a reused key', async () => {
    await tally(['a', 'b'], {});
    let other: Promise<unknown> | undefined;

    const sent = tally(['c', 'd', 'e'], { idempotencyKey: 'sent-twice', requestHash: 'count c, d and e' }, async () => {
      other ??= tally(['x', 'y', 'z'], { idempotencyKey: 'sent-twice', requestHash: 'count x, y and z' });
      await other;
    });

    await expect(sent).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await labels()).toEqual(['a', 'b', 'x', 'y', 'z']);
  });

  it('given another writer gets in between every read and append, then it tries ten times and gives up with the conflict, appending nothing of its own', async () => {
    let attempts = 0;
    const race = async () => {
      attempts += 1;
      // Beyond the runner's ten attempts the other writer stops, so a runner that went on would succeed.
      if (attempts <= 11) await store().append(STREAM, [{ type: 'Tallied', data: { label: `other-${attempts}` } }]);
    };

    await expect(tally(['mine'], {}, race)).rejects.toBeInstanceOf(WrongExpectedVersionError);

    expect(attempts).toBe(10);
    expect(await labels()).not.toContain('mine');
  });

  it('given another writer gets in once, then it reads again and appends after it', async () => {
    let raced = false;
    const result = await tally(['mine'], {}, async () => {
      if (!raced) await store().append(STREAM, [{ type: 'Tallied', data: { label: 'other' } }]);
      raced = true;
    });

    expect(result.revision).toBe(1);
    expect(await labels()).toEqual(['other', 'mine']);
  });

  it('gives cases proposed with different Idempotency-Keys different ids, and the same key the same case', async () => {
    const propose = (idempotencyKey: string) =>
      executeCommand(
        { runner, forums },
        new CommandRequest('propose-case', { forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }, { idempotencyKey, requestHash: 'propose Takstanalyse' }),
      );

    const first = await propose('key-1');
    const second = await propose('key-2');

    expect(second.id).not.toBe(first.id);
    expect(await propose('key-1')).toEqual(first);
    expect((await store().readAll()).map((event) => event.streamId)).toEqual([caseStreamId(first.id), caseStreamId(second.id)]);
  });
});

describe('the command runner on a store atomic within a stream only, as EventStoreDB', () => {
  let store: EventStore;
  let runner: CommandRunner;

  beforeEach(() => {
    store = new InMemoryEventStore(new InMemoryLog({ positions: 'byte-offsets', atomicity: 'stream' }));
    runner = new CommandRunner(store, clock);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  const propose = (title: string) =>
    executeCommand({ runner, forums }, new CommandRequest('propose-case', { forumId: 'styregruppen', title, kind: 'decision' }, { idempotencyKey: 'taken-key', requestHash: `propose ${title}` }));

  it('takes the key in a stream named by the first half of its SHA-256, recording which request took it for which stream', async () => {
    const { id } = await propose('Takstanalyse');

    const [taken, ...more] = await store.readStream('idempotency-bfbaa906436b5ab3a5057ffcd2b2257d');
    expect(more).toEqual([]);
    expect(taken).toMatchObject({
      type: 'IdempotencyKeyTaken',
      data: { requestHash: 'propose Takstanalyse', streamId: caseStreamId(id) },
      metadata: { idempotencyKey: 'taken-key' },
    });
  });

  it('given a request took the key and died before it appended, when another request with the same key is sent, then it is refused and nothing is appended', async () => {
    crashBeforeTheCaseIsAppended(store);
    await expect(propose('Takstanalyse')).rejects.toThrow('The process died');

    await expect(propose('Kapacitet på botilbud')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);

    expect((await store.readAll()).filter((event) => event.streamId.startsWith('case-'))).toEqual([]);
  });

  it('given the store fails while the key is taken, then the command fails with the store error, not as a reused key', async () => {
    const append = store.append.bind(store);
    jest.spyOn(store, 'append').mockImplementation(async (streamId, events, options) => {
      if (streamId.startsWith('idempotency-')) throw new Error('The connection to the store was lost');
      return append(streamId, events, options);
    });

    await expect(propose('Takstanalyse')).rejects.toThrow('The connection to the store was lost');
    expect(await store.readAll()).toEqual([]);
  });
});
