/** Our SQLite adapter, driven only through the port, as the rest of the product drives it. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore } from '../../../libs/event-store/src/event-store.port';
import { addToChecksum, type BenchEvent, type Contender, type ReadOutcome, type Synchronous } from './workload';

export const ADAPTER_SOURCE = path.resolve(__dirname, '../../../libs/event-store/src/sqlite/sqlite-event-store.ts');

interface AdapterModule {
  SqliteEventStore: new (options: { file: string; pollIntervalMs?: number; synchronous?: Synchronous }) => EventStore;
}

/**
 * Loaded at run time rather than imported, so the raw-loop and peer figures can still be had while the
 * adapter is being written; the report says so when it is missing.
 */
export async function loadAdapter(): Promise<AdapterModule | undefined> {
  if (!fs.existsSync(ADAPTER_SOURCE)) return undefined;
  const mod = (await import(ADAPTER_SOURCE)) as Partial<AdapterModule>;
  if (typeof mod.SqliteEventStore !== 'function') {
    throw new Error(`${ADAPTER_SOURCE} does not export a SqliteEventStore class`);
  }
  return mod as AdapterModule;
}

export class OursContender implements Contender {
  readonly name = 'ours';
  private readonly store: EventStore;

  constructor(
    adapter: AdapterModule,
    private readonly file: string,
    synchronous: Synchronous,
  ) {
    this.store = new adapter.SqliteEventStore({ file, synchronous });
  }

  async append(streamId: string, events: BenchEvent[], expected: number): Promise<number> {
    const result = await this.store.append(streamId, events, {
      expectedRevision: expected === -1 ? 'no_stream' : expected,
    });
    return result.nextRevision;
  }

  async readAll(pageSize: number): Promise<ReadOutcome> {
    let after: number | undefined;
    let events = 0;
    let checksum = 0;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: pageSize });
      for (const event of page) checksum = addToChecksum(checksum, event.data);
      events += page.length;
      if (page.length < pageSize) break;
      after = page[page.length - 1].position;
    }
    return { events, checksum };
  }

  /** Counted on a connection of its own, not through the adapter whose work is being checked. */
  countRows(): number {
    const db = new Database(this.file, { readonly: true });
    try {
      return db.prepare<[], number>('SELECT COUNT(*) FROM events').pluck().get() ?? 0;
    } finally {
      db.close();
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
