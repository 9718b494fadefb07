import type { RecordedEvent } from '@app/event-store';
import { foldEvents } from '../projection-runner/projection';
import { caseClosed, caseDecided, caseForwarded, casePostponed, caseProposed, caseScheduled, caseWithdrawn, deepFreeze, followUpAssigned, meetingScheduled, plain, recorder } from '../testing/read-side.testing';
import { CaseSummary, casesProjection } from './cases.projection';

const fold = (events: RecordedEvent[]): Map<string, CaseSummary> => foldEvents(casesProjection, events);

// The item "Kvalitet i samarbejdet mellem kommuner og forsorgshjem": on 2/5, postponed to 8/8, decided there, sent to KL.
const forsorgshjem = 'kvalitet-kommuner-forsorgshjem';
const forsorgshjemProposed = caseProposed(forsorgshjem, 'styregruppen', {
  title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem',
  kind: 'decision',
  proposedAt: '2025-04-22T10:00:00+02:00',
});
const forsorgshjemOnMay = caseScheduled(forsorgshjem, 'styregruppen', 'styregruppen-2025-05-02', '2025-05-02T09:00:00+02:00', { scheduledAt: '2025-04-24T14:30:00+02:00' });
const forsorgshjemToAugust = casePostponed(forsorgshjem, 'styregruppen', 'styregruppen-2025-05-02', '2025-05-02T09:10:00+02:00', {
  to: { meetingId: 'styregruppen-2025-08-08', startsAt: '2025-08-08T11:00:00+02:00' },
});
const forsorgshjemDecided = caseDecided(forsorgshjem, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T12:40:00+02:00', {
  outcome: 'decided',
  text: 'Styregruppen besluttede at notatet justeres og videresendes til Koordinationsforum i KL',
});
const forsorgshjemToKl = caseForwarded(forsorgshjem, 'styregruppen', 'styregruppen-2025-08-08', ['kl-koordinationsforum'], 'decision', '2025-08-08T12:41:00+02:00');

// "Socialtilsyn Østs årsrapport 2024": noted on 8/8 and sent on to K17 and KKR for information.
const tilsyn = 'socialtilsyn-oest-aarsrapport-2024';
const tilsynProposed = caseProposed(tilsyn, 'styregruppen', { title: 'Socialtilsyn Østs årsrapport 2024', kind: 'information', proposedAt: '2025-07-01T09:00:00+02:00' });
const tilsynOnAugust = caseScheduled(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T11:00:00+02:00', { scheduledAt: '2025-07-01T09:05:00+02:00' });
const tilsynNoted = caseDecided(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T11:45:00+02:00', { outcome: 'noted', text: 'Styregruppen tog orienteringen til efterretning' });
const tilsynOn = caseForwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17', 'kkr-sjaelland'], 'information', '2025-08-08T11:46:00+02:00');
const tilsynOnK17 = caseScheduled(tilsyn, 'k17', 'k17-2025-08-22', '2025-08-22T09:00:00+02:00', { scheduledAt: '2025-08-08T11:46:30+02:00' });

describe('cases projection', () => {
  it('is keyed by the case id, and ignores meetings and follow-ups (even those that name a case)', () => {
    const record = recorder();
    expect(casesProjection.keyOf(record(tilsynProposed))).toBe(tilsyn);
    expect(casesProjection.keyOf(record(tilsynOn))).toBe(tilsyn);
    const meeting = meetingScheduled('k17-2025-10-03', 'k17', '2025-10-03T09:00:00+02:00');
    const followUp = followUpAssigned('kora-kontakt', tilsyn);
    expect(casesProjection.keyOf(record(meeting))).toBeUndefined();
    expect(casesProjection.keyOf(record(followUp))).toBeUndefined();
  });

  describe('CaseProposed', () => {
    it('given nothing, when a case is proposed for Styregruppen, then it is open and waits there with no flow yet', () => {
      const record = recorder();
      const state = fold([record(tilsynProposed)]);
      expect(plain(state)).toEqual({
        [tilsyn]: {
          id: tilsyn,
          title: 'Socialtilsyn Østs årsrapport 2024',
          kind: 'information',
          forumId: 'styregruppen',
          proposedAt: '2025-07-01T09:00:00+02:00',
          status: 'open',
          forums: { styregruppen: { forumId: 'styregruppen', purpose: 'decision', state: 'waiting', since: 1 } },
          flow: [],
        },
      });
    });

    it('given a case that has moved on, when its proposal is delivered again, then the case is left as it is', () => {
      const record = recorder();
      const proposal = record(tilsynProposed);
      const state = fold([proposal, record(tilsynOnAugust), record(tilsynNoted)]);
      const summary = state.get(tilsyn);
      expect(casesProjection.evolve(summary, proposal)).toBe(summary);
    });
  });

  describe('CaseScheduled', () => {
    it('given a proposed case, when it is put on the 8/8 meeting, then it is scheduled there from that event’s position, with no flow entry', () => {
      const record = recorder();
      const state = fold([record(tilsynProposed), record(tilsynOnAugust)]);
      expect(state.get(tilsyn)?.forums.styregruppen).toEqual({
        forumId: 'styregruppen',
        purpose: 'decision',
        state: 'scheduled',
        meetingId: 'styregruppen-2025-08-08',
        startsAt: '2025-08-08T11:00:00+02:00',
        since: 2,
      });
      expect(state.get(tilsyn)?.flow).toEqual([]);
    });

    it('given a case on K17’s cancelled 5/12 meeting, when it is moved to the following meeting, then it is marked as carried over from 5/12', () => {
      const record = recorder();
      const caseId = 'botilbud-kapacitet';
      const state = fold([
        record(caseProposed(caseId, 'k17', { title: 'Kapacitet på botilbud', kind: 'discussion', proposedAt: '2025-10-20T10:00:00+02:00' })),
        record(caseScheduled(caseId, 'k17', 'k17-2025-12-05', '2025-12-05T09:00:00+01:00', { scheduledAt: '2025-10-20T10:05:00+02:00' })),
        record(caseScheduled(caseId, 'k17', 'k17-2026-01-16', '2026-01-16T09:00:00+01:00', { scheduledAt: '2025-11-28T08:00:00+01:00', previousMeetingId: 'k17-2025-12-05' })),
      ]);
      expect(state.get(caseId)?.forums.k17).toMatchObject({ state: 'scheduled', meetingId: 'k17-2026-01-16', carriedOverFrom: 'k17-2025-12-05', since: 3 });
    });

    it('given a case forwarded to K17 for information, when it is put on K17’s meeting, then it keeps its purpose and where it came from', () => {
      const record = recorder();
      const state = fold([tilsynProposed, tilsynOnAugust, tilsynNoted, tilsynOn, tilsynOnK17].map(record));
      expect(state.get(tilsyn)?.forums.k17).toEqual({
        forumId: 'k17',
        purpose: 'information',
        state: 'scheduled',
        meetingId: 'k17-2025-08-22',
        startsAt: '2025-08-22T09:00:00+02:00',
        fromForumId: 'styregruppen',
        since: 5,
      });
    });
    it('given a case decided on 8/8, when it comes back onto 19/9 ("genbehandles på næste styregruppemøde"), then it is scheduled there, carried over from 8/8', () => {
      const record = recorder();
      const state = fold([
        tilsynProposed,
        tilsynOnAugust,
        tilsynNoted,
        caseScheduled(tilsyn, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-08-08T13:00:00+02:00', previousMeetingId: 'styregruppen-2025-08-08' }),
      ].map(record));
      expect(state.get(tilsyn)?.forums.styregruppen).toEqual({
        forumId: 'styregruppen',
        purpose: 'decision',
        state: 'scheduled',
        meetingId: 'styregruppen-2025-09-19',
        startsAt: '2025-09-19T12:00:00+02:00',
        carriedOverFrom: 'styregruppen-2025-08-08',
        since: 4,
      });
    });
  });

  describe('CasePostponed', () => {
    it('given a case on 2/5, when it is postponed to the named 8/8 meeting, then it is on 8/8, carried over from 2/5, and the flow says so', () => {
      const record = recorder();
      const events = [forsorgshjemProposed, forsorgshjemOnMay, forsorgshjemToAugust].map(record);
      const state = fold(events);
      expect(state.get(forsorgshjem)?.forums.styregruppen).toEqual({
        forumId: 'styregruppen',
        purpose: 'decision',
        state: 'scheduled',
        meetingId: 'styregruppen-2025-08-08',
        startsAt: '2025-08-08T11:00:00+02:00',
        carriedOverFrom: 'styregruppen-2025-05-02',
        since: 3,
      });
      expect(state.get(forsorgshjem)?.flow).toEqual([
        {
          eventId: events[2].id,
          forumId: 'styregruppen',
          meetingId: 'styregruppen-2025-05-02',
          what: 'postponed',
          at: '2025-05-02T09:10:00+02:00',
          toMeetingId: 'styregruppen-2025-08-08',
        },
      ]);
    });

    it('given a case on 19/9, when it is postponed to "the next meeting", then it waits in Styregruppen with no meeting, carried over from 19/9', () => {
      const record = recorder();
      const caseId = 'takstanalyse-2026';
      const state = fold([
        record(caseProposed(caseId, 'styregruppen', { title: 'Takstanalyse 2026', kind: 'decision', proposedAt: '2025-08-20T10:00:00+02:00' })),
        record(caseScheduled(caseId, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-08-20T10:01:00+02:00' })),
        record(casePostponed(caseId, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00')),
      ]);
      const step = state.get(caseId)?.forums.styregruppen;
      expect(step).toMatchObject({ state: 'waiting', carriedOverFrom: 'styregruppen-2025-09-19', since: 3 });
      expect(step?.meetingId).toBeUndefined();
      expect(state.get(caseId)?.flow).toEqual([expect.objectContaining({ what: 'postponed', meetingId: 'styregruppen-2025-09-19', toMeetingId: undefined })]);
    });

    it('given a case postponed to "the next meeting", when it is later put on 21/11, then it is still marked as carried over from 19/9', () => {
      const record = recorder();
      const caseId = 'takstanalyse-2026';
      const state = fold([
        record(caseProposed(caseId, 'styregruppen', { title: 'Takstanalyse 2026', kind: 'decision', proposedAt: '2025-08-20T10:00:00+02:00' })),
        record(caseScheduled(caseId, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-08-20T10:01:00+02:00' })),
        record(casePostponed(caseId, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00')),
        record(caseScheduled(caseId, 'styregruppen', 'styregruppen-2025-11-21', '2025-11-21T10:00:00+01:00', { scheduledAt: '2025-09-25T09:00:00+02:00' })),
      ]);
      expect(state.get(caseId)?.forums.styregruppen).toMatchObject({
        state: 'scheduled',
        meetingId: 'styregruppen-2025-11-21',
        carriedOverFrom: 'styregruppen-2025-09-19',
        since: 4,
      });
    });
  });

  describe('CaseDecided', () => {
    it('given a case on 8/8, when Styregruppen notes it, then it is decided there and the flow holds outcome and text', () => {
      const record = recorder();
      const events = [tilsynProposed, tilsynOnAugust, tilsynNoted].map(record);
      const summary = fold(events).get(tilsyn);
      expect(summary?.forums.styregruppen).toMatchObject({ state: 'decided', meetingId: 'styregruppen-2025-08-08', since: 2 });
      expect(summary?.flow).toEqual([
        {
          eventId: events[2].id,
          forumId: 'styregruppen',
          meetingId: 'styregruppen-2025-08-08',
          what: 'decided',
          at: '2025-08-08T11:45:00+02:00',
          outcome: 'noted',
          text: 'Styregruppen tog orienteringen til efterretning',
        },
      ]);
      expect(summary?.status).toBe('open');
    });
  });

  describe('CaseForwarded', () => {
    it('given a decided case, when it is sent to K17 and KKR for information, then it waits in both, from Styregruppen, queued at that position', () => {
      const record = recorder();
      const events = [tilsynProposed, tilsynOnAugust, tilsynNoted, tilsynOn].map(record);
      const summary = fold(events).get(tilsyn);
      expect(summary?.forums).toEqual({
        styregruppen: { forumId: 'styregruppen', purpose: 'decision', state: 'decided', meetingId: 'styregruppen-2025-08-08', startsAt: '2025-08-08T11:00:00+02:00', since: 2 },
        k17: { forumId: 'k17', purpose: 'information', state: 'waiting', fromForumId: 'styregruppen', since: 4 },
        'kkr-sjaelland': { forumId: 'kkr-sjaelland', purpose: 'information', state: 'waiting', fromForumId: 'styregruppen', since: 4 },
      });
      expect(summary?.flow[1]).toEqual({
        eventId: events[3].id,
        forumId: 'styregruppen',
        meetingId: 'styregruppen-2025-08-08',
        what: 'forwarded',
        at: '2025-08-08T11:46:00+02:00',
        toForumIds: ['k17', 'kkr-sjaelland'],
        purpose: 'information',
      });
    });

    it('given a case decided in K17 earlier, when it is forwarded to K17 again, then the K17 step starts afresh as waiting', () => {
      const record = recorder();
      const state = fold(
        [
          tilsynProposed,
          tilsynOnAugust,
          tilsynNoted,
          tilsynOn,
          tilsynOnK17,
          caseDecided(tilsyn, 'k17', 'k17-2025-08-22', '2025-08-22T09:30:00+02:00', { outcome: 'noted', text: 'K17 tog orienteringen til efterretning' }),
          caseForwarded(tilsyn, 'kkr-sjaelland', 'kkr-sjaelland-2025-09-02', ['k17'], 'decision', '2025-09-02T17:00:00+02:00'),
        ].map(record),
      );
      expect(state.get(tilsyn)?.forums.k17).toEqual({ forumId: 'k17', purpose: 'decision', state: 'waiting', fromForumId: 'kkr-sjaelland', since: 7 });
    });
  });

  describe('CaseWithdrawn and CaseClosed', () => {
    it('given an open case, when it is withdrawn, then its status is withdrawn and the flow ends with that, in the forum where it was raised', () => {
      const record = recorder();
      const events = [
        forsorgshjemProposed,
        forsorgshjemOnMay,
        caseWithdrawn(forsorgshjem, '2025-04-28T08:00:00+02:00', { reason: 'Slagelse trækker punktet' }),
      ].map(record);
      const summary = fold(events).get(forsorgshjem);
      expect(summary?.status).toBe('withdrawn');
      expect(summary?.flow).toEqual([{ eventId: events[2].id, forumId: 'styregruppen', what: 'withdrawn', at: '2025-04-28T08:00:00+02:00' }]);
    });

    it('given a case forwarded to KL, when it is closed, then its status is closed and the flow ends with that', () => {
      const record = recorder();
      const events = [
        forsorgshjemProposed,
        forsorgshjemOnMay,
        forsorgshjemToAugust,
        forsorgshjemDecided,
        forsorgshjemToKl,
        caseClosed(forsorgshjem, '2025-12-15T10:00:00+01:00'),
      ].map(record);
      const summary = fold(events).get(forsorgshjem);
      expect(summary?.status).toBe('closed');
      expect(summary?.flow.map((entry) => entry.what)).toEqual(['postponed', 'decided', 'forwarded', 'closed']);
      expect(summary?.flow[3]).toEqual({ eventId: events[5].id, forumId: 'styregruppen', what: 'closed', at: '2025-12-15T10:00:00+01:00' });
    });
  });

  it('given no proposal, when other events of the case arrive, then no case appears', () => {
    const record = recorder();
    const state = fold([tilsynOnAugust, tilsynNoted, tilsynOn].map(record));
    expect(state.size).toBe(0);
  });

  it('never changes the summary it is handed (each step works on a frozen one)', () => {
    const record = recorder();
    const events = [forsorgshjemProposed, forsorgshjemOnMay, forsorgshjemToAugust, forsorgshjemDecided, forsorgshjemToKl].map(record);
    const last = events.reduce<CaseSummary | undefined>((summary, event) => casesProjection.evolve(deepFreeze(summary), event), undefined);
    expect(last?.flow).toHaveLength(3);
    expect(last?.forums['kl-koordinationsforum']).toMatchObject({ state: 'waiting' });
  });

  it('given a case put on 8/8 and decided there, when a subscription resumes from before the scheduling and delivers both again, then the case is as it was', () => {
    const record = recorder();
    const events = [tilsynProposed, tilsynOnAugust, tilsynNoted].map(record);
    const once = fold(events);
    const redelivered = fold([...events, events[1], events[2]]);
    expect(redelivered.get(tilsyn)).toEqual(once.get(tilsyn));
  });

  it('given a history where every event is delivered twice in a row, then the state equals the one from single delivery', () => {
    const record = recorder();
    const caseId = 'takstanalyse-2026';
    const events = [
      forsorgshjemProposed,
      tilsynProposed,
      caseProposed(caseId, 'styregruppen', { title: 'Takstanalyse 2026', kind: 'decision', proposedAt: '2025-04-25T10:00:00+02:00' }),
      forsorgshjemOnMay,
      caseScheduled(caseId, 'styregruppen', 'styregruppen-2025-05-02', '2025-05-02T09:00:00+02:00', { scheduledAt: '2025-04-25T10:01:00+02:00' }),
      forsorgshjemToAugust,
      casePostponed(caseId, 'styregruppen', 'styregruppen-2025-05-02', '2025-05-02T09:11:00+02:00'),
      tilsynOnAugust,
      caseScheduled(caseId, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T11:00:00+02:00', { scheduledAt: '2025-05-05T09:00:00+02:00' }),
      tilsynNoted,
      forsorgshjemDecided,
      tilsynOn,
      forsorgshjemToKl,
      tilsynOnK17,
      caseWithdrawn(caseId, '2025-08-08T13:00:00+02:00'),
      caseClosed(forsorgshjem, '2025-12-15T10:00:00+01:00'),
    ].map(record);
    const once = fold(events);
    const twice = fold(events.flatMap((event) => [event, event]));
    expect(plain(twice)).toEqual(plain(once));
    expect(once.get(forsorgshjem)?.flow).toHaveLength(4);
    expect(once.get(caseId)?.forums.styregruppen).toMatchObject({ state: 'scheduled', carriedOverFrom: 'styregruppen-2025-05-02' });
  });
});
