import type { RecordedEvent } from '@app/event-store';
import { casesProjection } from '../cases/cases.projection';
import { meetingsProjection } from '../meetings/meetings.projection';
import { applyEvent, emptyModelOf } from '../projection-runner/projection';
import { calendar2025, caseDecided, caseForwarded, casePostponed, caseProposed, caseScheduled, caseWithdrawn, DomainEvent, followUpAssigned, meetingCancelled, meetingHeld, meetingRescheduled, meetingScheduled, recorder } from '../testing/read-side.testing';
import { Reaction, reactToScheduling, SchedulingView } from './case-scheduling.process-manager';

/**
 * A small log with the process manager's view kept beside it, the way the runner keeps it: every event is
 * folded into the view before the process manager is asked about it.
 */
const history = () => {
  const record = recorder();
  const view = { meetings: new Map(), cases: emptyModelOf(casesProjection) } satisfies SchedulingView;
  const append = (event: DomainEvent): RecordedEvent => {
    const recorded = record(event);
    applyEvent(view.meetings, meetingsProjection, recorded);
    applyEvent(view.cases, casesProjection, recorded);
    return recorded;
  };
  return {
    view,
    given: (...events: DomainEvent[]) => events.forEach(append),
    /** Appends the event, then asks the process manager what to do about it at `now`. */
    when: (event: DomainEvent, now: string): { event: RecordedEvent; reactions: Reaction[] } => {
      const recorded = append(event);
      return { event: recorded, reactions: reactToScheduling(recorded, view, now) };
    },
  };
};

const { styregruppenAugust, styregruppenSeptember, styregruppenNovember, k17August, k17October, k17December, kkrSeptember, kkrOctober } = calendar2025;

const tilsyn = 'socialtilsyn-oest-aarsrapport-2024';
const duringAugustMeeting = '2025-08-08T11:46:00+02:00';

/** A case decided on 8/8 in Styregruppen, ready to be forwarded. */
const tilsynDecidedOnAugust = [
  caseProposed(tilsyn, 'styregruppen'),
  caseScheduled(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T11:00:00+02:00', { scheduledAt: '2025-07-01T09:05:00+02:00' }),
  caseDecided(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T11:45:00+02:00'),
];

describe('case scheduling process manager', () => {
  describe('CaseForwarded', () => {
    it('given K17 and KKR each have a coming meeting, when a case is forwarded to both, then it is scheduled onto each one’s next meeting', () => {
      const log = history();
      log.given(styregruppenAugust, k17August, k17October, kkrSeptember, kkrOctober, ...tilsynDecidedOnAugust);
      const { event, reactions } = log.when(caseForwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17', 'kkr-sjaelland'], 'information', duringAugustMeeting), duringAugustMeeting);
      expect(reactions).toEqual([
        { kind: 'schedule', key: `${event.id}.${tilsyn}.k17`, caseId: tilsyn, meetingId: 'k17-2025-08-22' },
        { kind: 'schedule', key: `${event.id}.${tilsyn}.kkr-sjaelland`, caseId: tilsyn, meetingId: 'kkr-sjaelland-2025-09-02' },
      ]);
    });

    it('given KL Koordinationsforum has no meeting, when a case is forwarded there, then there is no reaction: it waits in that forum’s pipeline', () => {
      const log = history();
      log.given(styregruppenAugust, k17August, ...tilsynDecidedOnAugust);
      expect(log.when(caseForwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['kl-koordinationsforum'], 'information', duringAugustMeeting), duringAugustMeeting).reactions).toEqual([]);
    });

    it('given K17 has a meeting and KL Koordinationsforum none, when forwarded to both, then only K17 gets it scheduled', () => {
      const log = history();
      log.given(styregruppenAugust, k17August, ...tilsynDecidedOnAugust);
      const { reactions } = log.when(caseForwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17', 'kl-koordinationsforum'], 'information', duringAugustMeeting), duringAugustMeeting);
      expect(reactions.map((reaction) => [reaction.kind, reaction.caseId, reaction.kind === 'schedule' && reaction.meetingId])).toEqual([['schedule', tilsyn, 'k17-2025-08-22']]);
    });

    it('given K17’s 22/8 meeting is cancelled and its May meeting held, when forwarded, then it goes onto 3/10', () => {
      const log = history();
      log.given(
        calendar2025.k17May,
        meetingHeld('k17-2025-05-23', 'k17', '2025-05-23T12:00:00+02:00'),
        styregruppenAugust,
        k17August,
        k17October,
        meetingCancelled('k17-2025-08-22', 'k17', '2025-08-01T09:00:00+02:00'),
        ...tilsynDecidedOnAugust,
      );
      const { reactions } = log.when(caseForwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17'], 'information', duringAugustMeeting), duringAugustMeeting);
      expect(reactions).toEqual([expect.objectContaining({ kind: 'schedule', meetingId: 'k17-2025-10-03' })]);
    });
  });

  describe('CasePostponed', () => {
    const takst = 'takstanalyse-2026';
    const takstOnSeptember = [caseProposed(takst, 'styregruppen'), caseScheduled(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-08-20T10:00:00+02:00' })];

    it('given a case on 19/9, when it is postponed to the named 21/11 meeting, then there is no reaction', () => {
      const log = history();
      log.given(styregruppenSeptember, styregruppenNovember, ...takstOnSeptember);
      const to = { meetingId: 'styregruppen-2025-11-21', startsAt: '2025-11-21T10:00:00+01:00' };
      expect(log.when(casePostponed(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00', { to }), '2025-09-19T12:20:00+02:00').reactions).toEqual([]);
    });

    it('given a case on 19/9, when at the meeting it is postponed to "the next meeting", then it is scheduled onto 21/11', () => {
      const log = history();
      log.given(styregruppenAugust, styregruppenSeptember, styregruppenNovember, ...takstOnSeptember);
      const { event, reactions } = log.when(casePostponed(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00'), '2025-09-19T12:20:00+02:00');
      expect(reactions).toEqual([{ kind: 'schedule', key: `${event.id}.${takst}.styregruppen`, caseId: takst, meetingId: 'styregruppen-2025-11-21' }]);
    });

    it('given no later meeting of Styregruppen, when postponed to "the next meeting", then there is no reaction: it waits', () => {
      const log = history();
      log.given(styregruppenSeptember, ...takstOnSeptember);
      expect(log.when(casePostponed(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00'), '2025-09-19T12:20:00+02:00').reactions).toEqual([]);
    });

    it('given a case on 19/9, when the secretariat postpones it to "the next meeting" days before 19/9, then it goes onto 21/11, not back onto 19/9', () => {
      const log = history();
      log.given(styregruppenSeptember, styregruppenNovember, ...takstOnSeptember);
      const { reactions } = log.when(casePostponed(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-15T09:00:00+02:00'), '2025-09-15T09:00:00+02:00');
      expect(reactions).toEqual([expect.objectContaining({ kind: 'schedule', caseId: takst, meetingId: 'styregruppen-2025-11-21' })]);
    });

    it('given the minutes of 19/9 are recorded after an extra meeting on 23/9 has begun, when a case is postponed to "the next meeting", then it goes onto 21/11, not onto the meeting already begun', () => {
      const log = history();
      log.given(styregruppenSeptember, meetingScheduled('styregruppen-2025-09-23', 'styregruppen', '2025-09-23T09:00:00+02:00'), styregruppenNovember, ...takstOnSeptember);
      const { reactions } = log.when(casePostponed(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00'), '2025-09-24T09:00:00+02:00');
      expect(reactions).toEqual([expect.objectContaining({ kind: 'schedule', caseId: takst, meetingId: 'styregruppen-2025-11-21' })]);
    });
  });

  describe('MeetingScheduled and MeetingRescheduled', () => {
    const forsorgshjem = 'kvalitet-kommuner-forsorgshjem';
    const takst = 'takstanalyse-2026';
    const plejefamilier = 'rekruttering-plejefamilier';
    const botilbud = 'botilbud-kapacitet';
    const ankestyrelsen = 'ankestyrelsen-bestilling';

    /**
     * On 19/9: one case forwarded to KL Koordinationsforum (no meeting yet), one to KKR, one postponed in
     * Styregruppen to "next meeting" with none scheduled; one proposed to KL directly and never moved; one
     * forwarded to KL and then withdrawn; KKR's 22/10 meeting exists.
     */
    const waitingCases = (): ReturnType<typeof history> => {
      const log = history();
      const at = '2025-09-19T13:00:00+02:00';
      log.given(
        styregruppenSeptember,
        kkrOctober,
        caseProposed(forsorgshjem, 'styregruppen'),
        caseScheduled(forsorgshjem, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-09-01T09:00:00+02:00' }),
        caseDecided(forsorgshjem, 'styregruppen', 'styregruppen-2025-09-19', at),
        caseForwarded(forsorgshjem, 'styregruppen', 'styregruppen-2025-09-19', ['kl-koordinationsforum'], 'information', at),
        caseProposed(botilbud, 'styregruppen'),
        caseScheduled(botilbud, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-09-01T09:00:00+02:00' }),
        caseDecided(botilbud, 'styregruppen', 'styregruppen-2025-09-19', at),
        caseForwarded(botilbud, 'styregruppen', 'styregruppen-2025-09-19', ['kkr-sjaelland'], 'information', at),
        caseScheduled(botilbud, 'kkr-sjaelland', 'kkr-sjaelland-2025-10-22', '2025-10-22T16:00:00+02:00', { scheduledAt: at }),
        caseProposed(takst, 'styregruppen'),
        caseScheduled(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-09-01T09:00:00+02:00' }),
        casePostponed(takst, 'styregruppen', 'styregruppen-2025-09-19', at),
        caseProposed(plejefamilier, 'kl-koordinationsforum'),
        caseProposed(ankestyrelsen, 'styregruppen'),
        caseScheduled(ankestyrelsen, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-09-01T09:00:00+02:00' }),
        caseDecided(ankestyrelsen, 'styregruppen', 'styregruppen-2025-09-19', at),
        caseForwarded(ankestyrelsen, 'styregruppen', 'styregruppen-2025-09-19', ['kl-koordinationsforum'], 'information', at),
        caseWithdrawn(ankestyrelsen, '2025-09-25T09:00:00+02:00'),
      );
      return log;
    };

    it('given a case forwarded to KL waiting, when KL Koordinationsforum’s first meeting is scheduled, then only that forwarded case moves onto it', () => {
      const log = waitingCases();
      const { event, reactions } = log.when(
        meetingScheduled('kl-koordinationsforum-2025-11-12', 'kl-koordinationsforum', '2025-11-12T10:00:00+01:00', { scheduledAt: '2025-10-01T09:00:00+02:00' }),
        '2025-10-01T09:00:00+02:00',
      );
      // Not the case proposed to KL and never forwarded or postponed, not the withdrawn one, not cases of other forums.
      expect(reactions).toEqual([{ kind: 'schedule', key: `${event.id}.${forsorgshjem}`, caseId: forsorgshjem, meetingId: 'kl-koordinationsforum-2025-11-12' }]);
    });

    it('given a case postponed to "the next meeting" waiting, when Styregruppen’s next meeting is scheduled, then it moves onto it', () => {
      const log = waitingCases();
      const { event, reactions } = log.when(styregruppenNovember, '2025-09-22T09:00:00+02:00');
      expect(reactions).toEqual([{ kind: 'schedule', key: `${event.id}.${takst}`, caseId: takst, meetingId: 'styregruppen-2025-11-21' }]);
    });

    it('given three cases postponed at 19/9 in another order than they were proposed, when Styregruppen’s next meeting is scheduled, then they move onto it in the order they were postponed', () => {
      const log = history();
      const at = '2025-09-19T13:00:00+02:00';
      const proposed = ['a-sag', 'b-sag', 'c-sag'];
      log.given(styregruppenSeptember);
      for (const caseId of proposed) {
        log.given(caseProposed(caseId, 'styregruppen'), caseScheduled(caseId, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-09-01T09:00:00+02:00' }));
      }
      for (const caseId of ['c-sag', 'a-sag', 'b-sag']) log.given(casePostponed(caseId, 'styregruppen', 'styregruppen-2025-09-19', at));
      const { reactions } = log.when(styregruppenNovember, '2025-09-22T09:00:00+02:00');
      // The agenda lists by arrival: the case that has waited longest comes first.
      expect(reactions.map((reaction) => reaction.caseId)).toEqual(['c-sag', 'a-sag', 'b-sag']);
    });

    it('given KKR’s next meeting is 22/10 and a case still waits there, when a later KKR meeting is scheduled, then there is no reaction', () => {
      const log = waitingCases();
      const at = '2025-09-19T13:00:00+02:00';
      log.given(
        caseProposed('plejefamilier-kkr', 'styregruppen'),
        caseScheduled('plejefamilier-kkr', 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-09-01T09:00:00+02:00' }),
        caseDecided('plejefamilier-kkr', 'styregruppen', 'styregruppen-2025-09-19', at),
        caseForwarded('plejefamilier-kkr', 'styregruppen', 'styregruppen-2025-09-19', ['kkr-sjaelland'], 'information', at),
      );
      expect(log.view.cases.get('plejefamilier-kkr')?.forums['kkr-sjaelland']?.state).toBe('waiting');
      expect(log.when(meetingScheduled('kkr-sjaelland-2026-01-27', 'kkr-sjaelland', '2026-01-27T16:00:00+01:00'), '2025-09-22T09:00:00+02:00').reactions).toEqual([]);
    });

    it('given Styregruppen’s 21/11 meeting is next and a case waits, when a meeting is scheduled after it, then there is no reaction', () => {
      const log = waitingCases();
      log.given(styregruppenNovember);
      // The case still waits in the view (the reaction to 21/11 is not carried out here); a later meeting is not the next one.
      expect(log.when(meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00'), '2025-09-22T09:00:00+02:00').reactions).toEqual([]);
    });

    it('given a waiting case and Styregruppen meetings on 12/12 and 21/11, when 12/12 is moved before 21/11, then the case moves onto it', () => {
      const log = waitingCases();
      log.given(meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00'), styregruppenNovember);
      const { event, reactions } = log.when(
        meetingRescheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00', '2025-10-31T09:00:00+01:00', '2025-09-25T09:00:00+02:00'),
        '2025-09-25T09:00:00+02:00',
      );
      expect(reactions).toEqual([{ kind: 'schedule', key: `${event.id}.${takst}`, caseId: takst, meetingId: 'styregruppen-2025-12-12' }]);
    });

    it('given a waiting case and Styregruppen meetings on 21/11 and 12/12, when 12/12 is moved to another day after 21/11, then there is no reaction', () => {
      const log = waitingCases();
      log.given(styregruppenNovember, meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00'));
      expect(
        log.when(
          meetingRescheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00', '2025-12-15T09:00:00+01:00', '2025-09-25T09:00:00+02:00'),
          '2025-09-25T09:00:00+02:00',
        ).reactions,
      ).toEqual([]);
    });
  });

  describe('MeetingCancelled', () => {
    const botilbud = 'botilbud-kapacitet';
    const takst = 'takstanalyse-2026';
    const stoe = 'socialtilsyn-tilsynsreform';
    /** Two open cases and a withdrawn one on K17’s 3/10 meeting, one on 5/12. */
    const casesOnOctober = () => [
      caseProposed(botilbud, 'k17'),
      caseScheduled(botilbud, 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00', { scheduledAt: '2025-08-25T09:00:00+02:00' }),
      caseProposed(takst, 'k17'),
      caseScheduled(takst, 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00', { scheduledAt: '2025-08-26T09:00:00+02:00' }),
      caseProposed(stoe, 'k17'),
      caseScheduled(stoe, 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00', { scheduledAt: '2025-08-26T09:00:00+02:00' }),
      caseWithdrawn(stoe, '2025-09-01T09:00:00+02:00'),
      caseProposed('on-december', 'k17'),
      caseScheduled('on-december', 'k17', 'k17-2025-12-05', '2025-12-05T09:00:00+01:00', { scheduledAt: '2025-08-26T09:00:00+02:00' }),
    ];

    it('given K17 meets on 3/10 and 5/12, when 3/10 is cancelled, then its open cases are scheduled onto 5/12 and the others are left alone', () => {
      const log = history();
      log.given(k17August, k17October, k17December, ...casesOnOctober());
      const { event, reactions } = log.when(meetingCancelled('k17-2025-10-03', 'k17', '2025-09-15T09:00:00+02:00'), '2025-09-15T09:00:00+02:00');
      expect(reactions).toEqual([
        { kind: 'schedule', key: `${event.id}.${botilbud}`, caseId: botilbud, meetingId: 'k17-2025-12-05' },
        { kind: 'schedule', key: `${event.id}.${takst}`, caseId: takst, meetingId: 'k17-2025-12-05' },
      ]);
    });

    it('given no K17 meeting after 3/10, when 3/10 is cancelled, then its open cases are to wait for the next one', () => {
      const log = history();
      log.given(k17October, ...casesOnOctober());
      const { event, reactions } = log.when(meetingCancelled('k17-2025-10-03', 'k17', '2025-09-15T09:00:00+02:00'), '2025-09-15T09:00:00+02:00');
      expect(reactions).toEqual([
        { kind: 'wait', key: `${event.id}.${botilbud}`, caseId: botilbud, fromMeetingId: 'k17-2025-10-03' },
        { kind: 'wait', key: `${event.id}.${takst}`, caseId: takst, fromMeetingId: 'k17-2025-10-03' },
      ]);
    });

    it('given K17 meets on 3/10 and 5/12 and nothing after, when 5/12 is cancelled in September, then its case waits rather than moving forward to 3/10', () => {
      const log = history();
      log.given(k17October, k17December, ...casesOnOctober());
      const { reactions } = log.when(meetingCancelled('k17-2025-12-05', 'k17', '2025-09-15T09:00:00+02:00'), '2025-09-15T09:00:00+02:00');
      expect(reactions).toEqual([expect.objectContaining({ kind: 'wait', caseId: 'on-december', fromMeetingId: 'k17-2025-12-05' })]);
    });

    it('given K17 meets on 3/10, 5/12 and 16/1, when 5/12 is cancelled in September, then its case goes onto 16/1, the meeting after it', () => {
      const log = history();
      log.given(k17October, k17December, meetingScheduled('k17-2026-01-16', 'k17', '2026-01-16T09:00:00+01:00'), ...casesOnOctober());
      const { reactions } = log.when(meetingCancelled('k17-2025-12-05', 'k17', '2025-09-15T09:00:00+02:00'), '2025-09-15T09:00:00+02:00');
      expect(reactions).toEqual([expect.objectContaining({ kind: 'schedule', caseId: 'on-december', meetingId: 'k17-2026-01-16' })]);
    });

    it('given a meeting with no cases, when it is cancelled, then there is no reaction', () => {
      const log = history();
      log.given(k17August, k17October, k17December, ...casesOnOctober());
      expect(log.when(meetingCancelled('k17-2025-08-22', 'k17', '2025-08-01T09:00:00+02:00'), '2025-08-01T09:00:00+02:00').reactions).toEqual([]);
    });
  });

  it('given anything, when a case is proposed, scheduled or decided, a meeting held or a follow-up assigned, then there is no reaction', () => {
    const log = history();
    log.given(styregruppenAugust, k17August);
    const now = '2025-08-08T14:00:00+02:00';
    expect(log.when(caseProposed(tilsyn, 'styregruppen'), now).reactions).toEqual([]);
    expect(log.when(caseScheduled(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T11:00:00+02:00', { scheduledAt: '2025-07-01T09:05:00+02:00' }), now).reactions).toEqual([]);
    expect(log.when(caseDecided(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', now), now).reactions).toEqual([]);
    expect(log.when(meetingHeld('styregruppen-2025-08-08', 'styregruppen', now), now).reactions).toEqual([]);
    expect(log.when(followUpAssigned('kontakt-kora', tilsyn, { dueBeforeMeetingOfForumId: 'k17', assignedAt: now }), now).reactions).toEqual([]);
  });

  describe('worked out against the view as it is when carried out (after a restart, the worker has caught up first)', () => {
    it('given a forward to K17 while the worker was away, and K17’s 22/8 meeting cancelled since, then the case goes onto K17’s next meeting, 3/10', () => {
      const log = history();
      log.given(styregruppenAugust, k17August, k17October, ...tilsynDecidedOnAugust);
      const { event: forward } = log.when(caseForwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17'], 'information', duringAugustMeeting), duringAugustMeeting);
      log.given(meetingCancelled('k17-2025-08-22', 'k17', '2025-08-09T09:00:00+02:00'));
      expect(reactToScheduling(forward, log.view, '2025-08-10T09:00:00+02:00')).toEqual([
        { kind: 'schedule', key: `${forward.id}.${tilsyn}.k17`, caseId: tilsyn, meetingId: 'k17-2025-10-03' },
      ]);
    });

    it('given a forwarded case that has been put on K17’s meeting since (by hand, or by an earlier run), when the forward is reacted to again, then it is left there', () => {
      const log = history();
      log.given(styregruppenAugust, k17August, k17October, ...tilsynDecidedOnAugust);
      const { event: forward } = log.when(caseForwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17'], 'information', duringAugustMeeting), duringAugustMeeting);
      log.given(caseScheduled(tilsyn, 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00', { scheduledAt: '2025-08-09T09:00:00+02:00' }));
      expect(reactToScheduling(forward, log.view, '2025-08-10T09:00:00+02:00')).toEqual([]);
    });

    it('given a case postponed to "the next meeting" and put on 21/11 by hand since, when the postponement is reacted to again, then it is left there', () => {
      const takst = 'takstanalyse-2026';
      const log = history();
      log.given(styregruppenSeptember, styregruppenNovember, meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00'), caseProposed(takst, 'styregruppen'));
      log.given(caseScheduled(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-08-20T10:00:00+02:00' }));
      const { event: postponement } = log.when(casePostponed(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00'), '2025-09-19T12:20:00+02:00');
      log.given(caseScheduled(takst, 'styregruppen', 'styregruppen-2025-12-12', '2025-12-12T09:00:00+01:00', { scheduledAt: '2025-09-19T15:00:00+02:00' }));
      expect(reactToScheduling(postponement, log.view, '2025-09-20T09:00:00+02:00')).toEqual([]);
    });
  });

  describe('reaction keys', () => {
    it('given the same event and view, when asked again (a redelivery, or a restart from an old checkpoint), then the reactions and keys are the same', () => {
      const log = history();
      log.given(styregruppenAugust, k17August, kkrSeptember, ...tilsynDecidedOnAugust);
      const { event, reactions } = log.when(caseForwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17', 'kkr-sjaelland'], 'information', duringAugustMeeting), duringAugustMeeting);
      expect(reactToScheduling(event, log.view, duringAugustMeeting)).toEqual(reactions);
      expect(reactToScheduling(event, log.view, '2025-08-08T11:50:00+02:00').map((reaction) => reaction.key)).toEqual(reactions.map((reaction) => reaction.key));
    });

    it('given one event moving several cases, then every reaction has its own key, built from the event and the case', () => {
      const log = history();
      log.given(k17October, k17December);
      for (const caseId of ['a-sag', 'b-sag', 'c-sag']) log.given(caseProposed(caseId, 'k17'), caseScheduled(caseId, 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00', { scheduledAt: '2025-08-26T09:00:00+02:00' }));
      const { event, reactions } = log.when(meetingCancelled('k17-2025-10-03', 'k17', '2025-09-15T09:00:00+02:00'), '2025-09-15T09:00:00+02:00');
      const keys = reactions.map((reaction) => reaction.key);
      expect(new Set(keys).size).toBe(3);
      expect(keys.every((key) => key.startsWith(event.id) && key.includes(reactions[keys.indexOf(key)].caseId))).toBe(true);
    });

    it('given two different events about the same case, then their keys differ', () => {
      const log = history();
      log.given(styregruppenSeptember, styregruppenNovember, meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00'), caseProposed('takstanalyse-2026', 'styregruppen'));
      log.given(caseScheduled('takstanalyse-2026', 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', { scheduledAt: '2025-08-20T10:00:00+02:00' }));
      const postponement = log.when(casePostponed('takstanalyse-2026', 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00'), '2025-09-19T12:20:00+02:00');
      // The reaction carried out: the case is on 21/11; then 21/11 is cancelled.
      log.given(caseScheduled('takstanalyse-2026', 'styregruppen', 'styregruppen-2025-11-21', '2025-11-21T10:00:00+01:00', { scheduledAt: '2025-09-19T12:21:00+02:00' }));
      const cancellation = log.when(meetingCancelled('styregruppen-2025-11-21', 'styregruppen', '2025-10-01T09:00:00+02:00'), '2025-10-01T09:00:00+02:00');
      expect(postponement.reactions).toEqual([expect.objectContaining({ caseId: 'takstanalyse-2026', meetingId: 'styregruppen-2025-11-21' })]);
      expect(cancellation.reactions).toEqual([expect.objectContaining({ caseId: 'takstanalyse-2026', meetingId: 'styregruppen-2025-12-12' })]);
      expect(cancellation.reactions[0].key).not.toBe(postponement.reactions[0].key);
    });
  });
});
