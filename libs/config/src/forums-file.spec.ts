import { chainFrom } from '@app/domain';
import { resolve } from 'node:path';
import { ConfigError } from './app-config';
import { loadForums, parseForums } from './forums-file';

describe('the forums file', () => {
  it('ships the default Danish forums with the chain Styregruppen → K17 → KKR Sjælland → KL Koordinationsforum', () => {
    const forums = loadForums(resolve(__dirname, '../../../config/forums.json'));
    expect(forums.map((forum) => forum.name)).toEqual(
      expect.arrayContaining(['Styregruppen', 'K17', 'KKR Sjælland', 'KL Koordinationsforum', 'Direktør- og chefforum', 'Implementeringsgruppen', 'Økonomigruppen']),
    );
    expect(chainFrom(forums, 'styregruppen').map((forum) => forum.id)).toEqual(['styregruppen', 'k17', 'kkr-sjaelland', 'kl-koordinationsforum']);
    for (const forum of forums) {
      expect(forum.members.length).toBeGreaterThan(0);
      expect(forum.members.filter((member) => member.role === 'chair')).toHaveLength(1);
    }
  });

  const forum = { id: 'styregruppen', name: 'Styregruppen', members: [{ name: 'Formand', email: 'formand@example.org', role: 'chair' }] };

  it.each([
    ['a member without a valid e-mail', { forums: [{ ...forum, members: [{ name: 'X', email: 'nope', role: 'chair' }] }] }, 'forums.0.members.0.email'],
    ['an unknown role', { forums: [{ ...forum, members: [{ name: 'X', email: 'x@example.org', role: 'boss' }] }] }, 'forums.0.members.0.role'],
    ['an id that is no slug', { forums: [{ ...forum, id: 'Styre gruppen' }] }, 'forums.0.id'],
    ['a parent that is not in the file', { forums: [{ ...forum, parentId: 'k17' }] }, 'parentId k17'],
    ['a forum listed twice', { forums: [forum, forum] }, 'listed twice'],
    ['no forums', { forums: [] }, 'forums'],
    ['aliases that are not a list', { forums: [{ ...forum, aliases: 'styregruppe' }] }, 'forums.0.aliases'],
    ['an empty alias', { forums: [{ ...forum, aliases: ['styregruppe', ' '] }] }, 'forums.0.aliases'],
    ['an alias that is not text', { forums: [{ ...forum, aliases: [17] }] }, 'forums.0.aliases'],
    [
      'a name two forums share',
      { forums: [{ ...forum, aliases: ['KKR'] }, { ...forum, id: 'kkr-sjaelland', name: 'KKR Sjælland', aliases: ['kkr'] }] },
      'the name or alias "kkr" is already used by styregruppen',
    ],
  ])('refuses %s, naming it', (_name, json, named) => {
    expect(() => parseForums(json, 'forums.json')).toThrow(ConfigError);
    expect(() => parseForums(json, 'forums.json')).toThrow(named);
  });

  it('gives every shipped forum the ways the minutes write it, and a forum without aliases an empty list', () => {
    const forums = loadForums(resolve(__dirname, '../../../config/forums.json'));
    expect(forums.find((f) => f.id === 'styregruppen')?.aliases).toEqual(['styregruppe']);
    expect(forums.find((f) => f.id === 'kkr-sjaelland')?.aliases).toEqual(['KKR']);
    expect(parseForums({ forums: [forum] }, 'forums.json')[0].aliases).toEqual([]);
  });

  it('says which file it could not read', () => {
    expect(() => loadForums('/no/such/forums.json')).toThrow(/\/no\/such\/forums\.json/);
  });
});
