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

/**
 * An entity as a snapshot holds it: the bytes of its JSON and the groups it is listed under. A restored read
 * model keeps it so until it is first asked for, so a restart serves before a million events' worth of entities
 * are decoded and parsed; the bytes lie outside the JavaScript heap meanwhile, where the collector never walks.
 */
export class UnreadEntity {
  constructor(
    private readonly bytes: Buffer,
    readonly groups: readonly string[],
  ) {}

  /** The entity's JSON, as the snapshot has it. */
  get json(): string {
    return this.bytes.toString('utf8');
  }

  read(): unknown {
    return JSON.parse(this.json);
  }
}

/**
 * A read model's map. Entities restored from a snapshot stay unread (their JSON) until one is asked for, by
 * key or by a walk over the map, and `readSome` reads the rest a slice at a time; whoever holds the map sees
 * only entities. Once every entity is read, walks are the plain map's own.
 */
export class EntityModel<Entity> extends Map<string, Entity> {
  private unreadKeys: string[] = [];
  private unreadCount = 0;
  private nextUnread = 0;

  /** How many entities are still held as JSON. */
  get unread(): number {
    return this.unreadCount;
  }

  /** Takes an entity from a snapshot without parsing it. */
  restoreUnread(key: string, entity: UnreadEntity): void {
    if (super.has(key)) this.delete(key);
    super.set(key, entity as Entity);
    this.unreadKeys.push(key);
    this.unreadCount += 1;
  }

  override get(key: string): Entity | undefined {
    const held = this.held(key);
    return held instanceof UnreadEntity ? this.read(key, held) : held;
  }

  override set(key: string, entity: Entity): this {
    if (this.unreadCount > 0 && this.held(key) instanceof UnreadEntity) this.unreadCount -= 1;
    return super.set(key, entity);
  }

  override delete(key: string): boolean {
    if (this.unreadCount > 0 && this.held(key) instanceof UnreadEntity) this.unreadCount -= 1;
    return super.delete(key);
  }

  override clear(): void {
    this.unreadKeys = [];
    this.unreadCount = 0;
    this.nextUnread = 0;
    super.clear();
  }

  override values(): MapIterator<Entity> {
    return this.unreadCount === 0 ? super.values() : this.walk((key) => this.get(key) as Entity);
  }

  override entries(): MapIterator<[string, Entity]> {
    return this.unreadCount === 0 ? super.entries() : this.walk((key): [string, Entity] => [key, this.get(key) as Entity]);
  }

  override [Symbol.iterator](): MapIterator<[string, Entity]> {
    return this.entries();
  }

  override forEach(callback: (entity: Entity, key: string, map: Map<string, Entity>) => void, thisArg?: unknown): void {
    for (const [key, entity] of this.entries()) callback.call(thisArg, entity, key, this);
  }

  /** Each value as it is held, an entity or an unread one, without reading any: what a snapshot writes. */
  heldValues(): MapIterator<Entity | UnreadEntity> {
    return super.values();
  }

  /** Reads unread entities, in the order they were restored, until `done` says so; false once none is left. */
  readSome(done: () => boolean): boolean {
    while (this.unreadCount > 0 && this.nextUnread < this.unreadKeys.length && !done()) {
      const key = this.unreadKeys[this.nextUnread++];
      const held = this.held(key);
      if (held instanceof UnreadEntity) this.read(key, held);
    }
    if (this.unreadCount === 0 || this.nextUnread >= this.unreadKeys.length) {
      this.unreadKeys = [];
      this.nextUnread = 0;
    }
    return this.unreadCount > 0;
  }

  /** The value as it is held: the entity, or its JSON while unread. */
  protected held(key: string): Entity | UnreadEntity | undefined {
    return super.get(key);
  }

  private read(key: string, held: UnreadEntity): Entity {
    const entity = held.read() as Entity;
    super.set(key, entity);
    this.unreadCount -= 1;
    return entity;
  }

  private *walk<T>(make: (key: string) => T): MapIterator<T> {
    for (const key of super.keys()) yield make(key);
  }
}

/** A read model's map that moves each key between groups as its entity is set and deleted. */
export class GroupedModel<Entity> extends EntityModel<Entity> implements GroupedReadModel<Entity> {
  private readonly groups = new Map<string, Set<string>>();

  constructor(private readonly groupsOf: (entity: Entity) => readonly string[]) {
    super();
  }

  override restoreUnread(key: string, entity: UnreadEntity): void {
    super.restoreUnread(key, entity);
    this.join(key, entity.groups, []);
  }

  override set(key: string, entity: Entity): this {
    // The groups it leaves are read from what is held: an unread entity about to be replaced need not be parsed.
    const before = this.held(key);
    const left = before === undefined ? [] : this.groupsHeld(before);
    const joined = this.groupsOf(entity);
    super.set(key, entity);
    if (left.length === joined.length && left.every((group, i) => group === joined[i])) return this;
    for (const group of left) if (!joined.includes(group)) this.groups.get(group)?.delete(key);
    this.join(key, joined, left);
    return this;
  }

  override delete(key: string): boolean {
    const before = this.held(key);
    if (before !== undefined) for (const group of this.groupsHeld(before)) this.groups.get(group)?.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.groups.clear();
    super.clear();
  }

  keysIn(group: string): ReadonlySet<string> {
    return this.groups.get(group) ?? NONE;
  }

  /** The groups an entity is listed under, for writing it; an unread one says them itself. */
  groupsHeld(held: Entity | UnreadEntity): readonly string[] {
    return held instanceof UnreadEntity ? held.groups : this.groupsOf(held);
  }

  private join(key: string, joined: readonly string[], left: readonly string[]): void {
    for (const group of joined) {
      if (left.includes(group)) continue;
      let keys = this.groups.get(group);
      if (!keys) this.groups.set(group, (keys = new Set()));
      keys.add(key);
    }
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
export function emptyModelOf<Entity>(projection: Projection<Entity>): EntityModel<Entity>;
export function emptyModelOf<Entity>(projection: Projection<Entity>): EntityModel<Entity> {
  return isGrouped(projection) ? new GroupedModel<Entity>((entity) => projection.groupsOf(entity)) : new EntityModel<Entity>();
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
