/**
 * The peer: @event-driven-io/emmett-sqlite, driven through its public API the way a user would.
 *
 * Two set-ups:
 * - `like-for-like`: one shared connection and our `synchronous` setting, so the comparison measures the
 *   store and not its defaults.
 * - `defaults`: what `getSQLiteEventStore({ fileName })` gives a user who sets nothing.
 */
import {
  getSQLiteEventStore,
  readMessagesBatch,
  SQLiteConnectionPool,
  sqliteConnection,
  type SQLiteConnection,
  type SQLiteEventStore,
} from '@event-driven-io/emmett-sqlite';
import type { EmmettSetup } from '../store/peer';
import { addToChecksum, type BenchEvent, type Contender, type ReadOutcome, type Synchronous } from '../store/workload';

/**
 * Emmett's stream version counts events (0 = no stream), ours is the revision of the last event (-1 = no
 * stream): version = revision + 1. Passing 0n makes it insert the stream row, which fails if it exists,
 * so every append below carries an exact check, as ours do.
 */
function toEmmettVersion(expected: number): bigint {
  return BigInt(expected + 1);
}

function fromEmmettVersion(version: bigint): number {
  return Number(version) - 1;
}

/**
 * emmett-sqlite bundles its own copy of Emmett's error classes, so `instanceof` against the classes of
 * @event-driven-io/emmett is false; its errors carry an HTTP-like code instead (412 for a conflict).
 */
function isConcurrencyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { errorCode?: unknown }).errorCode === 412;
}

const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

async function describe(connection: SQLiteConnection): Promise<EmmettSetup> {
  const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
  const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
  const version = await connection.querySingle<{ v: string }>('SELECT sqlite_version() AS v');
  return {
    journalMode: journal?.journal_mode ?? '?',
    synchronous: sync ? (SYNCHRONOUS_NAMES[sync.synchronous] ?? String(sync.synchronous)) : '?',
    sqliteVersion: version?.v ?? '?',
  };
}

class EmmettContender implements Contender {
  private readonly failed = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly store: SQLiteEventStore,
    /** Runs a read with a connection the way the set-up under test would get one. */
    private readonly withConnection: <T>(fn: (c: SQLiteConnection) => Promise<T>) => Promise<T>,
    private readonly closeAll: () => Promise<void>,
  ) {}

  async append(streamId: string, events: BenchEvent[], expected: number): Promise<number | null> {
    try {
      const result = await this.store.appendToStream(streamId, events, {
        expectedStreamVersion: toEmmettVersion(expected),
      });
      return fromEmmettVersion(result.nextExpectedStreamVersion);
    } catch (error) {
      // Counted as refused, not as done: only appends it confirmed count towards its figure.
      // None is expected: every expected version is exact. Should one happen, note that 0.42.4 commits the
      // stream's version bump of a refused append, so that stream then refuses every later exact append;
      // the end-of-run checks would show it.
      if (isConcurrencyError(error)) return null;
      // Its per-call connections can fail an append outright (seen: SQLITE_BUSY "cannot commit transaction -
      // SQL statements in progress"); it rolled back, so count it as not done and carry on, as a user's
      // retry would.
      const message = error instanceof Error ? error.message : String(error);
      this.failed.set(message, (this.failed.get(message) ?? 0) + 1);
      return null;
    }
  }

  failures(): Map<string, number> {
    return this.failed;
  }

  async readAll(pageSize: number): Promise<ReadOutcome> {
    let after = 0n;
    let events = 0;
    let checksum = 0;
    for (;;) {
      // Its batch reader is what its own consumers use to walk the log; there is no read-all on the store.
      const page = await this.withConnection((c) => readMessagesBatch(c, { after, batchSize: pageSize }));
      for (const message of page.messages) checksum = addToChecksum(checksum, message.data);
      events += page.messages.length;
      if (page.messages.length < pageSize) break;
      after = page.currentGlobalPosition;
    }
    return { events, checksum };
  }

  async countRows(): Promise<number> {
    const row = await this.withConnection((c) => c.querySingle<{ n: number }>('SELECT COUNT(*) AS n FROM emt_messages'));
    return row?.n ?? 0;
  }

  close(): Promise<void> {
    return this.closeAll();
  }
}

export async function openEmmettLikeForLike(
  file: string,
  synchronous: Synchronous,
): Promise<{ contender: Contender; setup: EmmettSetup }> {
  // `connectionOptions: { singleton: true }` alone does not share anything for a file: its pool only reuses
  // a connection that is handed in (or an in-memory one), and otherwise opens and closes one per call.
  const connection = sqliteConnection({ fileName: file });
  // Its connection fires `PRAGMA journal_mode = WAL` without waiting; a round trip settles it before we look.
  await connection.command('PRAGMA journal_mode = WAL');
  await connection.command(`PRAGMA synchronous = ${synchronous}`);
  const store = getSQLiteEventStore({ fileName: file, connectionOptions: { singleton: true, connection } });
  // Create the schema now, not on the first timed append.
  await store.streamExists('bench-schema-probe');
  const setup = await describe(connection);
  const contender = new EmmettContender(
    'emmett',
    store,
    (fn) => fn(connection),
    () => Promise.resolve(connection.close()),
  );
  return { contender, setup };
}

export async function openEmmettDefaults(file: string): Promise<{ contender: Contender; setup: EmmettSetup }> {
  const store = getSQLiteEventStore({ fileName: file });
  await store.streamExists('bench-schema-probe');
  // The same kind of pool the store builds for itself when given none: a connection per call, as its own
  // consumers read the log.
  const pool = SQLiteConnectionPool({ fileName: file });
  const setup = await pool.withConnection(async (c) => {
    await c.command('PRAGMA journal_mode = WAL');
    return describe(c);
  });
  const contender = new EmmettContender(
    'emmett (its defaults)',
    store,
    (fn) => pool.withConnection(fn),
    () => pool.close(),
  );
  return { contender, setup };
}
