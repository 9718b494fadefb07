import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import {
  AppendResult,
  CheckpointStore,
  ConsumerFailure,
  ConsumerStatus,
  EventIdTakenError,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  revisionMatches,
  storedJson,
  StreamBatch,
  StorageFullError,
  SubscribeOptions,
  Subscription,
  SubscriptionFilter,
  WrongExpectedVersionError,
} from '../event-store.port';

export interface SqliteEventStoreOptions {
  file: string;
  /** How often a waiting subscription looks for events written by other processes; default 50 ms. */
  pollIntervalMs?: number;
  /** Default NORMAL: see `openDatabase`. */
  synchronous?: 'NORMAL' | 'FULL';
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

interface FailureRow {
  position: number;
  event_id: string;
  what: string;
  error: string;
  failed_at: string;
}

interface StoredIdRow {
  stream_id: string;
  revision: number;
  global_position: number;
}

const DEFAULT_READ_ALL_PAGE = 1000;
const SUBSCRIPTION_PAGE = 500;
/**
 * A filtered subscription scans at most this many positions per query, so a rare event type in a long log
 * costs many short queries instead of one that blocks the event loop until it has found a page.
 */
const SUBSCRIPTION_SCAN_WINDOW = 10_000;
const EMPTY_METADATA = '{}';
/** How many of its own latest events a store keeps at least to hand to its subscriptions; one further behind reads them back. */
const KEPT_APPENDED = SUBSCRIPTION_PAGE;
const COLUMNS = 'global_position, event_id, stream_id, revision, type, data, metadata, recorded_at';

const openDatabase = (file: string, synchronous: 'NORMAL' | 'FULL'): Database.Database => {
  const db = new Database(file);
  // Set before anything else: the first statements may meet another process's write lock.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // A WAL database reopened later silently falls back to the build default, so this is set on every open.
  // NORMAL in WAL mode syncs at checkpoints, not at each commit: a commit is in the WAL file (the OS has it)
  // when the transaction returns, so it survives kill -9 of this process; only a power cut or OS crash may
  // drop the last commits. FULL also survives those, at the price of one fsync per append.
  db.pragma(`synchronous = ${synchronous}`);
  // The event ids the store makes are time-ordered UUIDs, unique by construction: they need no index. Only ids
  // a caller gives (derived from an idempotency key, so a retry brings the same ones) are looked up, in
  // given_event_ids. A random id in an index lands on a random page; the log's own table only grows at its end.
  // No AUTOINCREMENT: nothing is ever deleted from the log, so the rowid never hands out a position twice.
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      global_position INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL,
      stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      UNIQUE (stream_id, revision)
    );
    CREATE TABLE IF NOT EXISTS given_event_ids (
      event_id TEXT PRIMARY KEY,
      global_position INTEGER NOT NULL
    ) WITHOUT ROWID;
  `);
  db.exec(`
    CREATE TABLE IF NOT EXISTS checkpoints (
      consumer TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      saved_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS consumer_failures (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      consumer TEXT NOT NULL,
      position INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      what TEXT NOT NULL,
      error TEXT NOT NULL,
      failed_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS consumer_failures_by_consumer ON consumer_failures (consumer, id);
  `);
  // No further index: stream reads use UNIQUE(stream_id, revision), log reads the primary key, and filtered
  // subscriptions scan bounded position windows. Every extra index would slow each append.
  return db;
};

/**
 * A file made before given_event_ids has a unique index on every event id in the events table itself. It is
 * used as it is (rebuilding a large log at start would keep the API from starting for as long): there that
 * index refuses a taken id and finds a stored one, and given_event_ids stays empty.
 */
const indexesEveryEventId = (db: Database.Database): boolean =>
  db
    .prepare<[], number>(
      `SELECT COUNT(*) FROM pragma_index_list('events') AS list JOIN pragma_index_info(list.name) AS info
        WHERE list."unique" = 1 AND info.name = 'event_id'`,
    )
    .pluck()
    .get()! > 0;

const prepareStatements = (db: Database.Database, everyIdIndexed: boolean) => ({
  currentRevision: db.prepare<[string], number | null>('SELECT MAX(revision) FROM events WHERE stream_id = ?').pluck(),
  insert: db.prepare<[string, string, number, string, string, string, string]>(
    'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  insertGivenId: db.prepare<[string, number]>('INSERT INTO given_event_ids (event_id, global_position) VALUES (?, ?)'),
  storedId: db.prepare<[string], StoredIdRow>(
    everyIdIndexed
      ? 'SELECT stream_id, revision, global_position FROM events WHERE event_id = ?'
      : `SELECT events.stream_id, events.revision, events.global_position FROM given_event_ids
           JOIN events ON events.global_position = given_event_ids.global_position WHERE given_event_ids.event_id = ?`,
  ),
  head: db.prepare<[], number | null>('SELECT MAX(global_position) FROM events').pluck(),
  streamForwards: db.prepare<[string, number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  ),
  streamBackwards: db.prepare<[string, number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
  ),
  allForwards: db.prepare<[number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
  ),
  allBackwards: db.prepare<[number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE global_position < ? ORDER BY global_position DESC LIMIT ?`,
  ),
  loadCheckpoint: db.prepare<[string], number>('SELECT position FROM checkpoints WHERE consumer = ?').pluck(),
  checkpointRow: db.prepare<[string], { position: number; saved_at: string }>('SELECT position, saved_at FROM checkpoints WHERE consumer = ?'),
  recordFailure: db.prepare<[string, number, string, string, string, string]>(
    'INSERT INTO consumer_failures (consumer, position, event_id, what, error, failed_at) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  countFailures: db.prepare<[string], number>('SELECT COUNT(*) FROM consumer_failures WHERE consumer = ?').pluck(),
  lastFailure: db.prepare<[string], FailureRow>(
    'SELECT position, event_id, what, error, failed_at FROM consumer_failures WHERE consumer = ? ORDER BY id DESC LIMIT 1',
  ),
  saveCheckpoint: db.prepare<[string, number, string]>(
    'INSERT INTO checkpoints (consumer, position, saved_at) VALUES (?, ?, ?) ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, saved_at = excluded.saved_at',
  ),
});

type Statements = ReturnType<typeof prepareStatements>;

const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  streamId: row.stream_id,
  type: row.type,
  revision: row.revision,
  position: row.global_position,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata) as EventMetadata,
  recordedAt: new Date(row.recorded_at),
});

/**
 * By code, not by class: better-sqlite3 registers its error class once per process, so where the module is
 * loaded more than once (test runners give each file its own registry) `instanceof` misses. A taken id is
 * PRIMARYKEY in given_event_ids, UNIQUE in the events table of a file made before it.
 */
const TAKEN = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const isUniqueViolation = (error: unknown): boolean => TAKEN.has((error as { code?: unknown } | null)?.code as string);

/**
 * What SQLite answers when a write finds no room, known by code for the same reason: SQLITE_FULL where the
 * database or its WAL cannot grow (SQLite turns the ENOSPC of a write into it; also at max_page_count),
 * SQLITE_IOERR_SHMSIZE where the WAL's shared-memory index cannot. Other I/O errors (a failing disk) are
 * not a matter of room.
 */
const NO_ROOM = new Set(['SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE']);

/**
 * Event store in one SQLite file. Several instances, in this process or others (API and worker), may share
 * the file: SQLite serialises the writers, and subscriptions learn of other writers' events by polling.
 */
export class SqliteEventStore implements EventStore, CheckpointStore {
  private readonly db: Database.Database;
  private readonly pollIntervalMs: number;
  private readonly statements: Statements;
  private readonly everyIdIndexed: boolean;
  private readonly appendBatch: Database.Transaction<
    (streamId: string, events: NewEvent[], expected: ExpectedRevision) => AppendResult
  >;
  private readonly appendBatches: Database.Transaction<(batches: StreamBatch[]) => AppendResult[]>;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly sleepers = new Set<Sleeper>();
  /** Rows of the transaction under way, kept once it commits; see appendedAfter. */
  private appending: EventRow[] = [];
  private appended: EventRow[] = [];
  private pollTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private noRoom: StorageFullError | undefined;

  constructor(options: SqliteEventStoreOptions) {
    this.db = openDatabase(options.file, options.synchronous ?? 'NORMAL');
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.everyIdIndexed = indexesEveryEventId(this.db);
    this.statements = prepareStatements(this.db, this.everyIdIndexed);
    this.appendBatch = this.db.transaction((streamId: string, events: NewEvent[], expected: ExpectedRevision) =>
      this.appendInTransaction(streamId, events, expected),
    );
    this.appendBatches = this.db.transaction((batches: StreamBatch[]) =>
      batches.map(({ streamId, events, expectedRevision }) => this.appendInTransaction(streamId, events, expectedRevision)),
    );
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Nothing to append to ${streamId}: the batch is empty`);
    const expected = options?.expectedRevision ?? 'any';
    let result: AppendResult;
    this.appending = [];
    try {
      // IMMEDIATE takes the write lock before reading the current revision: a deferred transaction that
      // upgrades to a write would get SQLITE_BUSY at once, without waiting, when another process writes.
      result = this.write(() => this.appendBatch.immediate(streamId, events, expected));
    } catch (error) {
      // Only failures pay for the idempotency look-up, so a plain append stays one SELECT plus the INSERTs.
      if (!(error instanceof WrongExpectedVersionError) && !isUniqueViolation(error)) throw error;
      const original = this.findStoredBatch(streamId, events, expected);
      if (original) return original;
      if (error instanceof WrongExpectedVersionError) throw error;
      throw new EventIdTakenError(streamId);
    }
    this.keepAppended();
    this.wakeSleepers();
    return result;
  }

  async appendAll(batches: StreamBatch[]): Promise<AppendResult[]> {
    const empty = batches.find((batch) => batch.events.length === 0);
    if (empty) throw new RangeError(`Nothing to append to ${empty.streamId}: the batch is empty`);
    let results: AppendResult[];
    this.appending = [];
    try {
      results = this.write(() => this.appendBatches.immediate(batches));
    } catch (error) {
      if (isUniqueViolation(error)) throw new EventIdTakenError(batches.map((batch) => batch.streamId).join(', '));
      throw error;
    }
    this.keepAppended();
    if (results.length > 0) this.wakeSleepers();
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    // LIMIT -1 is SQLite for "no limit".
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.statements.streamBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements.streamForwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? DEFAULT_READ_ALL_PAGE;
    const rows =
      options.direction === 'backwards'
        ? this.statements.allBackwards.all(options.after ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements.allForwards.all(options.after ?? 0, limit);
    return rows.map(toRecordedEvent);
  }

  async headPosition(): Promise<number> {
    return this.head();
  }

  /** In a table of the same file, so a consumer that keeps its state in this file can save both in one transaction. */
  async loadCheckpoint(consumer: string): Promise<number | undefined> {
    return this.statements.loadCheckpoint.get(consumer);
  }

  async saveCheckpoint(consumer: string, position: number): Promise<void> {
    this.write(() => this.statements.saveCheckpoint.run(consumer, position, new Date().toISOString()));
  }

  get storageFull(): StorageFullError | undefined {
    return this.noRoom;
  }

  async recordFailure(consumer: string, { position, eventId, what, error, failedAt }: ConsumerFailure): Promise<void> {
    this.write(() => this.statements.recordFailure.run(consumer, position, eventId, what, error, failedAt.toISOString()));
  }

  async consumerStatus(consumer: string): Promise<ConsumerStatus> {
    const checkpoint = this.statements.checkpointRow.get(consumer);
    const last = this.statements.lastFailure.get(consumer);
    return {
      position: checkpoint?.position,
      savedAt: checkpoint && new Date(checkpoint.saved_at),
      failures: this.statements.countFailures.get(consumer) ?? 0,
      lastFailure: last && { position: last.position, eventId: last.event_id, what: last.what, error: last.error, failedAt: new Date(last.failed_at) },
    };
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription = new SqliteSubscription(this, options.after ?? 0, this.preparePage(options.filter), matcherOf(options.filter));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.stopPolling();
    this.db.close();
  }

  /** @internal for SqliteSubscription */
  head(): number {
    return this.statements.head.get() ?? 0;
  }

  /**
   * @internal for SqliteSubscription: the events this store appended right after `position`, as they were
   * stored, up to the first one it did not append; undefined where the one after `position` is not among them
   * (another process appended it, or it is older than those kept). Handed over instead of read back, as a
   * subscription in the process that appended would otherwise query the log for what it has just written.
   */
  appendedAfter(position: number): EventRow[] | undefined {
    const rows = this.appended;
    let low = 0;
    let high = rows.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = rows[middle].global_position;
      if (at === position + 1) {
        let end = middle + 1;
        while (end < rows.length && rows[end].global_position === rows[end - 1].global_position + 1) end += 1;
        return rows.slice(middle, end);
      }
      if (at < position + 1) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** @internal for SqliteSubscription: wakes `sleeper` once an event after `position` may exist. */
  sleepUntilAfter(position: number, sleeper: Sleeper): void {
    sleeper.after = position;
    this.sleepers.add(sleeper);
    this.pollTimer ??= setInterval(() => this.poll(), this.pollIntervalMs);
  }

  /** @internal for SqliteSubscription */
  release(subscription: SqliteSubscription, sleeper: Sleeper): void {
    this.subscriptions.delete(subscription);
    this.sleepers.delete(sleeper);
    if (this.sleepers.size === 0) this.stopPolling();
  }

  private appendInTransaction(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult {
    const { currentRevision, insert, insertGivenId } = this.statements;
    const current = currentRevision.get(streamId) ?? -1;
    if (!revisionMatches(expected, current)) throw new WrongExpectedVersionError(streamId, expected, current);
    const recordedAt = new Date().toISOString();
    let revision = current;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const metadata = event.metadata === undefined ? EMPTY_METADATA : storedJson(event.metadata, 'metadata', event.type);
      const data = storedJson(event.data, 'data', event.type);
      const eventId = event.id ?? uuidv7();
      position = Number(insert.run(eventId, streamId, revision, event.type, data, metadata, recordedAt).lastInsertRowid);
      if (event.id !== undefined && !this.everyIdIndexed) insertGivenId.run(event.id, position);
      if (this.subscriptions.size > 0) {
        this.appending.push({ global_position: position, event_id: eventId, stream_id: streamId, revision, type: event.type, data, metadata, recorded_at: recordedAt });
      }
    }
    return { nextRevision: revision, position };
  }

  /**
   * Called once a transaction has committed: its rows join those kept for the subscriptions. The oldest are let go
   * once twice as many are kept, not at every append, so an append does not copy the list each time.
   */
  private keepAppended(): void {
    if (this.appending.length === 0) return;
    // One at a time, not spread into one call: a batch of a hundred thousand rows is more arguments than a call may take.
    for (const row of this.appending) this.appended.push(row);
    this.appending = [];
    if (this.appended.length > 2 * KEPT_APPENDED) this.appended = this.appended.slice(-KEPT_APPENDED);
  }

  /** Runs a write: one that finds no room throws StorageFullError, remembered until a write succeeds; any other error as it is. */
  private write<T>(run: () => T): T {
    let result: T;
    try {
      result = run();
    } catch (error) {
      const failure = error as { code?: unknown; message: string } | null;
      if (typeof failure?.code !== 'string' || !NO_ROOM.has(failure.code)) throw error;
      this.noRoom = new StorageFullError(failure.code, failure);
      throw this.noRoom;
    }
    this.noRoom = undefined;
    return result;
  }

  /**
   * Mirrors EventStoreDB's idempotent append: the same ids, stored as consecutive revisions of this stream
   * where the expected revision says the batch went, answer with the original result.
   */
  private findStoredBatch(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult | undefined {
    let first: StoredIdRow | undefined;
    let last: StoredIdRow | undefined;
    for (const [index, event] of events.entries()) {
      if (event.id === undefined) return undefined;
      const stored = this.statements.storedId.get(event.id);
      if (!stored || stored.stream_id !== streamId) return undefined;
      first ??= stored;
      if (stored.revision !== first.revision + index) return undefined;
      last = stored;
    }
    if (!first || !last) return undefined;
    if (typeof expected === 'number' && first.revision !== expected + 1) return undefined;
    if (expected === 'no_stream' && first.revision !== 0) return undefined;
    return { nextRevision: last.revision, position: last.global_position, alreadyStored: true };
  }

  private preparePage(filter: SubscriptionFilter | undefined): PageQuery {
    const conditions = ['global_position > ?', 'global_position <= ?'];
    const filterParams: string[] = [];
    const types = filter?.eventTypes;
    if (types?.length) {
      conditions.push(`type IN (${types.map(() => '?').join(', ')})`);
      filterParams.push(...types);
    }
    const prefixes = filter?.streamPrefixes;
    if (prefixes?.length) {
      // Not LIKE: SQLite's LIKE ignores ASCII case, so 'Case-' would match 'case-1'. Comparing the leading
      // characters is exact and needs no escaping of % and _.
      conditions.push(`(${prefixes.map(() => 'substr(stream_id, 1, length(?)) = ?').join(' OR ')})`);
      for (const prefix of prefixes) filterParams.push(prefix, prefix);
    }
    const statement = this.db.prepare<unknown[], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY global_position LIMIT ?`,
    );
    return (after, upTo, limit) => statement.all(after, upTo, ...filterParams, limit).map(toRecordedEvent);
  }

  private poll(): void {
    let head: number;
    try {
      head = this.head();
    } catch {
      // Let every subscription run its own query, so the error reaches its consumer instead of a timer.
      head = Number.POSITIVE_INFINITY;
    }
    for (const sleeper of this.sleepers) {
      if (head > sleeper.after) this.wake(sleeper);
    }
  }

  private wakeSleepers(): void {
    for (const sleeper of this.sleepers) this.wake(sleeper);
  }

  private wake(sleeper: Sleeper): void {
    this.sleepers.delete(sleeper);
    if (this.sleepers.size === 0) this.stopPolling();
    sleeper.wake();
  }

  private stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }
}

type PageQuery = (after: number, upTo: number, limit: number) => RecordedEvent[];

/** The filter of preparePage's query, for rows handed over instead of queried. */
const matcherOf = (filter: SubscriptionFilter | undefined): ((row: EventRow) => boolean) => {
  const types = filter?.eventTypes?.length ? new Set(filter.eventTypes) : undefined;
  const prefixes = filter?.streamPrefixes?.length ? filter.streamPrefixes : undefined;
  return (row) => (!types || types.has(row.type)) && (!prefixes || prefixes.some((prefix) => row.stream_id.startsWith(prefix)));
};

interface Sleeper {
  after: number;
  wake: () => void;
}

class SqliteSubscription implements Subscription {
  private stopped = false;
  private readonly sleeper: Sleeper = { after: 0, wake: () => undefined };
  private readonly events: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly store: SqliteEventStore,
    private checkpoint: number,
    private readonly page: PageQuery,
    private readonly matches: (row: EventRow) => boolean,
  ) {
    this.events = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.store.release(this, this.sleeper);
    this.sleeper.wake();
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      while (!this.stopped) {
        const handed = this.store.appendedAfter(this.checkpoint);
        if (handed) {
          for (const row of handed) {
            if (this.stopped) return;
            if (this.matches(row)) yield toRecordedEvent(row);
          }
          this.checkpoint = handed[handed.length - 1].global_position;
          continue;
        }
        const head = this.store.head();
        if (head <= this.checkpoint) {
          await new Promise<void>((resolve) => {
            this.sleeper.wake = resolve;
            this.store.sleepUntilAfter(this.checkpoint, this.sleeper);
          });
          continue;
        }
        // Bounded by the head read above: positions up to it are committed, so none can appear behind the
        // checkpoint later (SQLite has one writer at a time and positions grow with each commit).
        const upTo = Math.min(head, this.checkpoint + SUBSCRIPTION_SCAN_WINDOW);
        const events = this.page(this.checkpoint, upTo, SUBSCRIPTION_PAGE);
        const scannedTo = events.length === SUBSCRIPTION_PAGE ? events[events.length - 1].position : upTo;
        for (const event of events) {
          if (this.stopped) return;
          yield event;
        }
        this.checkpoint = scannedTo;
      }
    } finally {
      this.stopped = true;
      this.store.release(this, this.sleeper);
    }
  }
}
