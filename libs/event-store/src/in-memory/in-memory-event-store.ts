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

/**
 * One log in memory, which several `InMemoryEventStore` instances may share, as API and worker share a file.
 * Positions start at 1 and grow by one per event, as in the SQLite store.
 */
export class InMemoryLog {
  readonly checkpoints = new Map<string, { position: number; savedAt: Date }>();
  readonly failures = new Map<string, ConsumerFailure[]>();
  private readonly events: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly listeners = new Set<() => void>();

  get head(): number {
    return this.events.length;
  }

  stream(streamId: string): readonly RecordedEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  /** Events after `position` (exclusive), oldest first; positions are indexes plus one. */
  after(position: number, maxCount: number): RecordedEvent[] {
    return this.events.slice(Math.max(position, 0), Math.max(position, 0) + maxCount);
  }

  before(position: number, maxCount: number): RecordedEvent[] {
    const end = Math.min(position - 1, this.events.length);
    return this.events.slice(Math.max(end - maxCount, 0), Math.max(end, 0)).reverse();
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    const replay = this.storedBatch(streamId, events, expected);
    if (replay) return replay;
    if (!revisionMatches(expected, current)) throw new WrongExpectedVersionError(streamId, expected, current);
    const duplicate = events.find((event) => event.id !== undefined && this.byId.has(event.id));
    if (duplicate) throw new EventIdTakenError(streamId);
    const recordedAt = new Date();
    // Copied before any is stored: an event JSON cannot hold throws, and the batch is stored whole or not at all.
    const batch = events.map(
      (event, index): RecordedEvent => ({
        id: event.id ?? randomUUID(),
        streamId,
        type: event.type,
        revision: stream.length + index,
        position: this.events.length + 1 + index,
        data: copyOf(event.data),
        metadata: event.metadata === undefined ? {} : (copyOf(event.metadata) as EventMetadata),
        recordedAt,
      }),
    );
    for (const recorded of batch) {
      stream.push(recorded);
      this.events.push(recorded);
      this.byId.set(recorded.id, recorded);
    }
    this.streams.set(streamId, stream);
    for (const listener of this.listeners) listener();
    const last = stream[stream.length - 1];
    return { nextRevision: last.revision, position: last.position };
  }

  /** Checks every batch before it stores any: one that does not fit leaves the log as it was. */
  appendAll(batches: StreamBatch[]): AppendResult[] {
    const revisions = new Map<string, number>();
    const ids = new Set<string>();
    for (const { streamId, events, expectedRevision } of batches) {
      const current = revisions.get(streamId) ?? this.stream(streamId).length - 1;
      if (!revisionMatches(expectedRevision, current)) throw new WrongExpectedVersionError(streamId, expectedRevision, current);
      for (const { id } of events) {
        if (id !== undefined && (this.byId.has(id) || ids.has(id))) throw new EventIdTakenError(streamId);
        if (id !== undefined) ids.add(id);
      }
      revisions.set(streamId, current + events.length);
    }
    return batches.map(({ streamId, events, expectedRevision }) => this.append(streamId, events, expectedRevision));
  }

  /** Called after every append, until the returned function is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The same ids, stored as consecutive revisions where the expected revision put them: EventStoreDB's idempotent append. */
  private storedBatch(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult | undefined {
    const stored = events.map((event) => (event.id === undefined ? undefined : this.byId.get(event.id)));
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

  constructor(private readonly log: InMemoryLog = new InMemoryLog()) {}

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
    return this.log.appendAll(batches);
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
