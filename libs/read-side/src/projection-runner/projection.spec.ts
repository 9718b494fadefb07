import { emptyModelOf, EntityModel, entitiesIn, GroupedModel, GroupedProjection, Projection, UnreadEntity } from './projection';

interface Task {
  id: string;
  forums: string[];
}

const tasks: GroupedProjection<Task> = {
  name: 'tasks',
  version: 1,
  keyOf: () => undefined,
  evolve: (entity) => entity,
  groupsOf: (task) => task.forums,
};

describe('a grouped read model', () => {
  const keysOf = (model: GroupedModel<Task>, group: string) => [...model.keysIn(group)];

  it('given entities set, changed and deleted, then each group holds the keys of the entities in it now, in the order they joined', () => {
    const model = emptyModelOf(tasks);
    model.set('a', { id: 'a', forums: ['k17'] });
    model.set('b', { id: 'b', forums: ['k17', 'kkr'] });
    model.set('c', { id: 'c', forums: ['styregruppen'] });
    model.set('a', { id: 'a', forums: ['k17'] });
    expect([keysOf(model, 'k17'), keysOf(model, 'kkr'), keysOf(model, 'styregruppen')]).toEqual([['a', 'b'], ['b'], ['c']]);

    model.set('b', { id: 'b', forums: ['kkr', 'styregruppen'] });
    model.set('a', { id: 'a', forums: [] });
    expect([keysOf(model, 'k17'), keysOf(model, 'kkr'), keysOf(model, 'styregruppen')]).toEqual([[], ['b'], ['c', 'b']]);

    model.delete('c');
    model.delete('nothing');
    expect([keysOf(model, 'kkr'), keysOf(model, 'styregruppen'), keysOf(model, 'unknown')]).toEqual([['b'], ['b'], []]);
    expect([...entitiesIn(model, 'styregruppen')]).toEqual([{ id: 'b', forums: ['kkr', 'styregruppen'] }]);
    expect([...model.keys()]).toEqual(['a', 'b']);

    model.clear();
    expect([keysOf(model, 'kkr'), model.size]).toEqual([[], 0]);
  });

  it('is what a projection that names groups gets; one that names none gets a plain map', () => {
    const { groupsOf: _groupsOf, ...ungrouped } = tasks;
    expect(emptyModelOf(tasks)).toBeInstanceOf(GroupedModel);
    expect(emptyModelOf(ungrouped as Projection<Task>)).not.toBeInstanceOf(GroupedModel);
  });
});

describe('a read model restored with its entities unread', () => {
  const unread = (task: Task) => new UnreadEntity(Buffer.from(JSON.stringify(task)), task.forums);
  const restored = () => {
    const model = emptyModelOf(tasks) as GroupedModel<Task>;
    model.restoreUnread('a', unread({ id: 'a', forums: ['k17'] }));
    model.restoreUnread('b', unread({ id: 'b', forums: ['k17', 'kkr'] }));
    model.restoreUnread('c', unread({ id: 'c', forums: [] }));
    return model;
  };

  it('given nothing asked yet, then it lists its keys by group from the snapshot, and holds every entity as JSON', () => {
    const model = restored();
    expect([model.size, model.unread, [...model.keysIn('k17')], [...model.keysIn('kkr')]]).toEqual([3, 3, ['a', 'b'], ['b']]);
    expect([...model.heldValues()].every((held) => held instanceof UnreadEntity)).toBe(true);
  });

  it('gives entities, never JSON, whether asked by key, by group or by a walk of any kind, and parses each once', () => {
    const model = restored();
    const b = model.get('b');
    expect(b).toEqual({ id: 'b', forums: ['k17', 'kkr'] });
    expect(model.get('b')).toBe(b);
    expect(model.unread).toBe(2);
    expect([...entitiesIn(model, 'k17')]).toEqual([{ id: 'a', forums: ['k17'] }, b]);
    expect(model.unread).toBe(1);
    const walks = [[...model.values()], [...model.entries()].map(([, task]) => task), [...model].map(([, task]) => task), Array.from(model.values())];
    const each: Task[] = [];
    model.forEach((task) => each.push(task));
    for (const walk of [...walks, each]) expect(walk).toEqual([{ id: 'a', forums: ['k17'] }, b, { id: 'c', forums: [] }]);
    expect(model.unread).toBe(0);
    expect([...model.heldValues()].some((held) => held instanceof UnreadEntity)).toBe(false);
  });

  it('given an unread entity set anew or deleted, then its groups follow, and it is no longer counted as unread', () => {
    const model = restored();
    model.set('b', { id: 'b', forums: ['styregruppen'] });
    model.delete('a');
    expect([[...model.keysIn('k17')], [...model.keysIn('kkr')], [...model.keysIn('styregruppen')], model.unread]).toEqual([[], [], ['b'], 1]);
    model.restoreUnread('c', unread({ id: 'c', forums: ['kkr'] }));
    expect([[...model.keysIn('kkr')], model.unread, model.get('c')]).toEqual([['c'], 1, { id: 'c', forums: ['kkr'] }]);
    model.clear();
    expect([model.size, model.unread, [...model.keysIn('kkr')]]).toEqual([0, 0, []]);
  });

  it('reads the rest a slice at a time, in the order restored, until none is left', () => {
    const model = new EntityModel<Task>();
    for (const id of ['a', 'b', 'c', 'd', 'e']) model.restoreUnread(id, unread({ id, forums: [] }));
    model.get('b');
    let asked = 0;
    expect(model.readSome(() => ++asked > 2)).toBe(true);
    expect([...model.heldValues()].map((held) => held instanceof UnreadEntity)).toEqual([false, false, true, true, true]);
    expect(model.readSome(() => false)).toBe(false);
    expect([model.unread, model.readSome(() => false)]).toEqual([0, false]);
  });
});
