/**
 * A stand-in for EventStoreDB behind the client's own types, for unit tests of the adapter's mapping where no
 * server can run. It keeps one log the way the server hands it out: a position is the byte offset where a
 * record starts, the server's own `$` events stand between the user's, $all is read forwards from a position
 * inclusively and backwards from it exclusively, a subscription starts after its position, and a wrong
 * expected revision throws the client's WrongExpectedVersionError. It serialises what it is handed as the
 * client does, inside a promise executor. Server-side filters are not applied: the adapter checks each event
 * itself as well.
 */
import {
  AppendExpectedRevision,
  AppendResult,
  AppendToStreamOptions,
  END,
  EventData,
  EventType,
  JSONType,
  MetadataType,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type StreamingRead,
  type StreamMetadata,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { EventStoreDbClient } from '../eventstoredb/eventstoredb-event-store';

export interface FakeAppend {
  streamName: string;
  events: EventData[];
  options: AppendToStreamOptions;
}

/** Where the log's first record starts: the server writes records of its own before any of ours. */
const FIRST_RECORD_AT = 1_024;
/** What a record carries besides its data and metadata (header, ids, type, stream name), roughly. */
const RECORD_OVERHEAD_BYTES = 120;

const readable = <T>(items: AsyncIterable<T>, extra: object): Readable => Object.assign(Readable.from(items, { objectMode: true }), extra);

export class FakeEventStoreDbClient implements EventStoreDbClient {
  readonly appends: FakeAppend[] = [];
  readonly readAllCalls: ReadAllOptions[] = [];
  disposals = 0;
  /** Answers the appends in place of the log while set: the test plays the server's answer. */
  answerAppend?: (append: FakeAppend) => Promise<AppendResult>;
  private readonly log: AllStreamRecordedEvent[] = [];
  private end = FIRST_RECORD_AT;
  private readonly listeners = new Set<() => void>();

  appendToStream<KnownEventType extends EventType = EventType>(
    streamName: string,
    events: EventData<KnownEventType> | EventData<KnownEventType>[],
    options: AppendToStreamOptions = {},
  ): Promise<AppendResult> {
    const append: FakeAppend = { streamName, events: (Array.isArray(events) ? events : [events]) as EventData[], options };
    this.appends.push(append);
    // As the client does: the events are serialised inside an async executor, where a throw rejects nothing.
    return new Promise<AppendResult>(async (resolve, reject) => {
      const serialised = append.events.map((event) => ({
        event,
        data: Buffer.from(JSON.stringify(event.data), 'utf8').toString('utf8'),
        metadata: event.metadata === undefined || event.metadata.constructor === Uint8Array ? (event.metadata as Uint8Array | undefined) : JSON.stringify(event.metadata),
      }));
      await Promise.resolve();
      if (this.answerAppend) return this.answerAppend(append).then(resolve, reject);
      try {
        resolve(this.store(streamName, serialised, options.expectedRevision ?? 'any'));
      } catch (error) {
        reject(error);
      }
    });
  }

  readAll(options: ReadAllOptions = {}): StreamingRead<AllStreamResolvedEvent> {
    this.readAllCalls.push(options);
    const from = options.fromPosition ?? START;
    const backwards = options.direction === 'backwards';
    const selected = backwards
      ? this.log.filter((event) => from === END || from === START || event.position.commit < from.commit).reverse()
      : this.log.filter((event) => from === START || (from !== END && event.position.commit >= from.commit));
    const page = selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    return this.streamingRead(page.map((event) => ({ event, commitPosition: event.position.commit })));
  }

  readStream<KnownEventType extends EventType = EventType>(streamName: string, options: ReadStreamOptions = {}): StreamingRead<ResolvedEvent<KnownEventType>> {
    const stream = this.log.filter((event) => event.streamId === streamName);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? END : START);
    const selected = backwards
      ? stream.filter((event) => from === END || from === START || event.revision <= from).reverse()
      : stream.filter((event) => from === START || (from !== END && event.revision >= from));
    const page = selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    async function* events() {
      if (stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
      for (const event of page) yield { event, commitPosition: event.position.commit };
    }
    return readable(events(), { cancel: async () => undefined }) as unknown as StreamingRead<ResolvedEvent<KnownEventType>>;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllStreamSubscription {
    const from = options.fromPosition ?? START;
    let next = from === START ? 0 : from === END ? this.log.length : this.log.findIndex((event) => event.position.commit > from.commit);
    if (next === -1) next = this.log.length;
    let stopped = false;
    let wake: () => void = () => undefined;
    const log = this.log;
    const listeners = this.listeners;
    async function* events() {
      while (!stopped) {
        if (next < log.length) {
          const event = log[next++];
          yield { event, commitPosition: event.position.commit };
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          listeners.add(resolve);
        });
        listeners.delete(wake);
      }
    }
    return readable(events(), {
      unsubscribe: async () => {
        stopped = true;
        wake();
      },
    }) as unknown as AllStreamSubscription;
  }

  async setStreamMetadata<Metadata extends StreamMetadata = StreamMetadata>(streamName: string, metadata: StreamMetadata<Metadata>): Promise<AppendResult> {
    return this.appendToStream(`$$${streamName}`, [{ id: randomUUID(), contentType: 'application/json', type: '$metadata', data: metadata as JSONType, metadata: undefined }]);
  }

  dispose = async (): Promise<void> => {
    this.disposals += 1;
  };

  /** Records the server writes of its own, such as statistics, between the user's events. */
  writeSystemEvents(count: number): void {
    for (let n = 0; n < count; n++) this.record('$stats-127.0.0.1:2113', { id: randomUUID(), type: '$statsCollected', data: '{"proc-cpu":1}', metadata: undefined });
  }

  /** The events the log holds, the server's own included. */
  get recorded(): readonly AllStreamRecordedEvent[] {
    return this.log;
  }

  private streamingRead(events: AllStreamResolvedEvent[]): StreamingRead<AllStreamResolvedEvent> {
    async function* items() {
      yield* events;
    }
    return readable(items(), { cancel: async () => undefined }) as unknown as StreamingRead<AllStreamResolvedEvent>;
  }

  private store(streamName: string, events: Array<{ event: EventData; data: string; metadata?: string | Uint8Array }>, expected: AppendExpectedRevision): AppendResult {
    const stream = this.log.filter((event) => event.streamId === streamName);
    const current = stream.length === 0 ? undefined : stream[stream.length - 1].revision;
    const stored = stream.findIndex((event) => event.id === events[0].event.id);
    if (stored !== -1 && events.every(({ event }, index) => stream[stored + index]?.id === event.id)) {
      // The server's idempotent answer: the original revision, and no position.
      return { success: true, nextExpectedRevision: stream[stored + events.length - 1].revision, position: undefined };
    }
    const fits =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      (typeof expected === 'bigint' && current === expected);
    if (!fits) throw new WrongExpectedVersionError(undefined, { streamName, expected, current: current ?? 'no_stream' });
    let last: AllStreamRecordedEvent | undefined;
    for (const { event, data, metadata } of events) last = this.record(streamName, { id: event.id, type: event.type, data, metadata });
    const recorded = last as AllStreamRecordedEvent;
    for (const listener of [...this.listeners]) listener();
    return { success: true, nextExpectedRevision: recorded.revision, position: recorded.position };
  }

  private record(streamId: string, { id, type, data, metadata }: { id: string; type: string; data: string; metadata?: string | Uint8Array }): AllStreamRecordedEvent {
    const revision = BigInt(this.log.filter((event) => event.streamId === streamId).length);
    const metadataText = metadata === undefined ? '' : typeof metadata === 'string' ? metadata : Buffer.from(metadata).toString('utf8');
    const position = { commit: BigInt(this.end), prepare: BigInt(this.end) };
    this.end += RECORD_OVERHEAD_BYTES + Buffer.byteLength(data) + Buffer.byteLength(metadataText) + Buffer.byteLength(streamId) + Buffer.byteLength(type);
    const event = {
      streamId,
      id,
      revision,
      type,
      data: JSON.parse(data) as JSONType,
      metadata: (metadataText === '' ? undefined : JSON.parse(metadataText)) as MetadataType | undefined,
      isJson: true,
      created: new Date(),
      position,
    } as AllStreamRecordedEvent;
    this.log.push(event);
    return event;
  }
}
