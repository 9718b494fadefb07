/**
 * A timestamp of an entity, parsed the first time it is asked for and remembered for that object: an entity is
 * a new object whenever it changes (see Projection), so what is remembered never goes stale.
 */
export const parsedOnce = <Entity extends object>(timestampOf: (entity: Entity) => string): ((entity: Entity) => number) => {
  const parsed = new WeakMap<Entity, number>();
  return (entity) => {
    let time = parsed.get(entity);
    if (time === undefined) parsed.set(entity, (time = Date.parse(timestampOf(entity))));
    return time;
  };
};
