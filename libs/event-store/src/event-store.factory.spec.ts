import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createEventStore } from './event-store.factory';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

const root = resolve(__dirname, '../../..');

describe('createEventStore', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'event-store-factory-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('opens the SQLite file in the data folder where no connection string is set', async () => {
    const store = createEventStore({ dataDir });
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.close();
  });

  it('opens the EventStoreDB adapter where a connection string is set, without a server yet', async () => {
    const store = createEventStore({ dataDir, eventStoreConnectionString: 'esdb://localhost:1?tls=false' });
    expect(store.constructor.name).toBe('EventStoreDbEventStore');
    expect(store.atomicity).toBe('stream');
    await store.close();
  });

  it('leaves the EventStoreDB client unloaded where the store is SQLite, so a start does not pay for it', async () => {
    const script = `
      const { createEventStore } = require('./libs/event-store/src');
      const store = createEventStore({ dataDir: ${JSON.stringify(dataDir)} });
      const loaded = Object.keys(require.cache).some((file) => file.includes('@eventstore/db-client'));
      store.close().then(() => console.log(JSON.stringify({ loaded })));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: root });
    expect(JSON.parse(stdout)).toEqual({ loaded: false });
  });
});
