import { resolve } from 'node:path';
import { ConfigError } from './app-config';
import { loadDirectory, parseDirectory } from './directory-file';

describe('the directory file', () => {
  const shipped = () => loadDirectory(resolve(__dirname, '../../../config/directory.json'));

  it('ships the secretariat, the region and the municipalities of Region Sjælland with placeholder addresses', () => {
    const directory = shipped();
    expect(directory.filter((entry) => entry.secretariat)).toEqual([
      expect.objectContaining({ name: 'Rammeaftalesekretariatet', aliases: expect.arrayContaining(['Sekretariatet']) }),
    ]);
    expect(directory.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['Region Sjælland', 'Slagelse Kommune', 'Næstved Kommune', 'Holbæk Kommune', 'Køge Kommune', 'Greve Kommune']),
    );
    for (const entry of directory) expect(entry.email).toMatch(/\.example$/);
  });

  const secretariat = { name: 'Rammeaftalesekretariatet', email: 'sekretariat@rammeaftale.example', aliases: ['Sekretariatet'], secretariat: true };
  const slagelse = { name: 'Slagelse Kommune', email: 'rammeaftale@slagelse.example' };

  it('gives an entry without aliases an empty list', () => {
    expect(parseDirectory({ entries: [secretariat, slagelse] }, 'directory.json')[1]).toEqual({ ...slagelse, aliases: [] });
  });

  it.each([
    ['an entry without a valid e-mail', { entries: [secretariat, { ...slagelse, email: 'slagelse' }] }, 'entries.1.email'],
    ['an entry without a name', { entries: [secretariat, { email: 'x@example.org' }] }, 'entries.1.name'],
    ['aliases that are not a list', { entries: [secretariat, { ...slagelse, aliases: 'Slagelse' }] }, 'entries.1.aliases'],
    ['an empty alias', { entries: [secretariat, { ...slagelse, aliases: [' '] }] }, 'entries.1.aliases'],
    ['secretariat given as anything but true', { entries: [secretariat, { ...slagelse, secretariat: 'yes' }] }, 'entries.1.secretariat'],
    ['no entries', { entries: [] }, 'entries'],
    ['no secretariat', { entries: [slagelse] }, 'no entry is the secretariat'],
    ['two secretariats', { entries: [secretariat, { ...slagelse, secretariat: true }] }, 'exactly one entry may be the secretariat, not 2'],
    [
      'a name two entries share, in another spelling',
      { entries: [secretariat, slagelse, { name: 'Slagelse', email: 'other@slagelse.example' }] },
      'entries.2 (Slagelse): the name or alias "slagelse" is already used by entries.1 (Slagelse Kommune)',
    ],
  ])('refuses %s, naming it', (_name, json, named) => {
    expect(() => parseDirectory(json, 'directory.json')).toThrow(ConfigError);
    expect(() => parseDirectory(json, 'directory.json')).toThrow(named);
  });

  it('names every problem at once', () => {
    const json = { entries: [{ ...slagelse, email: 'nope' }, { name: '', email: 'x@example.org' }] };
    expect(() => parseDirectory(json, 'directory.json')).toThrow(/entries\.0\.email[\s\S]*entries\.1\.name/);
  });

  it('says which file it could not read', () => {
    expect(() => loadDirectory('/no/such/directory.json')).toThrow(/\/no\/such\/directory\.json/);
  });
});
