/** Our SQLite adapter, driven only through the port, as the rest of the product drives it. */
import Database from 'better-sqlite3';
import { SqliteEventStore, type EventStore } from '@app/event-store';
import { addToChecksum, type BenchEvent, type Contender, type ReadOutcome, type Synchronous } from './workload';

/**
 * The events table as the adapter made it before it kept given ids apart: a unique index on every event id.
 * Such files are used as they are, so the adapter's speed on them is measured too.
 */
const OLDER_EVENTS_TABLE = `
  CREATE TABLE events (
    global_position INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  )
`;

export class OursContender implements Contender {
  readonly name: string;
  private readonly store: EventStore;

  constructor(
    private readonly file: string,
    synchronous: Synchronous,
    { olderFile = false } = {},
  ) {
    this.name = olderFile ? 'ours on an older file' : 'ours';
    if (olderFile) {
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.exec(OLDER_EVENTS_TABLE);
      db.close();
    }
    this.store = new SqliteEventStore({ file, synchronous });
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
