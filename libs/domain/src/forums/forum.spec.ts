import { chainFrom, Forum } from './forum';

const styregruppen: Forum = {
  id: 'styregruppen',
  name: 'Styregruppen for Rammeaftale Sjælland',
  parentId: 'k17',
  members: [
    { name: 'Formand for styregruppen', email: 'formand@styregruppen.example', role: 'chair', organisation: 'Holbæk Kommune' },
    { name: 'Rammeaftalesekretariatet', email: 'rammeaftale@sekretariat.example', role: 'secretary' },
  ],
};
const k17: Forum = { id: 'k17', name: 'K17', parentId: 'kkr-sjaelland', members: [] };
const kkr: Forum = { id: 'kkr-sjaelland', name: 'KKR Sjælland', parentId: 'kl-koordinationsforum', members: [] };
const koordinationsforum: Forum = { id: 'kl-koordinationsforum', name: 'KL Koordinationsforum', members: [] };
const oekonomigruppen: Forum = { id: 'oekonomigruppen', name: 'Økonomigruppen', parentId: 'styregruppen', members: [] };

/** Listed out of order on purpose: the chain follows parents, not the list. */
const forums: Forum[] = [koordinationsforum, k17, oekonomigruppen, kkr, styregruppen];

const ids = (chain: Forum[]): string[] => chain.map((forum) => forum.id);

describe('chainFrom', () => {
  it('climbs from Styregruppen through K17 and KKR Sjælland to KL Koordinationsforum', () => {
    expect(chainFrom(forums, 'styregruppen')).toEqual([styregruppen, k17, kkr, koordinationsforum]);
  });

  it('starts where it is asked to: from K17 it skips Styregruppen', () => {
    expect(ids(chainFrom(forums, 'k17'))).toEqual(['k17', 'kkr-sjaelland', 'kl-koordinationsforum']);
  });

  it('is the forum alone at the top of the chain', () => {
    expect(ids(chainFrom(forums, 'kl-koordinationsforum'))).toEqual(['kl-koordinationsforum']);
  });

  it('takes a forum below Styregruppen all the way up', () => {
    expect(ids(chainFrom(forums, 'oekonomigruppen'))).toEqual(['oekonomigruppen', 'styregruppen', 'k17', 'kkr-sjaelland', 'kl-koordinationsforum']);
  });

  it('is empty for an unknown forum', () => {
    expect(chainFrom(forums, 'implementeringsgruppen')).toEqual([]);
  });

  it('ends at a parent that is not configured', () => {
    const withoutKl = [styregruppen, k17, kkr];
    expect(ids(chainFrom(withoutKl, 'styregruppen'))).toEqual(['styregruppen', 'k17', 'kkr-sjaelland']);
  });

  it('stops at a cycle instead of hanging, each forum once', () => {
    const kkrBackToStyregruppen = [styregruppen, k17, { ...kkr, parentId: 'styregruppen' }, koordinationsforum];
    expect(ids(chainFrom(kkrBackToStyregruppen, 'k17'))).toEqual(['k17', 'kkr-sjaelland', 'styregruppen']);
  });

  it('stops at a forum that is its own parent', () => {
    expect(ids(chainFrom([{ ...k17, parentId: 'k17' }], 'k17'))).toEqual(['k17']);
  });
});
