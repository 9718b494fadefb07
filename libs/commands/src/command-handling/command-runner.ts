import { Decider, isRefusal, RefusedError } from '@app/domain';
import { EVENT_STORE, EventIdTakenError, EventStore, NewEvent, RecordedEvent, WrongExpectedVersionError } from '@app/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { Clock, CLOCK } from './clock';
import { CommandContext, CommandResult } from './command-context';
import { IdempotencyKeyReusedError, StaleRevisionError } from './command.errors';

type DomainEvent = { type: string; data: unknown };

/** Namespace of the UUIDs derived from idempotency keys, so a retried request writes the same event ids. */
const IDEMPOTENCY_NAMESPACE = '5f0c6a52-7f0e-4d8e-9a55-0c7f6f1d2b61';

/** Where a store checks event ids within a stream only, a key is taken in a stream of its own, named by its digest. */
export const idempotencyKeyStreamId = (idempotencyKey: string): string =>
  `idempotency-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;

/** Attempts when another writer got in between our read and our append and the client set no `If-Match`. */
const MAX_ATTEMPTS = 10;

export interface RunCommand<Command, Event extends DomainEvent, State> {
  decider: Decider<Command, Event, State>;
  streamId: string;
  /** The id the caller gets back: the case's, meeting's or follow-up's. */
  id: string;
  /** Builds the command from the current state and the time; may look up facts in other streams. */
  command: (state: State, now: string) => Command | Promise<Command>;
  context: CommandContext;
}

type StreamRequest = Pick<RunCommand<unknown, DomainEvent, unknown>, 'id' | 'context'>;

/**
 * The one command handler every aggregate shares: read the stream, fold it, decide, append with the
 * expected revision. Nothing is appended unless the decider accepts and the revision still holds.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** An id for a new aggregate; derived from the idempotency key where there is one, so a retry hits the same stream. */
  newId(context: CommandContext, scope: string): string {
    return context.idempotencyKey ? uuidv5(`${scope}|${context.idempotencyKey}`, IDEMPOTENCY_NAMESPACE) : uuidv4();
  }

  async load<Event extends DomainEvent, State>(
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<{ state: State; revision: number; events: RecordedEvent[] }> {
    const events = await this.store.readStream(streamId);
    const state = events.reduce((current, event) => decider.evolve(current, { type: event.type, data: event.data } as Event), decider.initialState());
    return { state, revision: events.length === 0 ? -1 : events[events.length - 1].revision, events };
  }

  async run<Command, Event extends DomainEvent, State>(request: RunCommand<Command, Event, State>): Promise<CommandResult> {
    const { decider, streamId, id, context } = request;
    for (let attempt = 1; ; attempt++) {
      const { state, revision, events } = await this.load(decider, streamId);
      const replay = this.replayOf(events, request);
      if (replay) return replay;
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new StaleRevisionError(streamId, context.expectedRevision, revision);
      }
      const decision = decider.decide(await request.command(state, context.now ?? this.clock.now()), state);
      if (isRefusal(decision)) throw new RefusedError(decision);
      if (attempt === 1) await this.takeKey(streamId, context);
      try {
        const appended = await this.store.append(streamId, decision.map((event, index) => this.toNewEvent(event, index, request)), {
          expectedRevision: revision === -1 ? 'no_stream' : revision,
        });
        // Another request with this key got in between our read and our append: the store answered with its events.
        if (appended.alreadyStored && (await this.storedRequestHash(streamId, appended.nextRevision - (decision.length - 1))) !== context.requestHash) {
          throw new IdempotencyKeyReusedError();
        }
        return { id, revision: appended.nextRevision, position: appended.position };
      } catch (error) {
        // The key's event ids are taken in another stream: the key was used for another request.
        if (error instanceof EventIdTakenError && context.idempotencyKey) throw new IdempotencyKeyReusedError();
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (context.expectedRevision !== undefined && !context.idempotencyKey) {
          throw new StaleRevisionError(streamId, context.expectedRevision, error.actual);
        }
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * On a store without a transaction across streams (EventStoreDB), the event ids the key derives meet each
   * other only within a stream: before the command appends, the key is taken for this request and this stream
   * in a stream of its own, where a second taker finds it taken. Taken only once the decider has accepted, so
   * a refused request leaves the key free, as on SQLite. A request that took the key and died before it
   * appended takes it again as its own when retried, and goes on.
   */
  private async takeKey(streamId: string, { idempotencyKey, requestHash }: CommandContext): Promise<void> {
    if (!idempotencyKey || this.store.atomicity !== 'stream') return;
    const keyStreamId = idempotencyKeyStreamId(idempotencyKey);
    const taken = { requestHash: requestHash ?? null, streamId };
    const id = uuidv5(`${idempotencyKey}|${JSON.stringify(taken)}`, IDEMPOTENCY_NAMESPACE);
    try {
      await this.store.append(keyStreamId, [{ id, type: 'IdempotencyKeyTaken', data: taken, metadata: { idempotencyKey } }], { expectedRevision: 'no_stream' });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const [first] = await this.store.readStream(keyStreamId, { maxCount: 1 });
      if (first?.id !== id) throw new IdempotencyKeyReusedError();
    }
  }

  /**
   * From the key alone, not the stream: a key is the client's promise about one request, so the same key on
   * another case or endpoint meets its own event ids there, and is refused.
   */
  private eventId(context: CommandContext, index: number): string | undefined {
    return context.idempotencyKey ? uuidv5(`${context.idempotencyKey}|${index}`, IDEMPOTENCY_NAMESPACE) : undefined;
  }

  private async storedRequestHash(streamId: string, revision: number): Promise<string | undefined> {
    const [first] = await this.store.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return first?.metadata.requestHash as string | undefined;
  }

  private toNewEvent(event: DomainEvent, index: number, { context }: StreamRequest): NewEvent {
    const { correlationId, causationId, userId, idempotencyKey, requestHash } = context;
    return {
      id: this.eventId(context, index),
      type: event.type,
      data: event.data,
      metadata: { correlationId, causationId, userId, idempotencyKey, requestHash },
    };
  }

  /** The first result of a request whose idempotency key already wrote its events to this stream. */
  private replayOf(events: RecordedEvent[], { id, context }: StreamRequest): CommandResult | undefined {
    if (!context.idempotencyKey) return undefined;
    const first = events.findIndex((event) => event.id === this.eventId(context, 0));
    if (first === -1) return undefined;
    if (events[first].metadata.requestHash !== context.requestHash) throw new IdempotencyKeyReusedError();
    let last = first;
    while (last + 1 < events.length && events[last + 1].id === this.eventId(context, last + 1 - first)) last++;
    return { id, revision: events[last].revision, position: events[last].position };
  }
}
