/**
 * Our practical limit: better-sqlite3 by hand, doing exactly what the adapter must do for each call and
 * nothing more, on the adapter's own schema and pragmas. Whatever the adapter spends beyond this is its
 * overhead.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { addToChecksum, type BenchEvent, type Contender, type ReadOutcome, type Synchronous } from './workload';

/** The DDL of every table, index and trigger SQLite kept for a file, in creation order. */
export function schemaOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT sql FROM sqlite_master
          WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
          ORDER BY rowid`,
      )
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

interface EventRow {
  global_position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export class RawLoop implements Contender {
  readonly name = 'raw';
  private readonly db: Database.Database;
  private readonly appendTx: (streamId: string, events: BenchEvent[], expected: number) => number;
  private readonly readPage: Database.Statement<[number, number], EventRow>;

  constructor(file: string, synchronous: Synchronous, schema: string[]) {
    this.db = new Database(file);
    // The adapter's pragmas, in its order.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    for (const ddl of schema) this.db.exec(ddl);

    const currentRevision = this.db
      .prepare<[string], number | null>('SELECT MAX(revision) FROM events WHERE stream_id = ?')
      .pluck();
    const insert = this.db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.readPage = this.db.prepare<[number, number], EventRow>(
      `SELECT global_position, event_id, stream_id, revision, type, data, metadata, recorded_at
         FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
    );

    const tx = this.db.transaction((streamId: string, events: BenchEvent[], expected: number) => {
      const current = currentRevision.get(streamId) ?? -1;
      if (current !== expected) throw new Error(`raw: ${streamId} is at ${current}, expected ${expected}`);
      const recordedAt = new Date().toISOString();
      let revision = current;
      let position = 0;
      for (const event of events) {
        revision++;
        position = Number(
          insert.run(
            randomUUID(),
            streamId,
            revision,
            event.type,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
            recordedAt,
          ).lastInsertRowid,
        );
      }
      // The port answers with revision and position, so the raw loop works both out too.
      return { nextRevision: revision, position };
    });
    // IMMEDIATE, as the adapter must: a deferred read-then-write gets SQLITE_BUSY at once under another writer.
    this.appendTx = (streamId, events, expected) => tx.immediate(streamId, events, expected).nextRevision;
  }

  append(streamId: string, events: BenchEvent[], expected: number): number {
    return this.appendTx(streamId, events, expected);
  }

  readAll(pageSize: number): ReadOutcome {
    let after = 0;
    let events = 0;
    let checksum = 0;
    for (;;) {
      const rows = this.readPage.all(after, pageSize);
      for (const row of rows) {
        // Build what the port returns, so the read costs what the adapter's must.
        const recorded = {
          id: row.event_id,
          streamId: row.stream_id,
          type: row.type,
          revision: row.revision,
          position: row.global_position,
          data: JSON.parse(row.data) as unknown,
          metadata: JSON.parse(row.metadata) as unknown,
          recordedAt: new Date(row.recorded_at),
        };
        checksum = addToChecksum(checksum, recorded.data);
      }
      events += rows.length;
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1].global_position;
    }
    return { events, checksum };
  }

  countRows(): number {
    return this.db.prepare<[], number>('SELECT COUNT(*) FROM events').pluck().get() ?? 0;
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
