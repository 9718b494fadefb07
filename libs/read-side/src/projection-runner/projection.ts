import { RecordedEvent } from '@app/event-store';

/**
 * A read model is a map of entities (one per meeting, case or follow-up), each a pure fold of the events
 * that concern it. Keying by entity keeps each update small however long the log grows, and `evolve` must
 * give the same entity when handed an event it has already seen, because the store delivers at least once.
 */
export interface Projection<Entity> {
  readonly name: string;
  /** Bump when `evolve` changes meaning, so the read model is rebuilt from the whole log. */
  readonly version: number;
  /** The entity an event updates, or undefined when this read model ignores the event. */
  keyOf(event: RecordedEvent): string | undefined;
  /**
   * The entity after the event; undefined removes it. A changed entity is a new object, never the one handed in
   * changed: a snapshot being written holds on to the entities as they were when it was taken.
   */
  evolve(entity: Entity | undefined, event: RecordedEvent): Entity | undefined;
}

export type ReadModel<Entity> = ReadonlyMap<string, Entity>;

/** Applies one event to a read model in place; the runner owns the map, so nobody else sees it change. */
export const applyEvent = <Entity>(model: Map<string, Entity>, projection: Projection<Entity>, event: RecordedEvent): void => {
  const key = projection.keyOf(event);
  if (key === undefined) return;
  const next = projection.evolve(model.get(key), event);
  if (next === undefined) model.delete(key);
  else model.set(key, next);
};

export const foldEvents = <Entity>(projection: Projection<Entity>, events: Iterable<RecordedEvent>, into = new Map<string, Entity>()): Map<string, Entity> => {
  for (const event of events) applyEvent(into, projection, event);
  return into;
};

export const PROJECTIONS = Symbol('PROJECTIONS');
