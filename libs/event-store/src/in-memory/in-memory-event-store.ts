import { randomUUID } from 'node:crypto';
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
  SubscribeOptions,
  Subscription,
  SubscriptionFilter,
  WrongExpectedVersionError,
} from '../event-store.port';

const DEFAULT_READ_ALL_PAGE = 1000;

/**
 * Stored as JSON, as the other adapters store it: a caller that changes an object after appending it, or
 * after reading it, changes nothing in the log, and fields set to undefined are gone on the way back.
 */
const copyOf = <T>(value: T): T => (value === undefined ? (null as T) : JSON.parse(JSON.stringify(value)));

const matches = (filter: SubscriptionFilter | undefined, event: RecordedEvent): boolean =>
  (!filter?.eventTypes?.length || filter.eventTypes.includes(event.type)) &&
  (!filter?.streamPrefixes?.length || filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix)));

export interface InMemoryLogOptions {
  /**
   * `dense` (the default): 1, 2, 3..., as in the SQLite store. `byte-offsets`: where each record starts in a
   * log of bytes, as EventStoreDB hands positions out, with a gap as long as the record before; so that tests
   * catch code that counts events by positions or does arithmetic on them.
   */
  positions?: 'dense' | 'byte-offsets';
  /**
   * `log` (the default): event ids unique in the whole log and appendAll in one transaction, as in the SQLite
   * store. `stream`: ids checked within their stream only and appendAll stream by stream, as EventStoreDB does.
   */
  atomicity?: 'log' | 'stream';
}

/** Where the first record starts in a log of byte offsets: EventStoreDB writes records of its own first. */
const FIRST_RECORD_OFFSET = 1_024;
/** What a record holds besides its stream, type, data and metadata (ids, revision, time), roughly. */
const RECORD_HEADER_BYTES = 120;

/**
 * One log in memory, which several `InMemoryEventStore` instances may share, as API and worker share a file.
 * Positions are ordered and start above 0; how far apart they are depends on `positions`.
 */
export class InMemoryLog {
  readonly checkpoints = new Map<string, { position: number; savedAt: Date }>();
  readonly failures = new Map<string, ConsumerFailure[]>();
  private readonly events: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly listeners = new Set<() => void>();
  private readonly byteOffsets: boolean;
  readonly perStream: boolean;
  /** Where the next record starts, in a log of byte offsets. */
  private end = FIRST_RECORD_OFFSET;

  constructor(options: InMemoryLogOptions = {}) {
    this.byteOffsets = options.positions === 'byte-offsets';
    this.perStream = options.atomicity === 'stream';
  }

  get head(): number {
    return this.events[this.events.length - 1]?.position ?? 0;
  }

  stream(streamId: string): readonly RecordedEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  /** Events after `position` (exclusive), oldest first. */
  after(position: number, maxCount: number): RecordedEvent[] {
    this.checkReadFrom(position);
    const from = this.firstWhere((at) => at > position);
    return this.events.slice(from, from + maxCount);
  }

  /** Events before `position` (exclusive), newest first. */
  before(position: number, maxCount: number): RecordedEvent[] {
    this.checkReadFrom(position);
    const end = this.firstWhere((at) => at >= position);
    return this.events.slice(Math.max(end - maxCount, 0), end).reverse();
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult {
    return this.storedBatch(streamId, events, expected) ?? this.store([{ streamId, events, expectedRevision: expected }])[0];
  }

  appendAll(batches: StreamBatch[]): AppendResult[] {
    return this.store(batches);
  }

  /** Called after every append, until the returned function is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** As EventStoreDB refuses a read from inside a record (InvalidPosition): only a position handed out, or 0, is one to read from. */
  private checkReadFrom(position: number): void {
    if (!this.byteOffsets || position === 0 || position > this.head) return;
    if (this.events[this.firstWhere((at) => at >= position)].position !== position) {
      throw new RangeError(`No record starts at position ${position}: a position is only ever handed back as the store handed it out`);
    }
  }

  /** Index of the first event whose position passes `reached`, which holds from some event to the end of the log. */
  private firstWhere(reached: (position: number) => boolean): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (reached(this.events[middle].position)) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /**
   * Checks and copies every batch before it stores any: one that does not fit its stream, reuses an id, or
   * holds what JSON cannot, leaves the log as it was.
   */
  private store(batches: StreamBatch[]): AppendResult[] {
    const revisions = new Map<string, number>();
    const ids = new Set<string>();
    const recordedAt = new Date();
    let next = this.byteOffsets ? this.end : this.head + 1;
    const recorded = batches.map(({ streamId, events, expectedRevision }) => {
      const current = revisions.get(streamId) ?? this.stream(streamId).length - 1;
      if (!revisionMatches(expectedRevision, current)) throw new WrongExpectedVersionError(streamId, expectedRevision, current);
      revisions.set(streamId, current + events.length);
      return events.map((event, index): RecordedEvent => {
        const id = event.id === undefined ? undefined : this.idKey(streamId, event.id);
        if (id !== undefined && (this.byId.has(id) || ids.has(id))) throw new EventIdTakenError(streamId);
        if (id !== undefined) ids.add(id);
        const data = storedJson(event.data, 'data', event.type);
        const metadata = event.metadata === undefined ? '{}' : storedJson(event.metadata, 'metadata', event.type);
        const position = next;
        next = this.byteOffsets ? next + RECORD_HEADER_BYTES + streamId.length + event.type.length + data.length + metadata.length : next + 1;
        return {
          id: event.id ?? randomUUID(),
          streamId,
          type: event.type,
          revision: current + 1 + index,
          position,
          data: JSON.parse(data),
          metadata: JSON.parse(metadata) as EventMetadata,
          recordedAt,
        };
      });
    });
    for (const event of recorded.flat()) {
      const stream = this.streams.get(event.streamId) ?? [];
      stream.push(event);
      this.streams.set(event.streamId, stream);
      this.events.push(event);
      this.byId.set(this.idKey(event.streamId, event.id), event);
    }
    if (this.byteOffsets) this.end = next;
    for (const listener of this.listeners) listener();
    return recorded.map((batch) => {
      const last = batch[batch.length - 1];
      return { nextRevision: last.revision, position: last.position };
    });
  }

  /** Where an event id must be unique: in the whole log, or within its stream. */
  private idKey(streamId: string, id: string): string {
    return this.perStream ? `${streamId}\u0000${id}` : id;
  }

  /** The same ids, stored as consecutive revisions where the expected revision put them: EventStoreDB's idempotent append. */
  private storedBatch(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult | undefined {
    const stored = events.map((event) => (event.id === undefined ? undefined : this.byId.get(this.idKey(streamId, event.id))));
    const [first] = stored;
    if (!first || first.streamId !== streamId) return undefined;
    if (!stored.every((event, index) => event?.streamId === streamId && event.revision === first.revision + index)) return undefined;
    if (typeof expected === 'number' && first.revision !== expected + 1) return undefined;
    if (expected === 'no_stream' && first.revision !== 0) return undefined;
    const last = stored[stored.length - 1] as RecordedEvent;
    return { nextRevision: last.revision, position: last.position, alreadyStored: true };
  }
}

/**
 * The event-store port in memory: for rehearsing an import on a copy of the streams it touches, and for
 * tests where a real file adds nothing. It keeps nothing when the process ends.
 */
export class InMemoryEventStore implements EventStore, CheckpointStore {
  private readonly subscriptions = new Set<InMemorySubscription>();

  readonly atomicity?: 'stream';

  constructor(private readonly log: InMemoryLog = new InMemoryLog()) {
    if (log.perStream) this.atomicity = 'stream';
  }

  /** Another instance on the same log, as a second process would open the same file. */
  openAnother(): InMemoryEventStore {
    return new InMemoryEventStore(this.log);
  }

  async append(streamId: string, events: NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Nothing to append to ${streamId}: the batch is empty`);
    return this.log.append(streamId, events, options?.expectedRevision ?? 'any');
  }

  async appendAll(batches: StreamBatch[]): Promise<AppendResult[]> {
    const empty = batches.find((batch) => batch.events.length === 0);
    if (empty) throw new RangeError(`Nothing to append to ${empty.streamId}: the batch is empty`);
    if (this.atomicity !== 'stream') return this.log.appendAll(batches);
    const results: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of batches) results.push(await this.append(streamId, events, { expectedRevision }));
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.log.stream(streamId);
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    const selected =
      options.direction === 'backwards'
        ? stream.filter((event) => event.revision <= (options.fromRevision ?? Number.MAX_SAFE_INTEGER)).reverse()
        : stream.filter((event) => event.revision >= (options.fromRevision ?? 0));
    return selected.slice(0, limit).map(copyOf).map(withDate);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? DEFAULT_READ_ALL_PAGE;
    const page =
      options.direction === 'backwards'
        ? this.log.before(options.after ?? Number.MAX_SAFE_INTEGER, limit)
        : this.log.after(options.after ?? 0, limit);
    return page.map(copyOf).map(withDate);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription = new InMemorySubscription(this.log, options.after ?? 0, options.filter, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    return this.log.head;
  }

  async loadCheckpoint(consumer: string): Promise<number | undefined> {
    return this.log.checkpoints.get(consumer)?.position;
  }

  async saveCheckpoint(consumer: string, position: number): Promise<void> {
    this.log.checkpoints.set(consumer, { position, savedAt: new Date() });
  }

  async recordFailure(consumer: string, failure: ConsumerFailure): Promise<void> {
    this.log.failures.set(consumer, [...(this.log.failures.get(consumer) ?? []), { ...failure }]);
  }

  async consumerStatus(consumer: string): Promise<ConsumerStatus> {
    const checkpoint = this.log.checkpoints.get(consumer);
    const failures = this.log.failures.get(consumer) ?? [];
    return { position: checkpoint?.position, savedAt: checkpoint?.savedAt, failures: failures.length, lastFailure: failures[failures.length - 1] };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }
}

/** JSON has no dates: a copy gets its recording time back as a Date. */
const withDate = (event: RecordedEvent): RecordedEvent => ({ ...event, recordedAt: new Date(event.recordedAt) });

class InMemorySubscription implements Subscription {
  private stopped = false;
  private wake: () => void = () => undefined;
  private readonly events: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly log: InMemoryLog,
    private checkpoint: number,
    private readonly filter: SubscriptionFilter | undefined,
    private readonly onStop: () => void,
  ) {
    this.events = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.onStop();
    this.wake();
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      while (!this.stopped) {
        if (this.log.head <= this.checkpoint) {
          await new Promise<void>((resolve) => {
            const unlisten = this.log.listen(() => this.wake());
            this.wake = () => {
              unlisten();
              resolve();
            };
          });
          continue;
        }
        for (const event of this.log.after(this.checkpoint, DEFAULT_READ_ALL_PAGE)) {
          if (this.stopped) return;
          this.checkpoint = event.position;
          if (matches(this.filter, event)) yield withDate(copyOf(event));
        }
      }
    } finally {
      this.stopped = true;
      this.onStop();
    }
  }
}
