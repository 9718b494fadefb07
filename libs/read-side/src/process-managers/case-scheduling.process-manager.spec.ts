import {
  CaseEvent,
  caseStreamId,
  FollowUpAssigned,
  followUpStreamId,
  MeetingCancelled,
  MeetingEvent,
  MeetingRescheduled,
  MeetingScheduled,
  meetingStreamId,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { casesProjection } from '../cases/cases.projection';
import { meetingsProjection } from '../meetings/meetings.projection';
import { applyEvent } from '../projection-runner/projection';
import { Reaction, reactToScheduling, SchedulingView } from './case-scheduling.process-manager';

type DomainEvent = CaseEvent | MeetingEvent | FollowUpAssigned;

/**
 * A small log with the process manager's view kept beside it, the way the runner keeps it: every event is
 * folded into the view before the process manager is asked about it.
 */
const history = () => {
  let position = 0;
  const revisions = new Map<string, number>();
  const view = { meetings: new Map(), cases: new Map() } satisfies SchedulingView;
  const append = (event: DomainEvent): RecordedEvent => {
    const streamId = event.type.startsWith('Meeting')
      ? meetingStreamId((event as MeetingEvent).data.meetingId)
      : event.type === 'FollowUpAssigned'
        ? followUpStreamId((event as FollowUpAssigned).data.followUpId)
        : caseStreamId((event as CaseEvent).data.caseId);
    position += 1;
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const recorded: RecordedEvent = {
      id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      streamId,
      type: event.type,
      revision,
      position,
      data: event.data,
      metadata: {},
      recordedAt: new Date(Date.UTC(2025, 4, 2) + position * 60_000),
    };
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

const meetingScheduled = (meetingId: string, forumId: string, startsAt: string, scheduledAt = '2025-05-02T11:30:00+02:00'): MeetingScheduled => ({
  type: 'MeetingScheduled',
  data: { meetingId, forumId, startsAt, endsAt: undefined, scheduledAt },
});
const meetingCancelled = (meetingId: string, forumId: string, cancelledAt: string): MeetingCancelled => ({
  type: 'MeetingCancelled',
  data: { meetingId, forumId, reason: 'For få tilmeldte', cancelledAt },
});
const meetingRescheduled = (meetingId: string, forumId: string, previousStartsAt: string, startsAt: string, rescheduledAt: string): MeetingRescheduled => ({
  type: 'MeetingRescheduled',
  data: { meetingId, forumId, startsAt, previousStartsAt, rescheduledAt },
});
const proposed = (caseId: string, forumId = 'styregruppen', proposedAt = '2025-07-01T09:00:00+02:00'): CaseEvent => ({
  type: 'CaseProposed',
  data: { caseId, forumId, title: caseId, kind: 'decision', recommendation: [], attachments: [], proposedAt },
});
const scheduled = (caseId: string, forumId: string, meetingId: string, startsAt: string, scheduledAt: string, previousMeetingId?: string): CaseEvent => ({
  type: 'CaseScheduled',
  data: { caseId, forumId, meetingId, startsAt, previousMeetingId, scheduledAt },
});
const decided = (caseId: string, forumId: string, meetingId: string, decidedAt: string): CaseEvent => ({
  type: 'CaseDecided',
  data: { caseId, forumId, meetingId, outcome: 'approved', text: 'Styregruppen tiltrådte indstillingen', points: [], decidedAt },
});
const forwarded = (caseId: string, fromForumId: string, fromMeetingId: string, toForumIds: string[], forwardedAt: string): CaseEvent => ({
  type: 'CaseForwarded',
  data: { caseId, fromForumId, fromMeetingId, toForumIds, purpose: 'information', forwardedAt },
});
const postponed = (caseId: string, forumId: string, fromMeetingId: string, postponedAt: string, to?: { meetingId: string; startsAt: string }): CaseEvent => ({
  type: 'CasePostponed',
  data: { caseId, forumId, fromMeetingId, toMeetingId: to?.meetingId, toStartsAt: to?.startsAt, reason: 'Punktet udsættes', postponedAt },
});
const withdrawn = (caseId: string, withdrawnAt: string): CaseEvent => ({ type: 'CaseWithdrawn', data: { caseId, withdrawnAt } });

// The Mødekalender 2025: Styregruppen 8/8, 19/9, 21/11; K17 22/8, 3/10, 5/12; KKR 2/9, 22/10.
const styregruppenAugust = meetingScheduled('styregruppen-2025-08-08', 'styregruppen', '2025-08-08T11:00:00+02:00');
const styregruppenSeptember = meetingScheduled('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T12:00:00+02:00');
const styregruppenNovember = meetingScheduled('styregruppen-2025-11-21', 'styregruppen', '2025-11-21T10:00:00+01:00');
const k17August = meetingScheduled('k17-2025-08-22', 'k17', '2025-08-22T09:00:00+02:00');
const k17October = meetingScheduled('k17-2025-10-03', 'k17', '2025-10-03T09:00:00+02:00');
const k17December = meetingScheduled('k17-2025-12-05', 'k17', '2025-12-05T09:00:00+01:00');
const kkrSeptember = meetingScheduled('kkr-sjaelland-2025-09-02', 'kkr-sjaelland', '2025-09-02T16:00:00+02:00');
const kkrOctober = meetingScheduled('kkr-sjaelland-2025-10-22', 'kkr-sjaelland', '2025-10-22T16:00:00+02:00');

const tilsyn = 'socialtilsyn-oest-aarsrapport-2024';
const duringAugustMeeting = '2025-08-08T11:46:00+02:00';

/** A case decided on 8/8 in Styregruppen, ready to be forwarded. */
const tilsynDecidedOnAugust = [proposed(tilsyn), scheduled(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T11:00:00+02:00', '2025-07-01T09:05:00+02:00'), decided(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T11:45:00+02:00')];

describe('case scheduling process manager', () => {
  describe('CaseForwarded', () => {
    it('given K17 and KKR each have a coming meeting, when a case is forwarded to both, then it is scheduled onto each one’s next meeting', () => {
      const log = history();
      log.given(styregruppenAugust, k17August, k17October, kkrSeptember, kkrOctober, ...tilsynDecidedOnAugust);
      const { event, reactions } = log.when(forwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17', 'kkr-sjaelland'], duringAugustMeeting), duringAugustMeeting);
      expect(reactions).toEqual([
        { kind: 'schedule', key: `${event.id}.${tilsyn}.k17`, caseId: tilsyn, meetingId: 'k17-2025-08-22' },
        { kind: 'schedule', key: `${event.id}.${tilsyn}.kkr-sjaelland`, caseId: tilsyn, meetingId: 'kkr-sjaelland-2025-09-02' },
      ]);
    });

    it('given KL Koordinationsforum has no meeting, when a case is forwarded there, then there is no reaction: it waits in that forum’s pipeline', () => {
      const log = history();
      log.given(styregruppenAugust, k17August, ...tilsynDecidedOnAugust);
      expect(log.when(forwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['kl-koordinationsforum'], duringAugustMeeting), duringAugustMeeting).reactions).toEqual([]);
    });

    it('given K17 has a meeting and KL Koordinationsforum none, when forwarded to both, then only K17 gets it scheduled', () => {
      const log = history();
      log.given(styregruppenAugust, k17August, ...tilsynDecidedOnAugust);
      const { reactions } = log.when(forwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17', 'kl-koordinationsforum'], duringAugustMeeting), duringAugustMeeting);
      expect(reactions.map((reaction) => [reaction.kind, reaction.caseId, reaction.kind === 'schedule' && reaction.meetingId])).toEqual([['schedule', tilsyn, 'k17-2025-08-22']]);
    });

    it('given K17’s 22/8 meeting is cancelled and its May meeting held, when forwarded, then it goes onto 3/10', () => {
      const log = history();
      log.given(
        meetingScheduled('k17-2025-05-23', 'k17', '2025-05-23T09:00:00+02:00'),
        { type: 'MeetingHeld', data: { meetingId: 'k17-2025-05-23', forumId: 'k17', heldAt: '2025-05-23T12:00:00+02:00' } },
        styregruppenAugust,
        k17August,
        k17October,
        meetingCancelled('k17-2025-08-22', 'k17', '2025-08-01T09:00:00+02:00'),
        ...tilsynDecidedOnAugust,
      );
      const { reactions } = log.when(forwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17'], duringAugustMeeting), duringAugustMeeting);
      expect(reactions).toEqual([expect.objectContaining({ kind: 'schedule', meetingId: 'k17-2025-10-03' })]);
    });
  });

  describe('CasePostponed', () => {
    const takst = 'takstanalyse-2026';
    const takstOnSeptember = [proposed(takst), scheduled(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', '2025-08-20T10:00:00+02:00')];

    it('given a case on 19/9, when it is postponed to the named 21/11 meeting, then there is no reaction', () => {
      const log = history();
      log.given(styregruppenSeptember, styregruppenNovember, ...takstOnSeptember);
      const to = { meetingId: 'styregruppen-2025-11-21', startsAt: '2025-11-21T10:00:00+01:00' };
      expect(log.when(postponed(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00', to), '2025-09-19T12:20:00+02:00').reactions).toEqual([]);
    });

    it('given a case on 19/9, when at the meeting it is postponed to "the next meeting", then it is scheduled onto 21/11', () => {
      const log = history();
      log.given(styregruppenAugust, styregruppenSeptember, styregruppenNovember, ...takstOnSeptember);
      const { event, reactions } = log.when(postponed(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00'), '2025-09-19T12:20:00+02:00');
      expect(reactions).toEqual([{ kind: 'schedule', key: `${event.id}.${takst}.styregruppen`, caseId: takst, meetingId: 'styregruppen-2025-11-21' }]);
    });

    it('given no later meeting of Styregruppen, when postponed to "the next meeting", then there is no reaction: it waits', () => {
      const log = history();
      log.given(styregruppenSeptember, ...takstOnSeptember);
      expect(log.when(postponed(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00'), '2025-09-19T12:20:00+02:00').reactions).toEqual([]);
    });

    it('given a case on 19/9, when the secretariat postpones it to "the next meeting" days before 19/9, then it goes onto 21/11, not back onto 19/9', () => {
      const log = history();
      log.given(styregruppenSeptember, styregruppenNovember, ...takstOnSeptember);
      const { reactions } = log.when(postponed(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-15T09:00:00+02:00'), '2025-09-15T09:00:00+02:00');
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
        proposed(forsorgshjem),
        scheduled(forsorgshjem, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', '2025-09-01T09:00:00+02:00'),
        decided(forsorgshjem, 'styregruppen', 'styregruppen-2025-09-19', at),
        forwarded(forsorgshjem, 'styregruppen', 'styregruppen-2025-09-19', ['kl-koordinationsforum'], at),
        proposed(botilbud),
        scheduled(botilbud, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', '2025-09-01T09:00:00+02:00'),
        decided(botilbud, 'styregruppen', 'styregruppen-2025-09-19', at),
        forwarded(botilbud, 'styregruppen', 'styregruppen-2025-09-19', ['kkr-sjaelland'], at),
        scheduled(botilbud, 'kkr-sjaelland', 'kkr-sjaelland-2025-10-22', '2025-10-22T16:00:00+02:00', at),
        proposed(takst),
        scheduled(takst, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', '2025-09-01T09:00:00+02:00'),
        postponed(takst, 'styregruppen', 'styregruppen-2025-09-19', at),
        proposed(plejefamilier, 'kl-koordinationsforum'),
        proposed(ankestyrelsen),
        scheduled(ankestyrelsen, 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', '2025-09-01T09:00:00+02:00'),
        decided(ankestyrelsen, 'styregruppen', 'styregruppen-2025-09-19', at),
        forwarded(ankestyrelsen, 'styregruppen', 'styregruppen-2025-09-19', ['kl-koordinationsforum'], at),
        withdrawn(ankestyrelsen, '2025-09-25T09:00:00+02:00'),
      );
      return log;
    };

    it('given a case forwarded to KL waiting, when KL Koordinationsforum’s first meeting is scheduled, then only that forwarded case moves onto it', () => {
      const log = waitingCases();
      const { event, reactions } = log.when(
        meetingScheduled('kl-koordinationsforum-2025-11-12', 'kl-koordinationsforum', '2025-11-12T10:00:00+01:00', '2025-10-01T09:00:00+02:00'),
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

    it('given KKR’s next meeting is 22/10 and a case still waits there, when a later KKR meeting is scheduled, then there is no reaction', () => {
      const log = waitingCases();
      const at = '2025-09-19T13:00:00+02:00';
      log.given(
        proposed('plejefamilier-kkr'),
        scheduled('plejefamilier-kkr', 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', '2025-09-01T09:00:00+02:00'),
        decided('plejefamilier-kkr', 'styregruppen', 'styregruppen-2025-09-19', at),
        forwarded('plejefamilier-kkr', 'styregruppen', 'styregruppen-2025-09-19', ['kkr-sjaelland'], at),
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
      proposed(botilbud, 'k17'),
      scheduled(botilbud, 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00', '2025-08-25T09:00:00+02:00'),
      proposed(takst, 'k17'),
      scheduled(takst, 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00', '2025-08-26T09:00:00+02:00'),
      proposed(stoe, 'k17'),
      scheduled(stoe, 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00', '2025-08-26T09:00:00+02:00'),
      withdrawn(stoe, '2025-09-01T09:00:00+02:00'),
      proposed('on-december', 'k17'),
      scheduled('on-december', 'k17', 'k17-2025-12-05', '2025-12-05T09:00:00+01:00', '2025-08-26T09:00:00+02:00'),
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
    expect(log.when(proposed(tilsyn), now).reactions).toEqual([]);
    expect(log.when(scheduled(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T11:00:00+02:00', '2025-07-01T09:05:00+02:00'), now).reactions).toEqual([]);
    expect(log.when(decided(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', now), now).reactions).toEqual([]);
    expect(log.when({ type: 'MeetingHeld', data: { meetingId: 'styregruppen-2025-08-08', forumId: 'styregruppen', heldAt: now } }, now).reactions).toEqual([]);
    expect(
      log.when(
        {
          type: 'FollowUpAssigned',
          data: { followUpId: 'kontakt-kora', caseId: tilsyn, forumId: 'styregruppen', description: 'Sekretariatet kontakter KORA', owners: [{ name: 'Rammeaftalesekretariatet' }], dueBeforeMeetingOfForumId: 'k17', assignedAt: now },
        },
        now,
      ).reactions,
    ).toEqual([]);
  });

  describe('reaction keys', () => {
    it('given the same event and view, when asked again (a redelivery, or a restart from an old checkpoint), then the reactions and keys are the same', () => {
      const log = history();
      log.given(styregruppenAugust, k17August, kkrSeptember, ...tilsynDecidedOnAugust);
      const { event, reactions } = log.when(forwarded(tilsyn, 'styregruppen', 'styregruppen-2025-08-08', ['k17', 'kkr-sjaelland'], duringAugustMeeting), duringAugustMeeting);
      expect(reactToScheduling(event, log.view, duringAugustMeeting)).toEqual(reactions);
      expect(reactToScheduling(event, log.view, '2025-08-08T11:50:00+02:00').map((reaction) => reaction.key)).toEqual(reactions.map((reaction) => reaction.key));
    });

    it('given one event moving several cases, then every reaction has its own key, built from the event and the case', () => {
      const log = history();
      log.given(k17October, k17December);
      for (const caseId of ['a-sag', 'b-sag', 'c-sag']) log.given(proposed(caseId, 'k17'), scheduled(caseId, 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00', '2025-08-26T09:00:00+02:00'));
      const { event, reactions } = log.when(meetingCancelled('k17-2025-10-03', 'k17', '2025-09-15T09:00:00+02:00'), '2025-09-15T09:00:00+02:00');
      const keys = reactions.map((reaction) => reaction.key);
      expect(new Set(keys).size).toBe(3);
      expect(keys.every((key) => key.startsWith(event.id) && key.includes(reactions[keys.indexOf(key)].caseId))).toBe(true);
    });

    it('given two different events about the same case, then their keys differ', () => {
      const log = history();
      log.given(styregruppenSeptember, styregruppenNovember, meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00'), proposed('takstanalyse-2026'));
      log.given(scheduled('takstanalyse-2026', 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:00:00+02:00', '2025-08-20T10:00:00+02:00'));
      const postponement = log.when(postponed('takstanalyse-2026', 'styregruppen', 'styregruppen-2025-09-19', '2025-09-19T12:20:00+02:00'), '2025-09-19T12:20:00+02:00');
      // The reaction carried out: the case is on 21/11; then 21/11 is cancelled.
      log.given(scheduled('takstanalyse-2026', 'styregruppen', 'styregruppen-2025-11-21', '2025-11-21T10:00:00+01:00', '2025-09-19T12:21:00+02:00'));
      const cancellation = log.when(meetingCancelled('styregruppen-2025-11-21', 'styregruppen', '2025-10-01T09:00:00+02:00'), '2025-10-01T09:00:00+02:00');
      expect(postponement.reactions).toEqual([expect.objectContaining({ caseId: 'takstanalyse-2026', meetingId: 'styregruppen-2025-11-21' })]);
      expect(cancellation.reactions).toEqual([expect.objectContaining({ caseId: 'takstanalyse-2026', meetingId: 'styregruppen-2025-12-12' })]);
      expect(cancellation.reactions[0].key).not.toBe(postponement.reactions[0].key);
    });
  });
});
