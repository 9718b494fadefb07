import { standingFamily } from './standing-items';

/** Every row of the table of standing items, and the matters that begin like one but are not. */
describe('standing items, known by their titles', () => {
  it.each([
    ['Godkendelse af dagsorden', 'approval'],
    ['Godkendelse af dagsorden.', 'approval'],
    ['Godkendelse af referat', 'approval'],
    ['Godkendelse af referatet fra sidste møde', 'approval'],
    ['Godkendelse af dagsorden og referat fra mødet 12/5', 'approval'],
    ['Godkendelse af referat fra mødet 4. september', 'approval'],
    ['Referat fra sidste møde', 'approval'],
    ['Nyt fra K17 og KKR', 'news'],
    ['Nyt fra Styregruppen og Sekretariatet', 'news'],
    ['Nyt fra formandskabet', 'news'],
    ['Orientering fra K17, KKR og Økonomigruppen', 'news'],
    ['Meddelelser fra sekretariatet', 'news'],
    ['Gensidig orientering', 'news'],
    ['Korte orienteringspunkter', 'news'],
    ['Evt.', 'any-other-business'],
    ['Eventuelt', 'any-other-business'],
    ['Evt. og næste møde', 'any-other-business'],
    ['Næste møde', 'next-meeting'],
    ['Næste møde 12/12', 'next-meeting'],
    ['Mødekalender 2026', 'next-meeting'],
    ['Kort status på arbejdet med fokusområderne i rammeaftale 2025-2026', 'focus-area-status'],
    ['Status rammeaftale 2025-2026 pr. september 2025', 'focus-area-status'],
    ['Status på udviklingsstrategien', 'focus-area-status'],
    ['Status på fokusområderne (udsat fra 12/5)', 'focus-area-status'],
  ])('"%s" is a standing item (%s)', (title, family) => {
    expect(standingFamily(title)).toBe(family);
  });

  it.each([
    'Godkendelse af kommissorium for arbejdsgruppen',
    'Status på den nationale koordinationsstruktur',
    'Status for CU udsatte gravide med skadeligt rusmiddelforbrug',
    'Orientering fra Socialstyrelsen om den centrale udmelding',
    'Orientering om den centrale udmelding for borgere med svære spiseforstyrrelser',
    'Nyt fra KL om takstloftet for 2026',
    'Kvalitet i samarbejdet mellem kommuner og forsorgshjem (udsat fra 2/5)',
    'Styringsaftale 2020 – tidsplan og proces',
    'Opfølgning på møde mellem styregruppen og implementeringsgruppen 2/5',
    'Eventuelle ændringer i takstmodellen',
    '',
  ])('"%s" is a matter', (title) => {
    expect(standingFamily(title)).toBeUndefined();
  });
});
