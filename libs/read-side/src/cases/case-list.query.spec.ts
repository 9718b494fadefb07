import { caseDecided, caseProposed, caseScheduled, meetingScheduled, readModels } from '../testing/read-side.testing';
import { listCases } from './case-list.query';

const ageing = { postponements: 2, days: 90, today: '2025-06-01' };
const meeting = { meetingId: 'styregruppen-2025-05-02', startsAt: '2025-05-02T09:00:00+02:00' };
const before = [
  meetingScheduled(meeting.meetingId, 'styregruppen', meeting.startsAt),
  caseProposed('takstanalyse', 'styregruppen', { title: 'Takstanalyse for Botilbud' }),
  caseScheduled('takstanalyse', 'styregruppen', meeting.meetingId, meeting.startsAt),
  caseProposed('plejefamilier', 'styregruppen', { title: 'Rekruttering af plejefamilier' }),
];
const search = (events: Parameters<typeof readModels>[0], q: string): string[] => listCases(readModels(events).cases, { q, ageing, limit: 10 }).items.map((item) => item.id);

describe('case list search', () => {
  it('given words in any case, then it finds the cases whose title has them all', () => {
    expect(search(before, 'BOTILBUD takst')).toEqual(['takstanalyse']);
    expect(search(before, 'botilbud plejefamilier')).toEqual([]);
  });

  it('given a case searched before its decision was recorded, then a search after finds it by the decision’s words', () => {
    expect(search(before, 'økonomiske ramme')).toEqual([]);
    const decided = caseDecided('takstanalyse', 'styregruppen', meeting.meetingId, '2025-05-02T10:00:00+02:00', { text: 'Styregruppen godkendte den Økonomiske ramme' });
    expect(search([...before, decided], 'økonomiske ramme')).toEqual(['takstanalyse']);
  });

  it('given a standing item, then the list leaves it out unless asked for, and marks it when it lists it', () => {
    const agenda = caseProposed('styregruppen-2025-05-02-punkt-1', 'styregruppen', { title: 'Godkendelse af dagsorden for Botilbud', standing: true });
    const cases = readModels([...before, agenda]).cases;
    const listed = (includeStanding?: boolean) => listCases(cases, { q: 'botilbud', ageing, limit: 10, includeStanding }).items.map((item) => [item.id, item.standing]);
    expect(listed()).toEqual([['takstanalyse', false]]);
    expect(listed(false)).toEqual([['takstanalyse', false]]);
    expect(listed(true)).toEqual([
      ['styregruppen-2025-05-02-punkt-1', true],
      ['takstanalyse', false],
    ]);
  });
});
