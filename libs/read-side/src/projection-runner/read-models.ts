import { EventStore, RecordedEvent } from '@app/event-store';
import { applyEvent, Projection, ReadModel } from './projection';
import { ReadModelSnapshot } from './read-model-snapshot';

const CATCH_UP_PAGE = 1000;

/**
 * The read models of a set of projections, held in memory and folded one event at a time in log order. The
 * API's projection runner keeps one; the worker keeps its own for what its process managers look at.
 */
export class ReadModels {
  private readonly models = new Map<string, Map<string, unknown>>();
  private reached = 0;
  private reachedEventId = '';

  constructor(readonly projections: readonly Projection<unknown>[]) {
    for (const projection of projections) this.models.set(projection.name, new Map());
  }

  /** Position of the last event folded in; 0 before any. */
  get position(): number {
    return this.reached;
  }

  model<Entity>(projection: Projection<Entity>): ReadModel<Entity> {
    return this.models.get(projection.name) as ReadModel<Entity>;
  }

  /** Folds the event into every model; one already folded in (a redelivery) changes nothing. */
  apply(event: RecordedEvent): void {
    if (event.position <= this.reached) return;
    for (const projection of this.projections) applyEvent(this.models.get(projection.name) as Map<string, unknown>, projection, event);
    this.reached = event.position;
    this.reachedEventId = event.id;
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
   * and the event at its position the one it names, so a snapshot of another log is not used.
   */
  async restore(store: EventStore, snapshot: ReadModelSnapshot): Promise<boolean> {
    const current = this.projections.every((projection) => snapshot.projections[projection.name]?.version === projection.version);
    if (!current) return false;
    const [atPosition] = await store.readAll({ after: snapshot.position - 1, maxCount: 1 });
    if (atPosition?.position !== snapshot.position || atPosition.id !== snapshot.lastEventId) return false;
    for (const projection of this.projections) this.models.set(projection.name, new Map(snapshot.projections[projection.name].entries));
    this.reached = snapshot.position;
    this.reachedEventId = snapshot.lastEventId;
    return true;
  }

  snapshot(): ReadModelSnapshot {
    return {
      position: this.reached,
      lastEventId: this.reachedEventId,
      projections: Object.fromEntries(
        this.projections.map((projection) => [projection.name, { version: projection.version, entries: [...(this.models.get(projection.name) ?? [])] }]),
      ),
    };
  }
}
