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
});
