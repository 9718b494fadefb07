import {
  ANY,
  BACKWARDS,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type EventData,
  type Filter,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent as ClientRecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import {
  AppendResult,
  CheckpointStore,
  ConsumerFailure,
  ConsumerStatus,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  storedJson,
  StreamBatch,
  SubscriptionFilter,
  WrongExpectedVersionError,
} from '../event-store.port';

/** The calls the adapter makes: an EventStoreDBClient has them, and a unit test can hand in a fake of the same types. */
export type EventStoreDbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readAll' | 'readStream' | 'subscribeToAll' | 'setStreamMetadata' | 'dispose'>;

export type EventStoreDbEventStoreOptions =
  | {
      /** For example `esdb://localhost:2113?tls=false`. */
      connectionString: string;
    }
  | { client: EventStoreDbClient };

const DEFAULT_READ_ALL_PAGE = 1000;
const READ_ALL_REFILL = 1000;

/**
 * The port's position is the commit position. For events written by appends in current EventStoreDB and
 * KurrentDB the prepare position equals the commit position (no explicit transactions any more), so the
 * pair is rebuilt from the one number.
 */
const toPosition = (position: number): Position => ({ commit: BigInt(position), prepare: BigInt(position) });

const toClientRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      // -1 is the revision of a stream that does not exist, to the other stores as well. The client cannot
      // serialise a revision below it and throws where no caller can catch it, so it is refused here.
      if (expected === -1) return NO_STREAM;
      if (!Number.isInteger(expected) || expected < -1) throw new RangeError(`An expected revision is a whole number from -1 (no stream) up, not ${expected}`);
      return BigInt(expected);
  }
};

/**
 * EventStoreDB links events by `$correlationId` and `$causationId` of their own (the by-correlation projection,
 * the UI): the ids are written under those names too, and left out again on the way back.
 */
const withServerLinks = (metadata: EventMetadata): EventMetadata => ({
  ...metadata,
  ...(metadata.correlationId !== undefined && { $correlationId: metadata.correlationId }),
  ...(metadata.causationId !== undefined && { $causationId: metadata.causationId }),
});

const withoutServerLinks = ({ $correlationId: _correlation, $causationId: _causation, ...metadata }: EventMetadata): EventMetadata => metadata;

const utf8 = new TextEncoder();

/**
 * Serialised here, before the client is called: the client serialises inside a promise executor, where a throw
 * is an unhandled rejection that ends the process, and the append never settles. The metadata goes over as the
 * bytes made here; the data goes as the plain JSON value, since the client takes no text for a JSON event.
 */
const toEventData = (event: NewEvent): EventData => ({
  id: event.id ?? randomUUID(),
  contentType: 'application/json',
  type: event.type,
  data: JSON.parse(storedJson(event.data, 'data', event.type)) as JSONType,
  metadata: event.metadata === undefined ? undefined : utf8.encode(storedJson(withServerLinks(event.metadata), 'metadata', event.type)),
});

/**
 * Consumers' checkpoints live in streams of their own, each trimmed to its last event ($maxCount 1), as is
 * usual on EventStoreDB. They are bookkeeping, not the domain's log: reads and subscriptions leave them out.
 */
const CHECKPOINT_STREAM_PREFIX = 'checkpoint$';
const checkpointStreamOf = (consumer: string): string => `${CHECKPOINT_STREAM_PREFIX}${consumer}`;
const failureStreamOf = (consumer: string): string => `${CHECKPOINT_STREAM_PREFIX}${consumer}$failures`;
/** Failures are kept for a person to read, not for ever. */
const FAILURES_KEPT = 1000;

interface StoredFailure extends Omit<ConsumerFailure, 'failedAt'> {
  failedAt: string;
  /** How many failures there have been in all, this one included: the stream keeps only the last ones. */
  count: number;
}

const isSystemEvent = (event: ClientRecordedEvent): boolean => event.type.startsWith('$') || event.streamId.startsWith(CHECKPOINT_STREAM_PREFIX);

const isMetadataObject = (metadata: unknown): metadata is EventMetadata =>
  typeof metadata === 'object' && metadata !== null && !(metadata instanceof Uint8Array) && !Array.isArray(metadata);

const toRecordedEvent = (event: ClientRecordedEvent, commitPosition: bigint): RecordedEvent => ({
  id: event.id,
  streamId: event.streamId,
  type: event.type,
  revision: Number(event.revision),
  position: Number(commitPosition),
  data: event.data,
  metadata: isMetadataObject(event.metadata) ? withoutServerLinks(event.metadata) : {},
  recordedAt: event.created,
});

/** Stream reads carry the position on the event since server 22.6, on the resolved event before. */
const commitPositionOf = (resolved: ResolvedEvent): bigint => {
  const position = resolved.event?.position?.commit ?? resolved.commitPosition;
  if (position === undefined) throw new Error('The server sent an event without a position (EventStoreDB < 22.6?)');
  return position;
};

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\#\s]/g, '\\$&');

/** One server-side filter (the server takes one), plus a local check for the rest and for system events. */
interface Filters {
  server: Filter;
  accepts: (event: ClientRecordedEvent) => boolean;
}

const toFilters = (filter: SubscriptionFilter | undefined): Filters => {
  const types = filter?.eventTypes?.length ? filter.eventTypes : undefined;
  const prefixes = filter?.streamPrefixes?.length ? filter.streamPrefixes : undefined;
  const server = types
    ? // A prefix filter would let 'CaseOpenedLate' through for 'CaseOpened': anchor each type exactly.
      eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` })
    : prefixes
      ? streamNameFilter({ prefixes })
      : excludeSystemEvents();
  const accepts = (event: ClientRecordedEvent): boolean =>
    !isSystemEvent(event) &&
    (!types || types.includes(event.type)) &&
    (!prefixes || prefixes.some((prefix) => event.streamId.startsWith(prefix)));
  return { server, accepts };
};

export class EventStoreDbEventStore implements EventStore, CheckpointStore {
  private readonly connection: EventStoreDbClient;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;
  readonly atomicity = 'stream' as const;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.connection = 'client' in options ? options.client : EventStoreDBClient.connectionString(options.connectionString);
  }

  /** The client's dispose() only ends the calls under way: a later call would still go out, and hold a connection open after shutdown. */
  private get client(): EventStoreDbClient {
    if (this.closed) throw new Error('The EventStoreDB event store is closed');
    return this.connection;
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Nothing to append to ${streamId}: the batch is empty`);
    const expected = options?.expectedRevision ?? 'any';
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toClientRevision(expected),
      });
      // throwOnAppendFailure=false in the connection string answers a refusal so. The revision that comes with it
      // is no help (the client's batch path puts there whether the stream has one), so the stream is asked.
      if (!result.success) throw new WrongExpectedVersionError(streamId, expected, await this.lastRevision(streamId));
      const nextRevision = Number(result.nextExpectedRevision);
      // An idempotent re-append is answered without a position: look up where the original batch ended.
      if (result.position) return { nextRevision, position: Number(result.position.commit) };
      const [last] = await this.readStream(streamId, { fromRevision: nextRevision, maxCount: 1 });
      return { nextRevision, position: last.position, alreadyStored: true };
    } catch (error) {
      if (error instanceof ClientWrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
        throw new WrongExpectedVersionError(streamId, expected, actual);
      }
      // The server drops an append of ids that an identical append, not yet indexed, is storing (IdempotentNotReady):
      // this one times out where the first succeeded, and its answer is the first one's.
      const original = error instanceof DeadlineExceededError ? await this.storedBatch(streamId, events, expected) : undefined;
      if (original) return original;
      throw error;
    }
  }

  /** No transaction spans streams here: the batches are appended one after the other, each atomically. */
  async appendAll(batches: StreamBatch[]): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of batches) results.push(await this.append(streamId, events, { expectedRevision }));
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of read) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event, commitPositionOf(resolved)));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? DEFAULT_READ_ALL_PAGE;
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    let after = options.after;
    let from: ReadPosition = after !== undefined ? toPosition(after) : backwards ? END : START;
    // The server cannot leave out system events here, so read on until the page is full or the log ends: in
    // chunks of a fixed size, since the server may have written any number of its own in a row.
    for (let chunk = limit; events.length < limit; chunk = READ_ALL_REFILL) {
      // One more than needed: the server starts at `from` inclusively, and the port's `after` is exclusive.
      const wanted = chunk + 1;
      let received = 0;
      let last: Position | undefined;
      const read = this.client.readAll({
        fromPosition: from,
        direction: backwards ? BACKWARDS : FORWARDS,
        maxCount: wanted,
      });
      for await (const resolved of read) {
        received += 1;
        const event = resolved.event;
        if (!event) continue;
        last = event.position;
        const position = Number(event.position.commit);
        const beyondCheckpoint = after === undefined || (backwards ? position < after : position > after);
        if (beyondCheckpoint && !isSystemEvent(event) && events.length < limit) {
          events.push(toRecordedEvent(event, event.position.commit));
        }
      }
      if (received < wanted || !last) break;
      from = last;
      after = Number(last.commit);
    }
    return events;
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const { server, accepts } = toFilters(options.filter);
    const source = this.client.subscribeToAll({
      // Commit position 0 holds no user event, so 0 (the head of an empty log) may mean the start.
      fromPosition: options.after ? toPosition(options.after) : START,
      filter: server,
    });
    const subscription = new EventStoreDbSubscription(source, accepts, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async loadCheckpoint(consumer: string): Promise<number | undefined> {
    const [last] = await this.readStream(checkpointStreamOf(consumer), { direction: 'backwards', maxCount: 1 });
    return last ? (last.data as { position: number }).position : undefined;
  }

  async saveCheckpoint(consumer: string, position: number): Promise<void> {
    const streamId = checkpointStreamOf(consumer);
    const { nextExpectedRevision } = await this.client.appendToStream(streamId, [toEventData({ type: 'CheckpointSaved', data: { position } })]);
    if (nextExpectedRevision === 0n) await this.client.setStreamMetadata(streamId, { maxCount: 1 });
  }

  async recordFailure(consumer: string, failure: ConsumerFailure): Promise<void> {
    const streamId = failureStreamOf(consumer);
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const count = ((last?.data as StoredFailure | undefined)?.count ?? 0) + 1;
    const data: StoredFailure = { ...failure, failedAt: failure.failedAt.toISOString(), count };
    const { nextExpectedRevision } = await this.client.appendToStream(streamId, [toEventData({ type: 'ConsumerFailed', data })]);
    if (nextExpectedRevision === 0n) await this.client.setStreamMetadata(streamId, { maxCount: FAILURES_KEPT });
  }

  async consumerStatus(consumer: string): Promise<ConsumerStatus> {
    const [[checkpoint], [failure]] = await Promise.all(
      [checkpointStreamOf(consumer), failureStreamOf(consumer)].map((streamId) => this.readStream(streamId, { direction: 'backwards', maxCount: 1 })),
    );
    const stored = failure?.data as StoredFailure | undefined;
    return {
      position: (checkpoint?.data as { position: number } | undefined)?.position,
      savedAt: checkpoint?.recordedAt,
      failures: stored?.count ?? 0,
      lastFailure: stored && { position: stored.position, eventId: stored.eventId, what: stored.what, error: stored.error, failedAt: new Date(stored.failedAt) },
    };
  }

  async headPosition(): Promise<number> {
    const [newest] = await this.readAll({ direction: 'backwards', maxCount: 1 });
    return newest?.position ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.connection.dispose();
  }

  /** The batch as an append of the same ids stored it where `expected` puts it; only a batch whose events all carry ids can be found. */
  private async storedBatch(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult | undefined> {
    if (events.some((event) => event.id === undefined)) return undefined;
    const placed = typeof expected === 'number' || expected === 'no_stream';
    const stream = await this.readStream(streamId, placed ? { fromRevision: typeof expected === 'number' ? expected + 1 : 0, maxCount: events.length } : {});
    const first = stream.findIndex((recorded) => recorded.id === events[0].id);
    const batch = first === -1 ? [] : stream.slice(first, first + events.length);
    if (batch.length !== events.length || batch.some((recorded, index) => recorded.id !== events[index].id)) return undefined;
    const last = batch[batch.length - 1];
    return { nextRevision: last.revision, position: last.position, alreadyStored: true };
  }

  /** Revision of the stream's last event, or -1 where there is none. */
  private async lastRevision(streamId: string): Promise<number> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last?.revision ?? -1;
  }
}

class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private readonly events: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly accepts: (event: ClientRecordedEvent) => boolean,
    private readonly onStop: () => void,
  ) {
    this.events = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.onStop();
    // Cancelling the call ends the source stream, which ends a `for await` that is waiting for an event.
    await this.source.unsubscribe();
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      for await (const resolved of this.source) {
        if (this.stopped) return;
        const event = resolved.event;
        if (event && this.accepts(event)) yield toRecordedEvent(event, event.position.commit);
      }
    } catch (error) {
      // A stream torn down by our own stop is no failure; anything else (a dropped connection) must reach
      // the consumer, who resubscribes from its checkpoint: the client does not resume by itself.
      if (!this.stopped) throw error;
    } finally {
      if (!this.stopped) await this.stop();
    }
  }
}
