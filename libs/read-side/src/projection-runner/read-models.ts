import { EventStore, RecordedEvent } from '@app/event-store';
import { applyEvent, Projection, ReadModel } from './projection';
import { ReadModelSnapshot, SnapshotEvent } from './read-model-snapshot';

const CATCH_UP_PAGE = 1000;

/**
 * The read models of a set of projections, held in memory and folded one event at a time in log order. The
 * API's projection runner keeps one; the worker keeps its own for what its process managers look at.
 */
export class ReadModels {
  private readonly models = new Map<string, Map<string, unknown>>();
  private reached = 0;
  private last?: SnapshotEvent;
  private count = 0;

  constructor(readonly projections: readonly Projection<unknown>[]) {
    for (const projection of projections) this.models.set(projection.name, new Map());
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

  model<Entity>(projection: Projection<Entity>): ReadModel<Entity> {
    return this.models.get(projection.name) as ReadModel<Entity>;
  }

  /** Folds the event into every model; one already folded in (a redelivery) changes nothing. */
  apply(event: RecordedEvent): void {
    if (event.position <= this.reached) return;
    for (const projection of this.projections) applyEvent(this.models.get(projection.name) as Map<string, unknown>, projection, event);
    this.reached = event.position;
    this.last = { id: event.id, streamId: event.streamId, revision: event.revision };
    this.count += 1;
  }

  /**
   * Reads the log in pages and folds it up to `upTo` and no further: handing a million events over one
   * awaited event at a time cost more than the projections themselves.
   */
  async catchUp(store: EventStore, upTo: number): Promise<void> {
    while (this.reached < upTo) {
      const page = await store.readAll({ after: this.reached, maxCount: CATCH_UP_PAGE });
      if (page.length === 0) return;
      for (const event of page) {
        if (event.position > upTo) return;
        this.apply(event);
      }
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
    for (const projection of this.projections) this.models.set(projection.name, new Map(snapshot.projections[projection.name].entries));
    this.reached = snapshot.position;
    this.last = snapshot.lastEvent;
    return true;
  }

  /** The models as they stand, or undefined before any event is folded in: there is nothing to save then. */
  snapshot(): ReadModelSnapshot | undefined {
    if (!this.last) return undefined;
    return {
      position: this.reached,
      lastEvent: this.last,
      projections: Object.fromEntries(
        this.projections.map((projection) => [projection.name, { version: projection.version, entries: [...(this.models.get(projection.name) ?? [])] }]),
      ),
    };
  }
}
