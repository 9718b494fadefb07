import { directoryKey } from './directory';

describe('the spelling owners are looked up in', () => {
  it.each([
    ['Slagelse', 'Slagelse Kommune'],
    ['slagelse  kommune', 'Slagelse Kommune'],
    ['  Slagelse\tKOMMUNE ', 'Slagelse'],
    // "Køge" typed with the ø composed and with a combining stroke is one name; å likewise.
    ['Ka\u030Alund', 'Kålund'],
  ])('reads %j as %j', (written, name) => {
    expect(directoryKey(written)).toBe(directoryKey(name));
  });

  it.each([
    ['Kommunekontoret', 'kommunekontoret'],
    ['Kommune', 'kommune'],
    ['Slagelse Kommunes jobcenter', 'slagelse kommunes jobcenter'],
  ])('keeps %j, where "kommune" is no trailing word after a name', (written, key) => {
    expect(directoryKey(written)).toBe(key);
  });

  it('writes a name in lower case with single spaces', () => {
    expect(directoryKey(' Rammeaftale  Sekretariatet ')).toBe('rammeaftale sekretariatet');
  });
});
