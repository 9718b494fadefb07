/**
 * The physical limit: better-sqlite3 by hand on the leanest schema that still does what the port promises
 * for these appends. A global order (the rowid), the expected-revision check (UNIQUE(stream_id, revision),
 * which also serves the stream's current revision), and idempotent retries: a retry meets a revision that has
 * moved on and is answered from the events stored at the revisions it asked for, compared by id. Nothing else
 * is indexed; ids are random, since no index holds them.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { addToChecksum, type BenchEvent, type Contender, type ReadOutcome, type Synchronous } from './workload';

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

export const LEAN_SCHEMA = `
  CREATE TABLE events (
    global_position INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  )
`;

type IdentifiedEvent = BenchEvent & { id?: string };

export class LeanLoop implements Contender {
  readonly name = 'lean';
  private readonly db: Database.Database;
  private readonly appendTx: Database.Transaction<(streamId: string, events: IdentifiedEvent[], expected: number) => number>;
  private readonly readPage: Database.Statement<[number, number], EventRow>;

  constructor(file: string, synchronous: Synchronous) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.exec(LEAN_SCHEMA);

    const currentRevision = this.db
      .prepare<[string], number | null>('SELECT MAX(revision) FROM events WHERE stream_id = ?')
      .pluck();
    const storedIds = this.db
      .prepare<[string, number, number], string>(
        'SELECT event_id FROM events WHERE stream_id = ? AND revision > ? ORDER BY revision LIMIT ?',
      )
      .pluck();
    const insert = this.db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.readPage = this.db.prepare<[number, number], EventRow>(
      `SELECT global_position, event_id, stream_id, revision, type, data, metadata, recorded_at
         FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
    );

    this.appendTx = this.db.transaction((streamId: string, events: IdentifiedEvent[], expected: number) => {
      const current = currentRevision.get(streamId) ?? -1;
      if (current !== expected) {
        // A retry of a batch the caller named: the same ids stored right after the revision it expected.
        const ids = events.map((event) => event.id);
        const stored = storedIds.all(streamId, expected, events.length);
        if (ids.every((id, i) => id !== undefined && id === stored[i])) return expected + events.length;
        throw new Error(`lean: ${streamId} is at ${current}, expected ${expected}`);
      }
      const recordedAt = new Date().toISOString();
      let revision = current;
      for (const event of events) {
        revision++;
        insert.run(
          event.id ?? randomUUID(),
          streamId,
          revision,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          recordedAt,
        );
      }
      return revision;
    });
  }

  append(streamId: string, events: BenchEvent[], expected: number): number {
    // IMMEDIATE, as any writer that reads the revision before writing must be.
    return this.appendTx.immediate(streamId, events, expected);
  }

  readAll(pageSize: number): ReadOutcome {
    let after = 0;
    let events = 0;
    let checksum = 0;
    for (;;) {
      const rows = this.readPage.all(after, pageSize);
      for (const row of rows) {
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
