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

/** A projection whose read model also keeps its keys by group, as a chair's lists ask for one forum of years of entities. */
export interface GroupedProjection<Entity> extends Projection<Entity> {
  /** The groups an entity is listed under; none leaves it out of every group. */
  groupsOf(entity: Entity): readonly string[];
}

/** A read model with the keys of each group at hand. */
export interface GroupedReadModel<Entity> extends ReadModel<Entity> {
  /** The keys of the entities in the group, in the order they joined it. */
  keysIn(group: string): ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/** A read model's map that moves each key between groups as its entity is set and deleted. */
export class GroupedModel<Entity> extends Map<string, Entity> implements GroupedReadModel<Entity> {
  private readonly groups = new Map<string, Set<string>>();

  constructor(private readonly groupsOf: (entity: Entity) => readonly string[]) {
    super();
  }

  override set(key: string, entity: Entity): this {
    const before = super.get(key);
    const left = before === undefined ? [] : this.groupsOf(before);
    const joined = this.groupsOf(entity);
    super.set(key, entity);
    if (left.length === joined.length && left.every((group, i) => group === joined[i])) return this;
    for (const group of left) if (!joined.includes(group)) this.groups.get(group)?.delete(key);
    for (const group of joined) {
      if (left.includes(group)) continue;
      let keys = this.groups.get(group);
      if (!keys) this.groups.set(group, (keys = new Set()));
      keys.add(key);
    }
    return this;
  }

  override delete(key: string): boolean {
    const before = super.get(key);
    if (before !== undefined) for (const group of this.groupsOf(before)) this.groups.get(group)?.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.groups.clear();
    super.clear();
  }

  keysIn(group: string): ReadonlySet<string> {
    return this.groups.get(group) ?? NONE;
  }
}

/** The entities of one group, in the order they joined it. */
export function* entitiesIn<Entity>(model: GroupedReadModel<Entity>, group: string): Generator<Entity> {
  for (const key of model.keysIn(group)) {
    const entity = model.get(key);
    if (entity !== undefined) yield entity;
  }
}

const isGrouped = <Entity>(projection: Projection<Entity>): projection is GroupedProjection<Entity> => 'groupsOf' in projection;

/** An empty read model for the projection: grouped where it names groups. */
export function emptyModelOf<Entity>(projection: GroupedProjection<Entity>): GroupedModel<Entity>;
export function emptyModelOf<Entity>(projection: Projection<Entity>): Map<string, Entity>;
export function emptyModelOf<Entity>(projection: Projection<Entity>): Map<string, Entity> {
  return isGrouped(projection) ? new GroupedModel<Entity>((entity) => projection.groupsOf(entity)) : new Map<string, Entity>();
}

/** Applies one event to a read model in place; the runner owns the map, so nobody else sees it change. */
export const applyEvent = <Entity>(model: Map<string, Entity>, projection: Projection<Entity>, event: RecordedEvent): void => {
  const key = projection.keyOf(event);
  if (key === undefined) return;
  const next = projection.evolve(model.get(key), event);
  if (next === undefined) model.delete(key);
  else model.set(key, next);
};

/** Folds the events into `into`, or into an empty model of the projection (grouped where it names groups). */
export function foldEvents<Entity>(projection: Projection<Entity>, events: Iterable<RecordedEvent>): Map<string, Entity>;
export function foldEvents<Entity, Model extends Map<string, Entity>>(projection: Projection<Entity>, events: Iterable<RecordedEvent>, into: Model): Model;
export function foldEvents<Entity>(projection: Projection<Entity>, events: Iterable<RecordedEvent>, into: Map<string, Entity> = emptyModelOf(projection)): Map<string, Entity> {
  for (const event of events) applyEvent(into, projection, event);
  return into;
}

export const PROJECTIONS = Symbol('PROJECTIONS');
