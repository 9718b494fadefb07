import { SqliteEventStore } from '@app/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A store on a SQLite file of its own for each test of the describe block it is called in, in a folder named from
 * `prefix` that is removed after the test. The store is read through the function returned, as it is made anew.
 */
export const sqliteStorePerTest = (prefix: string): (() => SqliteEventStore) => {
  let dataDir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => store;
};
