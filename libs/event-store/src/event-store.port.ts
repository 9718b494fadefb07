/**
 * The one port every part of the product talks to. It stores typed, versioned JSON events with metadata and
 * knows nothing of cases or meetings. Two adapters implement it: SQLite (embedded default) and EventStoreDB.
 *
 * Revisions are 0-based per stream, as in EventStoreDB: the first event of a stream has revision 0.
 * Positions are global, strictly increasing, and comparable across streams; `after` is always exclusive,
 * so a checkpoint (the position of the last event handled) can be handed back as it is.
 */

export const EVENT_STORE = Symbol('EVENT_STORE');

/** `no_stream`: the stream must not exist; `stream_exists`: it must; `any`: no check; a number: exact revision (-1: no stream). */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  userId?: string;
  /** Set on events appended for a request that carried an Idempotency-Key. */
  idempotencyKey?: string;
  [key: string]: unknown;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /**
   * A UUID. Derive it from the command (idempotency key) where a retry must not append twice. Without one the
   * store makes a new one (on SQLite time-ordered, version 7), which no retry can bring again: only ids given
   * here are checked against the ids given before.
   */
  id?: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  streamId: string;
  type: Type;
  revision: number;
  position: number;
  data: Data;
  metadata: EventMetadata;
  /** When the store recorded it; domain time lives in the event's data. */
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event appended. */
  nextRevision: number;
  /** Global position of the last event appended. */
  position: number;
  /** Set where these event ids were stored before, and this result is the original append's. */
  alreadyStored?: true;
}

export interface StreamBatch {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /**
   * Exclusive; omitted reads from the start of the log. Backwards, the page holds the events before it,
   * newest first, and omitted reads from the end.
   */
  after?: number;
  maxCount?: number;
  direction?: 'forwards' | 'backwards';
}

/** Event types match exactly, stream prefixes literally and case-sensitively; given both, an event must match both. */
export interface SubscriptionFilter {
  eventTypes?: string[];
  streamPrefixes?: string[];
}

export interface SubscribeOptions {
  /** Exclusive checkpoint; omitted starts at the beginning of the log. */
  after?: number;
  filter?: SubscriptionFilter;
}

/**
 * Catch-up then live: yields every stored event after the checkpoint in position order, then new ones as
 * they are appended, until `stop()`. Consume with `for await` so events are handled one at a time.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  stop(): Promise<void>;
}

/** Whether a stream whose last event has revision `current` (-1: no stream) meets `expected`. */
export const revisionMatches = (expected: ExpectedRevision, current: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'stream_exists':
      return current >= 0;
    default:
      return current === expected;
  }
};

/**
 * The JSON every adapter stores for an event's data or metadata: undefined (and what else JSON leaves out)
 * becomes null, and what JSON cannot hold (a BigInt) is refused with a TypeError that names the event.
 */
export const storedJson = (value: unknown, part: 'data' | 'metadata', type: string): string => {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    throw new TypeError(`The ${part} of a ${type} event cannot be stored as JSON: ${(error as Error).message}`, { cause: error });
  }
};

export interface EventStore {
  /**
   * Appends the batch atomically, or nothing. A re-append of the same event ids, to where the expected
   * revision put them the first time, answers with the original result and appends nothing (idempotent, as
   * in EventStoreDB) and says so with `alreadyStored`. An event id stored in another stream is refused with
   * EventIdTakenError (EventStoreDB checks ids within a stream only). An empty batch is refused with a RangeError.
   */
  append(streamId: string, events: NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /**
   * Appends to several streams at once, each batch with its expected revision: all or nothing on SQLite and in
   * memory, so a crash or a conflict leaves none of them; EventStoreDB has no transaction across streams and
   * appends them one by one. Answers a result per batch, in order; appends no event that is already stored.
   */
  appendAll(batches: StreamBatch[]): Promise<AppendResult[]>;
  /** Events of one stream; an unknown stream gives an empty list. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** One page of the whole log; page through it by handing back the last position as `after`. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the newest event in the log, or 0 when it is empty. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
  /**
   * Set by a write that found no room, until a write succeeds again: reads still answer meanwhile, so this
   * is how a health check learns that the store takes no writes. Adapters that cannot tell leave it out.
   */
  readonly storageFull?: StorageFullError;
  /**
   * `stream` where an append is atomic, and its event ids are checked, within its own stream only (EventStoreDB):
   * appendAll appends stream by stream, and what must hold across streams is built from single appends. Left
   * out where one transaction spans streams (SQLite).
   */
  readonly atomicity?: 'stream';
}

/**
 * Where a consumer (a process manager, a reminder scheduler) keeps the position of the last event it has
 * handled. Kept beside the log, never in it: a checkpoint appended as an event would wake every subscriber
 * and fill the log with bookkeeping.
 */
export interface CheckpointStore {
  /** The position `consumer` saved last, or undefined where it has saved none. */
  loadCheckpoint(consumer: string): Promise<number | undefined>;
  saveCheckpoint(consumer: string, position: number): Promise<void>;
  /** Keeps a reaction that failed for good, so it is reported rather than retried for ever. */
  recordFailure(consumer: string, failure: ConsumerFailure): Promise<void>;
  /** Where the consumer stands and what failed, for health checks. */
  consumerStatus(consumer: string): Promise<ConsumerStatus>;
}

/** What a consumer could not do, and why. */
export interface ConsumerFailure {
  /** Position of the event it was handling. */
  position: number;
  eventId: string;
  /** What it tried, e.g. "schedule-case styregruppen-2025-09-19-punkt-5". */
  what: string;
  error: string;
  failedAt: Date;
}

export interface ConsumerStatus {
  position?: number;
  savedAt?: Date;
  failures: number;
  lastFailure?: ConsumerFailure;
}

export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');

/** An event id of the batch is already stored, but not as this batch of this stream. */
export class EventIdTakenError extends Error {
  override readonly name = 'EventIdTakenError';
  constructor(readonly streamId: string) {
    super(`An event id of this batch is already stored elsewhere than as this batch of ${streamId}`);
  }
}

export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or -1 where the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, expected ${String(expected)}`);
  }
}

/**
 * A write found no room: the disk is full, or the database is at its size limit. Nothing of the write was
 * stored, and the same write may succeed once room is made.
 */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(
    /** The storage's own code, e.g. SQLITE_FULL. */
    readonly code: string,
    /** The storage's own error; its message says what ran out. */
    cause: { message: string },
  ) {
    super(`No room to write to the event store (${code}: ${cause.message})`, { cause });
  }
}
