import { CaseEvent, CaseKind, caseStreamId, MeetingEvent, MeetingScheduled, meetingStreamId } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { CaseSummary, casesProjection } from '../cases/cases.projection';
import { applyEvent } from '../projection-runner/projection';
import { meetingAgenda } from './meeting-agenda.query';
import { MeetingView, meetingsProjection } from './meetings.projection';

/** Folds events, recorded as the store hands them out, into the meetings and cases read models. */
const readModels = (events: (CaseEvent | MeetingEvent)[]) => {
  const meetings = new Map<string, MeetingView>();
  const cases = new Map<string, CaseSummary>();
  const revisions = new Map<string, number>();
  events.forEach((event, index) => {
    const streamId = event.type.startsWith('Meeting') ? meetingStreamId((event as MeetingEvent).data.meetingId) : caseStreamId((event as CaseEvent).data.caseId);
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const recorded: RecordedEvent = {
      id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
      streamId,
      type: event.type,
      revision,
      position: index + 1,
      data: event.data,
      metadata: {},
      recordedAt: new Date(Date.UTC(2025, 3, 20) + index * 60_000),
    };
    applyEvent(meetings, meetingsProjection, recorded);
    applyEvent(cases, casesProjection, recorded);
  });
  return { meetings, cases };
};

const meeting = (meetingId: string, forumId: string, startsAt: string, place?: string): MeetingScheduled => ({
  type: 'MeetingScheduled',
  data: { meetingId, forumId, startsAt, place, scheduledAt: '2025-04-01T11:30:00+02:00' },
});
const proposed = (caseId: string, title: string, kind: CaseKind = 'decision', forumId = 'styregruppen'): CaseEvent => ({
  type: 'CaseProposed',
  data: { caseId, forumId, title, kind, recommendation: [], attachments: [], proposedAt: '2025-04-20T09:00:00+02:00' },
});
const onMeeting = (caseId: string, forumId: string, meetingId: string, startsAt: string, previousMeetingId?: string): CaseEvent => ({
  type: 'CaseScheduled',
  data: { caseId, forumId, meetingId, startsAt, previousMeetingId, scheduledAt: '2025-04-24T14:30:00+02:00' },
});
const postponed = (caseId: string, fromMeetingId: string, to?: { meetingId: string; startsAt: string }): CaseEvent => ({
  type: 'CasePostponed',
  data: { caseId, forumId: 'styregruppen', fromMeetingId, toMeetingId: to?.meetingId, toStartsAt: to?.startsAt, postponedAt: '2025-05-02T09:10:00+02:00' },
});

const may = { meetingId: 'styregruppen-2025-05-02', startsAt: '2025-05-02T09:00:00+02:00' };
const august = { meetingId: 'styregruppen-2025-08-08', startsAt: '2025-08-08T11:00:00+02:00' };
const september = { meetingId: 'styregruppen-2025-09-19', startsAt: '2025-09-19T12:00:00+02:00' };

/** Styregruppen's 8/8 agenda as it came about, plus cases that must not be on it. */
const augustAgenda = () =>
  readModels([
    meeting(may.meetingId, 'styregruppen', may.startsAt),
    meeting(august.meetingId, 'styregruppen', august.startsAt, 'Regionshuset, Sorø'),
    meeting(september.meetingId, 'styregruppen', september.startsAt),
    meeting('k17-2025-08-22', 'k17', '2025-08-22T09:00:00+02:00'),
    // Put on 8/8 early.
    proposed('dialog-socialtilsyn', 'Dialog med Socialtilsyn Øst', 'discussion'),
    onMeeting('dialog-socialtilsyn', 'styregruppen', august.meetingId, august.startsAt),
    // On 2/5 and postponed there to the named 8/8 meeting ("udsat fra 2/5").
    proposed('forsorgshjem', 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem'),
    onMeeting('forsorgshjem', 'styregruppen', may.meetingId, may.startsAt),
    postponed('forsorgshjem', may.meetingId, august),
    // Put on 8/8 after that, and noted at the meeting.
    proposed('socialtilsyn-aarsrapport', 'Socialtilsyn Østs årsrapport 2024', 'information'),
    onMeeting('socialtilsyn-aarsrapport', 'styregruppen', august.meetingId, august.startsAt),
    {
      type: 'CaseDecided',
      data: { caseId: 'socialtilsyn-aarsrapport', forumId: 'styregruppen', meetingId: august.meetingId, outcome: 'noted', text: 'Styregruppen tog orienteringen til efterretning', points: [], decidedAt: '2025-08-08T11:45:00+02:00' },
    },
    // Postponed on 2/5 to "the next meeting" and put on 8/8 when that was clear.
    proposed('takstanalyse', 'Takstanalyse 2026'),
    onMeeting('takstanalyse', 'styregruppen', may.meetingId, may.startsAt),
    postponed('takstanalyse', may.meetingId),
    onMeeting('takstanalyse', 'styregruppen', august.meetingId, august.startsAt),
    // Was on 8/8, moved on to 19/9 before the meeting: no longer on 8/8.
    proposed('oekonomigruppen', 'Status fra Økonomigruppen', 'information'),
    onMeeting('oekonomigruppen', 'styregruppen', august.meetingId, august.startsAt),
    postponed('oekonomigruppen', august.meetingId, september),
    // Proposed for Styregruppen but not put on any meeting.
    proposed('plejefamilier', 'Rekruttering af plejefamilier'),
    // On K17's meeting, not Styregruppen's.
    proposed('k17-sag', 'K17s egen sag', 'decision', 'k17'),
    onMeeting('k17-sag', 'k17', 'k17-2025-08-22', '2025-08-22T09:00:00+02:00'),
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
      meeting(august.meetingId, 'styregruppen', august.startsAt),
      meeting('k17-2025-10-03', 'k17', '2025-10-03T09:00:00+02:00'),
      meeting('k17-2025-12-05', 'k17', '2025-12-05T09:00:00+01:00'),
      proposed('botilbud', 'Kapacitet på botilbud', 'discussion', 'k17'),
      onMeeting('botilbud', 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00'),
      proposed('socialtilsyn-aarsrapport', 'Socialtilsyn Østs årsrapport 2024', 'information'),
      onMeeting('socialtilsyn-aarsrapport', 'styregruppen', august.meetingId, august.startsAt),
      {
        type: 'CaseDecided',
        data: { caseId: 'socialtilsyn-aarsrapport', forumId: 'styregruppen', meetingId: august.meetingId, outcome: 'noted', text: 'Noteret', points: [], decidedAt: '2025-08-08T11:45:00+02:00' },
      },
      {
        type: 'CaseForwarded',
        data: { caseId: 'socialtilsyn-aarsrapport', fromForumId: 'styregruppen', fromMeetingId: august.meetingId, toForumIds: ['k17'], purpose: 'information', forwardedAt: '2025-08-08T11:46:00+02:00' },
      },
      onMeeting('socialtilsyn-aarsrapport', 'k17', 'k17-2025-12-05', '2025-12-05T09:00:00+01:00'),
      { type: 'MeetingCancelled', data: { meetingId: 'k17-2025-10-03', forumId: 'k17', cancelledAt: '2025-09-20T09:00:00+02:00' } },
      onMeeting('botilbud', 'k17', 'k17-2025-12-05', '2025-12-05T09:00:00+01:00', 'k17-2025-10-03'),
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
      meeting(august.meetingId, 'styregruppen', august.startsAt),
      meeting(september.meetingId, 'styregruppen', september.startsAt),
      proposed('udviklingsstrategi', 'Udviklingsstrategi 2026', 'discussion'),
      onMeeting('udviklingsstrategi', 'styregruppen', august.meetingId, august.startsAt),
      {
        type: 'CaseDecided',
        data: { caseId: 'udviklingsstrategi', forumId: 'styregruppen', meetingId: august.meetingId, outcome: 'decided', text: 'Sagen genbehandles på næste styregruppemøde', points: [], decidedAt: '2025-08-08T12:00:00+02:00' },
      },
      onMeeting('udviklingsstrategi', 'styregruppen', september.meetingId, september.startsAt, august.meetingId),
    ]);
    expect(meetingAgenda(cases, meetings, september.meetingId)?.items).toEqual([
      { number: 1, caseId: 'udviklingsstrategi', title: 'Udviklingsstrategi 2026', kind: 'discussion', purpose: 'decision', state: 'scheduled', carriedOverFrom: august.meetingId, fromForumId: undefined },
    ]);
  });

  it('given a case withdrawn after it was put on 8/8, then it is not on the agenda', () => {
    const { cases, meetings } = readModels([
      meeting(august.meetingId, 'styregruppen', august.startsAt),
      proposed('dialog-socialtilsyn', 'Dialog med Socialtilsyn Øst', 'discussion'),
      onMeeting('dialog-socialtilsyn', 'styregruppen', august.meetingId, august.startsAt),
      proposed('tilbagetrukket', 'Punkt trukket af Slagelse'),
      onMeeting('tilbagetrukket', 'styregruppen', august.meetingId, august.startsAt),
      { type: 'CaseWithdrawn', data: { caseId: 'tilbagetrukket', reason: 'Slagelse trækker punktet', withdrawnAt: '2025-08-01T09:00:00+02:00' } },
    ]);
    expect(meetingAgenda(cases, meetings, august.meetingId)?.items.map((item) => item.caseId)).toEqual(['dialog-socialtilsyn']);
  });

  it('given a meeting with no cases on it, then the agenda has the meeting and no items', () => {
    const { cases: none, meetings: onlyMeetings } = readModels([meeting('kkr-sjaelland-2025-10-22', 'kkr-sjaelland', '2025-10-22T16:00:00+02:00')]);
    expect(meetingAgenda(none, onlyMeetings, 'kkr-sjaelland-2025-10-22')).toEqual({ meeting: onlyMeetings.get('kkr-sjaelland-2025-10-22'), items: [] });
  });

  it('given a meeting nobody has scheduled, then there is no agenda', () => {
    const { cases, meetings } = augustAgenda();
    expect(meetingAgenda(cases, meetings, 'styregruppen-2025-12-12')).toBeUndefined();
  });
});
