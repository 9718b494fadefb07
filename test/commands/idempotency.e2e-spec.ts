import { CommandRequest, CommandRunner, executeCommand, IdempotencyKeyReusedError } from '@app/commands';
import { loadForums } from '@app/config';
import { SqliteEventStore } from '@app/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
