import { CommandRequest, CommandRunner, executeCommand, IdempotencyKeyReusedError } from '@app/commands';
import { loadForums } from '@app/config';
import { EventStore, InMemoryEventStore, InMemoryLog, SqliteEventStore } from '@app/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crashBeforeTheCaseIsAppended } from './crash-before-append';

/**
 * Two API processes on one data folder, as two connections to one SQLite file with a command runner each:
 * the same Idempotency-Key arrives at both at once, with two different requests.
 */
describe('one Idempotency-Key sent to two processes at once', () => {
  const forums = loadForums(resolve(__dirname, '../../config/forums.json'));
  const clock = { now: () => '2025-07-01T09:00:00+02:00' };
  let dataDir: string;
  let stores: SqliteEventStore[];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'idempotency-'));
    stores = [0, 1].map(() => new SqliteEventStore({ file: join(dataDir, 'events.db') }));
  });
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the first request its result and refuses the other one, whose body differs', async () => {
    const propose = (title: string, store: SqliteEventStore) =>
      executeCommand(
        { runner: new CommandRunner(store, clock), forums },
        new CommandRequest('propose-case', { forumId: 'styregruppen', title, kind: 'decision' }, { idempotencyKey: 'same-key', requestHash: title }),
      );

    const outcomes = await Promise.allSettled([propose('Takstanalyse', stores[0]), propose('Kapacitet på botilbud', stores[1])]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(IdempotencyKeyReusedError);
    const [stored] = await stores[0].readAll();
    expect(await stores[0].headPosition()).toBe(1);
    expect((stored.data as { title: string }).title).toBe(outcomes[0].status === 'fulfilled' ? 'Takstanalyse' : 'Kapacitet på botilbud');
  });

  it('gives both the same result where the requests are the same', async () => {
    const propose = (store: SqliteEventStore) =>
      executeCommand(
        { runner: new CommandRunner(store, clock), forums },
        new CommandRequest('propose-case', { forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }, { idempotencyKey: 'same-key', requestHash: 'same-request' }),
      );
    const [first, second] = await Promise.all([propose(stores[0]), propose(stores[1])]);
    expect(second).toEqual(first);
    expect(await stores[0].headPosition()).toBe(1);
  });
});

/**
 * A key is the client's promise about one request, wherever it is sent: on a store that checks event ids
 * within a stream only (EventStoreDB, and the in-memory log that behaves as it does) as on SQLite.
 */
describe.each([
  ['SQLite', (dir: string): EventStore => new SqliteEventStore({ file: join(dir, 'events.db') })],
  ['a store atomic within a stream only, as EventStoreDB', (): EventStore => new InMemoryEventStore(new InMemoryLog({ positions: 'byte-offsets', atomicity: 'stream' }))],
])('one Idempotency-Key reused on another stream, on %s', (_name, open) => {
  const forums = loadForums(resolve(__dirname, '../../config/forums.json'));
  const clock = { now: () => '2025-07-01T09:00:00+02:00' };
  let dataDir: string;
  let store: EventStore;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'idempotency-'));
    store = open(dataDir);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const propose = (requestHash: string) =>
    executeCommand(
      { runner: new CommandRunner(store, clock), forums },
      new CommandRequest('propose-case', { forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }, { idempotencyKey: 'one-key', requestHash }),
    );
  const scheduleMeeting = (requestHash: string) =>
    executeCommand(
      { runner: new CommandRunner(store, clock), forums },
      new CommandRequest('schedule-meeting', { forumId: 'k17', startsAt: '2025-09-01T10:00:00+02:00' }, { idempotencyKey: 'one-key', requestHash }),
    );
  const domainEvents = async () => (await store.readAll()).filter((event) => /^(case|meeting)-/.test(event.streamId));

  it('refuses a request on another stream with 422 and appends nothing there', async () => {
    const first = await propose('propose the case');
    await expect(scheduleMeeting('schedule a meeting')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect((await domainEvents()).map((event) => event.type)).toEqual(['CaseProposed']);
    expect(await propose('propose the case')).toEqual(first);
  });

  it('keeps the promise through a crash before the command appended: the same request completes it, another is refused', async () => {
    crashBeforeTheCaseIsAppended(store);
    await expect(propose('propose the case')).rejects.toThrow('The process died');
    expect(await domainEvents()).toEqual([]);

    const completed = await propose('propose the case');
    expect((await domainEvents()).map((event) => [event.type, event.revision])).toEqual([['CaseProposed', 0]]);
    expect(await propose('propose the case')).toEqual(completed);
    await expect(scheduleMeeting('schedule a meeting')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await domainEvents()).toHaveLength(1);
  });
});
