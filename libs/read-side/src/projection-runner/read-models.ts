import { EventStore, RecordedEvent } from '@app/event-store';
import { setImmediate as turn } from 'node:timers/promises';
import { applyEvent, emptyModelOf, EntityModel, GroupedModel, GroupedProjection, GroupedReadModel, Projection, ReadModel, UnreadEntity } from './projection';
import { ReadModelSnapshot, SnapshotEntryToWrite, SnapshotEvent, SnapshotToWrite } from './read-model-snapshot';

const CATCH_UP_PAGE = 1000;
/** Entries of a snapshot taken into the models between two turns of the event loop. */
const RESTORE_SLICE = 50_000;
/** How long the entities left unread at a restart are read for between two turns of the event loop. */
const READ_SLICE_MS = 10;

/**
 * Each key with its value and groups, from two lists of the same length: entries made one at a time, as they
 * are written. An unread entity is written as it was read.
 */
function* entriesOf(model: EntityModel<unknown>, keys: readonly string[], values: readonly unknown[]): Generator<SnapshotEntryToWrite> {
  const groups = model instanceof GroupedModel ? (value: unknown) => model.groupsHeld(value) : () => [];
  for (let i = 0; i < keys.length; i++) yield [keys[i], values[i], groups(values[i])];
}

/**
 * The read models of a set of projections, held in memory and folded one event at a time in log order. The
 * API's projection runner keeps one; the worker keeps its own for what its process managers look at.
 */
export class ReadModels {
  private readonly models = new Map<string, EntityModel<unknown>>();
  private reached = 0;
  private last?: SnapshotEvent;
  private count = 0;

  constructor(readonly projections: readonly Projection<unknown>[]) {
    for (const projection of projections) this.models.set(projection.name, emptyModelOf(projection));
  }

  /** Position of the last event folded in; 0 before any. */
  get position(): number {
    return this.reached;
  }

  /**
   * How many events these models have folded in since they were made. A position says nothing of that: on
   * EventStoreDB positions are byte offsets, so what is due after so many events is counted here.
   */
  get folded(): number {
    return this.count;
  }

  model<Entity>(projection: GroupedProjection<Entity>): GroupedReadModel<Entity>;
  model<Entity>(projection: Projection<Entity>): ReadModel<Entity>;
  model<Entity>(projection: Projection<Entity>): ReadModel<Entity> {
    return this.models.get(projection.name) as ReadModel<Entity>;
  }

  /** Folds the event into every model; one already folded in (a redelivery) changes nothing. */
  apply(event: RecordedEvent): void {
    if (event.position <= this.reached) return;
    for (const projection of this.projections) applyEvent(this.models.get(projection.name) as EntityModel<unknown>, projection, event);
    this.reached = event.position;
    this.last = { id: event.id, streamId: event.streamId, revision: event.revision };
    this.count += 1;
  }

  /**
   * Reads the log in pages and folds it up to `upTo` and no further: handing a million events over one
   * awaited event at a time cost more than the projections themselves. The event loop turns after each page
   * (a store that reads synchronously would otherwise hold it for the whole fold), so a process that folds a
   * large log still answers meanwhile; `stopped` is asked there too, so a shutdown need not wait for the end.
   */
  async catchUp(store: EventStore, upTo: number, stopped: () => boolean = () => false): Promise<void> {
    while (this.reached < upTo && !stopped()) {
      const page = await store.readAll({ after: this.reached, maxCount: CATCH_UP_PAGE });
      if (page.length === 0) return;
      for (const event of page) {
        if (event.position > upTo) return;
        this.apply(event);
      }
      await turn();
    }
  }

  /**
   * Takes the models from the snapshot where it fits: every projection here at the version it was saved with,
   * and its last event where its stream has it, at the position it names. The event is looked up in its
   * stream, not at the position in the log: a position is handed back only as the store gave it, and one of
   * another log may lie inside a record of this one, which EventStoreDB refuses to read from.
   */
  async restore(store: EventStore, snapshot: ReadModelSnapshot): Promise<boolean> {
    const current = this.projections.every((projection) => snapshot.projections[projection.name]?.version === projection.version);
    if (!current) return false;
    const { id, streamId, revision } = snapshot.lastEvent;
    const [stored] = await store.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (stored?.id !== id || stored.position !== snapshot.position) return false;
    for (const projection of this.projections) {
      const model = emptyModelOf(projection);
      const { entries } = snapshot.projections[projection.name];
      for (let i = 0; i < entries.length; i++) {
        const [key, entity] = entries[i];
        if (entity instanceof UnreadEntity) model.restoreUnread(key, entity);
        else model.set(key, entity);
        if ((i + 1) % RESTORE_SLICE === 0) await turn();
      }
      this.models.set(projection.name, model);
    }
    this.reached = snapshot.position;
    this.last = snapshot.lastEvent;
    return true;
  }

  /**
   * Reads the entities a restore left unread, a few milliseconds at a time with a turn of the event loop
   * between, until none is left or `stopped` says so. Meanwhile each is read when first asked for.
   */
  async readUnread(stopped: () => boolean = () => false): Promise<void> {
    for (const model of this.models.values()) {
      for (;;) {
        const until = performance.now() + READ_SLICE_MS;
        if (stopped() || !model.readSome(() => performance.now() >= until)) break;
        await turn();
      }
    }
  }

  /**
   * The models as they stand, to be written while they go on changing: only the lists of their keys and values
   * are copied, not the entities, which an event replaces and never changes (see Projection), nor those still
   * unread. Copying the lists is quick enough to do between two events; writing them out is not. Undefined
   * before any event is folded in.
   */
  frozen(): SnapshotToWrite | undefined {
    if (!this.last) return undefined;
    return {
      position: this.reached,
      lastEvent: this.last,
      projections: Object.fromEntries(
        this.projections.map((projection) => {
          const model = this.models.get(projection.name) as EntityModel<unknown>;
          return [projection.name, { version: projection.version, count: model.size, entries: entriesOf(model, [...model.keys()], [...model.heldValues()]) }];
        }),
      ),
    };
  }
}
