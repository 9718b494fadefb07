import { emptyModelOf, entitiesIn, GroupedModel, GroupedProjection, Projection } from './projection';

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
