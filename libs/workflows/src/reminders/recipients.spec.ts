import { loadDirectory } from '@app/config';
import { DirectoryEntry } from '@app/domain';
import { resolve } from 'node:path';
import { resolveOwners, secretariatOf } from './recipients';

describe('resolving follow-up owners to recipients', () => {
  const directory: DirectoryEntry[] = [
    { name: 'Rammeaftalesekretariatet', email: 'sekretariat@rammeaftale.example', aliases: ['Sekretariatet'], secretariat: true },
    { name: 'Slagelse Kommune', email: 'rammeaftale@slagelse.example', aliases: [] },
    { name: 'Næstved Kommune', email: 'rammeaftale@naestved.example', aliases: [] },
    { name: 'Peter Lind', email: 'peter.lind@slagelse.example', aliases: [], organisation: 'Slagelse Kommune' },
  ];
  const secretariat = { name: 'Rammeaftalesekretariatet', email: 'sekretariat@rammeaftale.example' };
  const slagelse = { name: 'Slagelse Kommune', email: 'rammeaftale@slagelse.example' };

  it('sends "Sekretariatet", as the import writes it, to the secretariat', () => {
    expect(resolveOwners([{ name: 'Sekretariatet' }], directory)).toEqual({ recipients: [secretariat], unreachable: [] });
  });

  it('sends "Slagelse og sekretariatet", which the import splits into two owners, to both', () => {
    const owners = [{ name: 'Slagelse Kommune', organisation: 'Slagelse Kommune' }, { name: 'Sekretariatet' }];
    expect(resolveOwners(owners, directory)).toEqual({ recipients: [slagelse, secretariat], unreachable: [] });
  });

  it('finds a name in any case and spacing, with or without "Kommune"', () => {
    for (const name of ['Slagelse', 'slagelse  kommune', ' SLAGELSE KOMMUNE ', 'Slagelse\tKommune']) {
      expect(resolveOwners([{ name }], directory).recipients).toEqual([slagelse]);
    }
    expect(resolveOwners([{ name: 'sekretariatet' }, { name: 'RAMMEAFTALESEKRETARIATET' }], directory).recipients).toEqual([secretariat]);
  });

  it("prefers an owner's own address to the directory", () => {
    const owner = { name: 'Slagelse Kommune', email: 'socialchef@slagelse.example' };
    expect(resolveOwners([owner], directory).recipients).toEqual([{ name: 'Slagelse Kommune', email: 'socialchef@slagelse.example' }]);
  });

  it('falls back on the organisation of a person the directory does not know', () => {
    expect(resolveOwners([{ name: 'Mette Berg', organisation: 'Næstved' }], directory).recipients).toEqual([
      { name: 'Næstved Kommune', email: 'rammeaftale@naestved.example' },
    ]);
  });

  it('takes the person before the organisation where the directory knows both', () => {
    expect(resolveOwners([{ name: 'Peter Lind', organisation: 'Slagelse Kommune' }], directory).recipients).toEqual([
      { name: 'Peter Lind', email: 'peter.lind@slagelse.example' },
    ]);
  });

  it('sends one mail per address, however many owners share it', () => {
    const owners = [{ name: 'Sekretariatet' }, { name: 'Slagelse' }, { name: 'Rammeaftalesekretariatet' }, { name: 'X', email: 'SEKRETARIAT@rammeaftale.example' }];
    expect(resolveOwners(owners, directory).recipients).toEqual([secretariat, slagelse]);
  });

  it('lists an owner found nowhere by name, beside those that were found', () => {
    const owners = [{ name: 'Socialstyrelsen' }, { name: 'Sekretariatet' }, { name: 'KKR-formandskabet' }, { name: 'Mette Berg', organisation: 'Ukendt Kommune' }];
    expect(resolveOwners(owners, directory)).toEqual({ recipients: [secretariat], unreachable: ['Socialstyrelsen', 'KKR-formandskabet', 'Mette Berg'] });
  });

  it('names the secretariat as the fallback recipient', () => {
    expect(secretariatOf(directory)).toEqual(secretariat);
  });

  it('reaches, with the shipped directory, the owners the real minutes name, except those outside the directory', () => {
    const shipped = loadDirectory(resolve(__dirname, '../../../../config/directory.json'));
    const owners = [{ name: 'Sekretariatet' }, { name: 'Slagelse Kommune', organisation: 'Slagelse Kommune' }, { name: 'KKR-formandskabet' }, { name: 'Socialstyrelsen' }];
    expect(resolveOwners(owners, shipped)).toEqual({
      recipients: [
        { name: 'Rammeaftalesekretariatet', email: 'sekretariat@rammeaftale.example' },
        { name: 'Slagelse Kommune', email: 'rammeaftale@slagelse.example' },
      ],
      unreachable: ['KKR-formandskabet', 'Socialstyrelsen'],
    });
    expect(secretariatOf(shipped).name).toBe('Rammeaftalesekretariatet');
  });
});
