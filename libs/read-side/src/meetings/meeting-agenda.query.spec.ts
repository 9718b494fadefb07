import { foldEvents } from '../projection-runner/projection';
import { caseDecided, caseForwarded, casePostponed, caseProposed, caseScheduled, caseWithdrawn, foldReadModels, meetingCancelled, meetingScheduled, readModels, recorder } from '../testing/read-side.testing';
import { meetingCasesProjection } from './meeting-cases.projection';
import { agendaSizes, meetingAgenda } from './meeting-agenda.query';

const may = { meetingId: 'styregruppen-2025-05-02', startsAt: '2025-05-02T09:00:00+02:00' };
const august = { meetingId: 'styregruppen-2025-08-08', startsAt: '2025-08-08T11:00:00+02:00' };
const september = { meetingId: 'styregruppen-2025-09-19', startsAt: '2025-09-19T12:00:00+02:00' };

/** Styregruppen's 8/8 agenda as it came about, plus cases that must not be on it. */
const augustAgenda = () =>
  readModels([
    meetingScheduled(may.meetingId, 'styregruppen', may.startsAt),
    meetingScheduled(august.meetingId, 'styregruppen', august.startsAt, { place: 'Regionshuset, Sorø' }),
    meetingScheduled(september.meetingId, 'styregruppen', september.startsAt),
    meetingScheduled('k17-2025-08-22', 'k17', '2025-08-22T09:00:00+02:00'),
    // Put on 8/8 early.
    caseProposed('dialog-socialtilsyn', 'styregruppen', { title: 'Dialog med Socialtilsyn Øst', kind: 'discussion' }),
    caseScheduled('dialog-socialtilsyn', 'styregruppen', august.meetingId, august.startsAt),
    // On 2/5 and postponed there to the named 8/8 meeting ("udsat fra 2/5").
    caseProposed('forsorgshjem', 'styregruppen', { title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem' }),
    caseScheduled('forsorgshjem', 'styregruppen', may.meetingId, may.startsAt),
    casePostponed('forsorgshjem', 'styregruppen', may.meetingId, '2025-05-02T09:10:00+02:00', { to: august }),
    // Put on 8/8 after that, and noted at the meeting.
    caseProposed('socialtilsyn-aarsrapport', 'styregruppen', { title: 'Socialtilsyn Østs årsrapport 2024', kind: 'information' }),
    caseScheduled('socialtilsyn-aarsrapport', 'styregruppen', august.meetingId, august.startsAt),
    caseDecided('socialtilsyn-aarsrapport', 'styregruppen', august.meetingId, '2025-08-08T11:45:00+02:00', { outcome: 'noted', text: 'Styregruppen tog orienteringen til efterretning' }),
    // Postponed on 2/5 to "the next meeting" and put on 8/8 when that was clear.
    caseProposed('takstanalyse', 'styregruppen', { title: 'Takstanalyse 2026' }),
    caseScheduled('takstanalyse', 'styregruppen', may.meetingId, may.startsAt),
    casePostponed('takstanalyse', 'styregruppen', may.meetingId, '2025-05-02T09:10:00+02:00'),
    caseScheduled('takstanalyse', 'styregruppen', august.meetingId, august.startsAt),
    // Was on 8/8, moved on to 19/9 before the meeting: no longer on 8/8.
    caseProposed('oekonomigruppen', 'styregruppen', { title: 'Status fra Økonomigruppen', kind: 'information' }),
    caseScheduled('oekonomigruppen', 'styregruppen', august.meetingId, august.startsAt),
    casePostponed('oekonomigruppen', 'styregruppen', august.meetingId, '2025-05-02T09:10:00+02:00', { to: september }),
    // Proposed for Styregruppen but not put on any meeting.
    caseProposed('plejefamilier', 'styregruppen', { title: 'Rekruttering af plejefamilier' }),
    // On K17's meeting, not Styregruppen's.
    caseProposed('k17-sag', 'k17', { title: 'K17s egen sag' }),
    caseScheduled('k17-sag', 'k17', 'k17-2025-08-22', '2025-08-22T09:00:00+02:00'),
  ]);

describe('meeting agenda', () => {
  it('given Styregruppen’s 8/8 meeting, then its cases are numbered in the order they were put on it, carried-over ones marked', () => {
    const { cases, meetings } = augustAgenda();
    const agenda = meetingAgenda(cases, meetings, august.meetingId);
    expect(agenda?.meeting).toEqual(meetings.get(august.meetingId));
    expect(agenda?.items).toEqual([
      { number: 1, caseId: 'dialog-socialtilsyn', title: 'Dialog med Socialtilsyn Øst', kind: 'discussion', purpose: 'decision', state: 'scheduled', carriedOverFrom: undefined, fromForumId: undefined },
      {
        number: 2,
        caseId: 'forsorgshjem',
        title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem',
        kind: 'decision',
        purpose: 'decision',
        state: 'scheduled',
        carriedOverFrom: may.meetingId,
        fromForumId: undefined,
      },
      { number: 3, caseId: 'socialtilsyn-aarsrapport', title: 'Socialtilsyn Østs årsrapport 2024', kind: 'information', purpose: 'decision', state: 'decided', carriedOverFrom: undefined, fromForumId: undefined },
      { number: 4, caseId: 'takstanalyse', title: 'Takstanalyse 2026', kind: 'decision', purpose: 'decision', state: 'scheduled', carriedOverFrom: may.meetingId, fromForumId: undefined },
    ]);
  });

  it('given a case moved from 8/8 to 19/9, then it is on 19/9’s agenda, carried over from 8/8', () => {
    const { cases, meetings } = augustAgenda();
    expect(meetingAgenda(cases, meetings, september.meetingId)?.items).toEqual([
      { number: 1, caseId: 'oekonomigruppen', title: 'Status fra Økonomigruppen', kind: 'information', purpose: 'decision', state: 'scheduled', carriedOverFrom: august.meetingId, fromForumId: undefined },
    ]);
  });

  it('given a case sent on to K17 for information and a K17 meeting cancelled, then K17’s agenda shows where each came from', () => {
    const { cases, meetings } = readModels([
      meetingScheduled(august.meetingId, 'styregruppen', august.startsAt),
      meetingScheduled('k17-2025-10-03', 'k17', '2025-10-03T09:00:00+02:00'),
      meetingScheduled('k17-2025-12-05', 'k17', '2025-12-05T09:00:00+01:00'),
      caseProposed('botilbud', 'k17', { title: 'Kapacitet på botilbud', kind: 'discussion' }),
      caseScheduled('botilbud', 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00'),
      caseProposed('socialtilsyn-aarsrapport', 'styregruppen', { title: 'Socialtilsyn Østs årsrapport 2024', kind: 'information' }),
      caseScheduled('socialtilsyn-aarsrapport', 'styregruppen', august.meetingId, august.startsAt),
      caseDecided('socialtilsyn-aarsrapport', 'styregruppen', august.meetingId, '2025-08-08T11:45:00+02:00', { outcome: 'noted', text: 'Noteret' }),
      caseForwarded('socialtilsyn-aarsrapport', 'styregruppen', august.meetingId, ['k17'], 'information', '2025-08-08T11:46:00+02:00'),
      caseScheduled('socialtilsyn-aarsrapport', 'k17', 'k17-2025-12-05', '2025-12-05T09:00:00+01:00'),
      meetingCancelled('k17-2025-10-03', 'k17', '2025-09-20T09:00:00+02:00'),
      caseScheduled('botilbud', 'k17', 'k17-2025-12-05', '2025-12-05T09:00:00+01:00', { previousMeetingId: 'k17-2025-10-03' }),
    ]);
    expect(meetingAgenda(cases, meetings, 'k17-2025-12-05')?.items).toEqual([
      {
        number: 1,
        caseId: 'socialtilsyn-aarsrapport',
        title: 'Socialtilsyn Østs årsrapport 2024',
        kind: 'information',
        purpose: 'information',
        state: 'scheduled',
        carriedOverFrom: undefined,
        fromForumId: 'styregruppen',
      },
      { number: 2, caseId: 'botilbud', title: 'Kapacitet på botilbud', kind: 'discussion', purpose: 'decision', state: 'scheduled', carriedOverFrom: 'k17-2025-10-03', fromForumId: undefined },
    ]);
    expect(meetingAgenda(cases, meetings, 'k17-2025-10-03')?.items).toEqual([]);
  });

  it('given a case decided on 8/8 that comes back to 19/9, then it is on 19/9’s agenda, carried over from 8/8', () => {
    const { cases, meetings } = readModels([
      meetingScheduled(august.meetingId, 'styregruppen', august.startsAt),
      meetingScheduled(september.meetingId, 'styregruppen', september.startsAt),
      caseProposed('udviklingsstrategi', 'styregruppen', { title: 'Udviklingsstrategi 2026', kind: 'discussion' }),
      caseScheduled('udviklingsstrategi', 'styregruppen', august.meetingId, august.startsAt),
      caseDecided('udviklingsstrategi', 'styregruppen', august.meetingId, '2025-08-08T12:00:00+02:00', { outcome: 'decided', text: 'Sagen genbehandles på næste styregruppemøde' }),
      caseScheduled('udviklingsstrategi', 'styregruppen', september.meetingId, september.startsAt, { previousMeetingId: august.meetingId }),
    ]);
    expect(meetingAgenda(cases, meetings, september.meetingId)?.items).toEqual([
      { number: 1, caseId: 'udviklingsstrategi', title: 'Udviklingsstrategi 2026', kind: 'discussion', purpose: 'decision', state: 'scheduled', carriedOverFrom: august.meetingId, fromForumId: undefined },
    ]);
  });

  it('given a case withdrawn after it was put on 8/8, then it is not on the agenda', () => {
    const { cases, meetings } = readModels([
      meetingScheduled(august.meetingId, 'styregruppen', august.startsAt),
      caseProposed('dialog-socialtilsyn', 'styregruppen', { title: 'Dialog med Socialtilsyn Øst', kind: 'discussion' }),
      caseScheduled('dialog-socialtilsyn', 'styregruppen', august.meetingId, august.startsAt),
      caseProposed('tilbagetrukket', 'styregruppen', { title: 'Punkt trukket af Slagelse' }),
      caseScheduled('tilbagetrukket', 'styregruppen', august.meetingId, august.startsAt),
      caseWithdrawn('tilbagetrukket', '2025-08-01T09:00:00+02:00', { reason: 'Slagelse trækker punktet' }),
    ]);
    expect(meetingAgenda(cases, meetings, august.meetingId)?.items.map((item) => item.caseId)).toEqual(['dialog-socialtilsyn']);
  });

  it('given a meeting with no cases on it, then the agenda has the meeting and no items', () => {
    const { cases: none, meetings: onlyMeetings } = readModels([meetingScheduled('kkr-sjaelland-2025-10-22', 'kkr-sjaelland', '2025-10-22T16:00:00+02:00')]);
    expect(meetingAgenda(none, onlyMeetings, 'kkr-sjaelland-2025-10-22')).toEqual({ meeting: onlyMeetings.get('kkr-sjaelland-2025-10-22'), items: [] });
  });

  it('given a meeting nobody has scheduled, then there is no agenda', () => {
    const { cases, meetings } = augustAgenda();
    expect(meetingAgenda(cases, meetings, 'styregruppen-2025-12-12')).toBeUndefined();
  });

  it('given several meetings, then agendaSizes counts in one pass what each meeting’s agenda lists, withdrawn and moved cases left out', () => {
    const recorded = [
      ...[may, august, september].map(({ meetingId, startsAt }) => meetingScheduled(meetingId, 'styregruppen', startsAt)),
      meetingScheduled('k17-2025-08-22', 'k17', '2025-08-22T09:00:00+02:00'),
      caseProposed('dialog-socialtilsyn', 'styregruppen', { title: 'Dialog med Socialtilsyn Øst', kind: 'discussion' }),
      caseScheduled('dialog-socialtilsyn', 'styregruppen', august.meetingId, august.startsAt),
      caseProposed('takstanalyse', 'styregruppen', { title: 'Takstanalyse 2026' }),
      caseScheduled('takstanalyse', 'styregruppen', may.meetingId, may.startsAt),
      casePostponed('takstanalyse', 'styregruppen', may.meetingId, '2025-05-02T09:10:00+02:00', { to: august }),
      caseProposed('aarsrapport', 'styregruppen', { title: 'Socialtilsyn Østs årsrapport 2024', kind: 'information' }),
      caseScheduled('aarsrapport', 'styregruppen', may.meetingId, may.startsAt),
      caseDecided('aarsrapport', 'styregruppen', may.meetingId, '2025-05-02T11:45:00+02:00', { outcome: 'noted', text: 'Noteret' }),
      caseForwarded('aarsrapport', 'styregruppen', may.meetingId, ['k17'], 'information', '2025-05-02T11:46:00+02:00'),
      caseScheduled('aarsrapport', 'k17', 'k17-2025-08-22', '2025-08-22T09:00:00+02:00'),
      caseProposed('tilbagetrukket', 'styregruppen', { title: 'Punkt trukket af Slagelse' }),
      caseScheduled('tilbagetrukket', 'styregruppen', september.meetingId, september.startsAt),
      caseWithdrawn('tilbagetrukket', '2025-09-01T09:00:00+02:00'),
      caseProposed('venter', 'styregruppen', { title: 'Rekruttering af plejefamilier' }),
    ].map(recorder());
    const { cases, meetings } = foldReadModels(recorded);
    const index = foldEvents(meetingCasesProjection, recorded);
    const ids = [may.meetingId, august.meetingId, september.meetingId, 'k17-2025-08-22', 'styregruppen-2025-12-12'];
    const sizes = agendaSizes(cases, meetings, ids);
    expect(Object.fromEntries(ids.map((id) => [id, sizes.get(id)]))).toEqual({ [may.meetingId]: 1, [august.meetingId]: 2, [september.meetingId]: 0, 'k17-2025-08-22': 1, 'styregruppen-2025-12-12': 0 });
    for (const id of ids.slice(0, 4)) expect(sizes.get(id)).toBe(meetingAgenda(cases, meetings, id)?.items.length);
    // With the meetings' index, only the cases once put on each meeting are read, and the answers are the same.
    expect(agendaSizes(cases, meetings, ids, index)).toEqual(sizes);
    for (const id of ids) expect(meetingAgenda(cases, meetings, id, index)).toEqual(meetingAgenda(cases, meetings, id));
    expect(index.get(may.meetingId)).toEqual(['takstanalyse', 'aarsrapport']);
  });
});
