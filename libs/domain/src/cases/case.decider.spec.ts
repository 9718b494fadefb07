import { fold } from '../shared/decider';
import { specFor } from '../shared/decider.testing';
import { CaseCommand, DecideCase, ForwardCase, MeetingFacts, ProposeCase, ScheduleCase } from './case.commands';
import { caseDecider } from './case.decider';
import { CaseClosed, CaseDecided, CaseEvent, CaseForwarded, CasePostponed, CaseProposed, CaseScheduled, CaseWithdrawn } from './case.events';

const given = specFor(caseDecider);

// The meetings, as the minutes' Mødekalender 2025 lists them.
const meeting = (meetingId: string, forumId: string, startsAt: string, status: MeetingFacts['status'] = 'scheduled'): MeetingFacts => ({
  meetingId,
  forumId,
  startsAt,
  status,
});
const styregruppenMarch = meeting('styregruppen-2025-03-14', 'styregruppen', '2025-03-14T09:00:00+01:00', 'held');
const styregruppenMay = meeting('styregruppen-2025-05-02', 'styregruppen', '2025-05-02T09:00:00+02:00');
const styregruppenAugust = meeting('styregruppen-2025-08-08', 'styregruppen', '2025-08-08T11:00:00+02:00');
const styregruppenSeptember = meeting('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T12:00:00+02:00');
const k17August = meeting('k17-2025-08-22', 'k17', '2025-08-22T09:00:00+02:00');
const kkrSeptember = meeting('kkr-sjaelland-2025-09-02', 'kkr-sjaelland', '2025-09-02T16:00:00+02:00');

// The clock along the way.
const whenProposed = '2025-04-22T10:00:00+02:00';
const whenPutOnMayAgenda = '2025-04-24T14:30:00+02:00';
const beforeMayMeeting = '2025-04-30T08:45:00+02:00';
const duringMayMeeting = '2025-05-02T09:10:00+02:00';
const duringAugustMeeting = '2025-08-08T12:45:00+02:00';
const rightAfterTheDecision = '2025-08-08T12:46:00+02:00';
const whenPutOnK17Agenda = '2025-08-11T09:00:00+02:00';
const duringK17Meeting = '2025-08-22T10:20:00+02:00';

const caseId = 'kvalitet-kommuner-forsorgshjem';
const title = 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem';

const propose: ProposeCase = {
  type: 'ProposeCase',
  caseId,
  forumId: 'styregruppen',
  title,
  kind: 'decision',
  summary: 'Et notat peger på udfordringer i samarbejdet mellem kommunerne og forsorgshjemmene om de mest udsatte borgere.',
  recommendation: [
    'Godkender, at notatet videresendes til de øvrige regioners rammeaftalesekretariater',
    'Drøfter input til den videre proces',
  ],
  background: 'Slagelse Kommune har som forsorgshjemskommune rejst sagen i Økonomigruppen.',
  attachments: [{ title: 'Notat om samarbejdet med forsorgshjem', url: 'https://rammeaftale-sjaelland.dk/bilag/forsorgshjem-notat.pdf' }],
  presenter: 'Slagelse Kommune',
  now: whenProposed,
};

const proposed: CaseProposed = {
  type: 'CaseProposed',
  data: {
    caseId,
    forumId: 'styregruppen',
    title,
    kind: 'decision',
    summary: propose.summary,
    recommendation: propose.recommendation!,
    background: propose.background,
    attachments: propose.attachments!,
    presenter: 'Slagelse Kommune',
    proposedAt: whenProposed,
  },
};
const scheduledInMay: CaseScheduled = {
  type: 'CaseScheduled',
  data: {
    caseId,
    forumId: 'styregruppen',
    meetingId: styregruppenMay.meetingId,
    startsAt: styregruppenMay.startsAt,
    scheduledAt: whenPutOnMayAgenda,
  },
};
/** "Punktet udsættes til næste styregruppemøde 8/8, 11-14", decided under item 1 of 2/5. */
const postponedToAugust: CasePostponed = {
  type: 'CasePostponed',
  data: {
    caseId,
    forumId: 'styregruppen',
    fromMeetingId: styregruppenMay.meetingId,
    toMeetingId: styregruppenAugust.meetingId,
    toStartsAt: styregruppenAugust.startsAt,
    reason: 'Dagsordenen blev godkendt med den ændring, at punktet udsættes',
    postponedAt: duringMayMeeting,
  },
};
const postponedToNextMeeting: CasePostponed = {
  type: 'CasePostponed',
  data: {
    caseId,
    forumId: 'styregruppen',
    fromMeetingId: styregruppenMay.meetingId,
    reason: 'Sagen genbehandles på næste styregruppemøde',
    postponedAt: duringMayMeeting,
  },
};
const decidedInAugust: CaseDecided = {
  type: 'CaseDecided',
  data: {
    caseId,
    forumId: 'styregruppen',
    meetingId: styregruppenAugust.meetingId,
    outcome: 'decided',
    text: 'Styregruppen besluttede, at notatet justeres og jf. indstillingen videresendes.',
    points: ['Notatet justeres', 'Sekretariatet afklarer, om de øvrige regioner kan bakke op'],
    decidedAt: duringAugustMeeting,
  },
};
/** "Sagen videresendes til K17 og KKR." */
const forwardedToK17AndKkr: CaseForwarded = {
  type: 'CaseForwarded',
  data: {
    caseId,
    fromForumId: 'styregruppen',
    fromMeetingId: styregruppenAugust.meetingId,
    toForumIds: ['k17', 'kkr-sjaelland'],
    purpose: 'decision',
    forwardedAt: rightAfterTheDecision,
  },
};
const scheduledInK17: CaseScheduled = {
  type: 'CaseScheduled',
  data: { caseId, forumId: 'k17', meetingId: k17August.meetingId, startsAt: k17August.startsAt, scheduledAt: whenPutOnK17Agenda },
};
const withdrawn: CaseWithdrawn = {
  type: 'CaseWithdrawn',
  data: { caseId, reason: 'Slagelse Kommune trækker notatet tilbage til omskrivning', withdrawnAt: '2025-04-28T11:00:00+02:00' },
};
const closed: CaseClosed = { type: 'CaseClosed', data: { caseId, closedAt: '2025-09-20T10:00:00+02:00' } };

const scheduleOn = (at: MeetingFacts, now: string): ScheduleCase => ({ type: 'ScheduleCase', meeting: at, now });
const decideAt = (at: MeetingFacts, now: string): DecideCase => ({
  type: 'DecideCase',
  meeting: at,
  outcome: 'decided',
  text: 'Styregruppen besluttede, at notatet justeres og jf. indstillingen videresendes.',
  points: ['Notatet justeres', 'Sekretariatet afklarer, om de øvrige regioner kan bakke op'],
  now,
});
const forwardFrom = (at: MeetingFacts, toForumIds: string[], now: string): ForwardCase => ({
  type: 'ForwardCase',
  meeting: at,
  toForumIds,
  purpose: 'decision',
  now,
});

/** One of each command but ProposeCase, for the states in which all of them are refused alike. */
const everyCommandButPropose: [string, CaseCommand][] = [
  ['scheduling it', scheduleOn(styregruppenSeptember, '2025-09-01T09:00:00+02:00')],
  ['postponing it', { type: 'PostponeCase', fromMeetingId: styregruppenMay.meetingId, now: duringMayMeeting }],
  ['deciding it', decideAt(styregruppenMay, duringMayMeeting)],
  ['forwarding it', forwardFrom(styregruppenMay, ['k17', 'kkr-sjaelland'], duringMayMeeting)],
  ['withdrawing it', { type: 'WithdrawCase', reason: 'Ikke længere aktuel', now: '2025-09-20T10:00:00+02:00' }],
  ['closing it', { type: 'CloseCase', now: '2025-09-20T10:00:00+02:00' }],
];

describe('case decider', () => {
  describe('when none', () => {
    it('proposes the case to its forum with everything the agenda item needs', () => {
      given([]).when(propose).then([proposed]);
    });

    it('proposes a case without recommendation or attachments as empty lists', () => {
      given([])
        .when({ type: 'ProposeCase', caseId, forumId: 'styregruppen', title, kind: 'information', now: whenProposed })
        .then([
          {
            type: 'CaseProposed',
            data: { caseId, forumId: 'styregruppen', title, kind: 'information', recommendation: [], attachments: [], proposedAt: whenProposed },
          },
        ]);
    });

    it('marks a standing item in its proposal, and leaves the mark out of a matter’s, as events from before it read', () => {
      const bare = { type: 'ProposeCase', caseId, forumId: 'styregruppen', title: 'Godkendelse af dagsorden', kind: 'decision', now: whenProposed } as const;
      const data: CaseProposed['data'] = { caseId, forumId: 'styregruppen', title: 'Godkendelse af dagsorden', kind: 'decision', recommendation: [], attachments: [], proposedAt: whenProposed };
      given([]).when({ ...bare, standing: true }).then([{ type: 'CaseProposed', data: { ...data, standing: true } }]);
      const matter = caseDecider.decide({ ...bare, standing: false }, caseDecider.initialState());
      expect(matter).toEqual([{ type: 'CaseProposed', data }]);
      expect((matter as CaseProposed[])[0].data).not.toHaveProperty('standing');
    });

    it.each(everyCommandButPropose)('refuses %s', (_, command) => {
      given([]).when(command).thenRefuses('case.not_found', 'not_found');
    });
  });

  describe('when proposed', () => {
    it('refuses to propose it again', () => {
      given([proposed]).when(propose).thenRefuses('case.already_exists');
    });

    it("schedules it on a coming meeting of its forum", () => {
      given([proposed]).when(scheduleOn(styregruppenMay, whenPutOnMayAgenda)).then([scheduledInMay]);
    });

    it('refuses to schedule it onto a cancelled meeting', () => {
      given([proposed]).when(scheduleOn({ ...styregruppenMay, status: 'cancelled' }, whenPutOnMayAgenda)).thenRefuses('meeting.cancelled');
    });

    it('refuses to schedule it onto a meeting that has already begun', () => {
      given([proposed]).when(scheduleOn(styregruppenMay, '2025-05-02T09:00:00+02:00')).thenRefuses('meeting.past');
    });

    // Minutes imported out of order: the later minutes already recorded the meeting as held, while the
    // command of the earlier minutes carries a time before its start. Held is past, whatever the clock says.
    it('refuses to schedule it onto a meeting recorded as held, though its start is still ahead', () => {
      given([proposed]).when(scheduleOn({ ...styregruppenMay, status: 'held' }, whenPutOnMayAgenda)).thenRefuses('meeting.past');
    });

    it('refuses to schedule it in a forum it was neither proposed in nor forwarded to', () => {
      given([proposed]).when(scheduleOn(k17August, whenPutOnMayAgenda)).thenRefuses('case.not_in_forum');
    });

    it('refuses to postpone it from a meeting it is not on', () => {
      given([proposed]).when({ type: 'PostponeCase', fromMeetingId: styregruppenMay.meetingId, now: duringMayMeeting }).thenRefuses('case.not_on_meeting');
    });

    it('refuses to decide it at a meeting it is not on', () => {
      given([proposed]).when(decideAt(styregruppenMay, duringMayMeeting)).thenRefuses('case.not_on_meeting');
    });

    it('refuses to forward it from a meeting it is not on', () => {
      given([proposed]).when(forwardFrom(styregruppenMay, ['k17'], duringMayMeeting)).thenRefuses('case.not_on_meeting');
    });

    it('withdraws it', () => {
      given([proposed])
        .when({ type: 'WithdrawCase', reason: 'Slagelse Kommune trækker notatet tilbage til omskrivning', now: '2025-04-28T11:00:00+02:00' })
        .then([withdrawn]);
    });

    it('closes it', () => {
      given([proposed]).when({ type: 'CloseCase', now: '2025-09-20T10:00:00+02:00' }).then([closed]);
    });
  });

  describe('when scheduled on a meeting', () => {
    const onMay = [proposed, scheduledInMay];

    it('moves it to another meeting of the forum and names the one it left', () => {
      given(onMay)
        .when(scheduleOn(styregruppenAugust, beforeMayMeeting))
        .then([
          {
            type: 'CaseScheduled',
            data: {
              caseId,
              forumId: 'styregruppen',
              meetingId: styregruppenAugust.meetingId,
              startsAt: styregruppenAugust.startsAt,
              previousMeetingId: styregruppenMay.meetingId,
              scheduledAt: beforeMayMeeting,
            },
          },
        ]);
    });

    it('refuses to schedule it onto the meeting it is already on', () => {
      given(onMay).when(scheduleOn(styregruppenMay, beforeMayMeeting)).thenRefuses('case.already_scheduled');
    });

    it('postpones it to a named later meeting ("udsættes til næste styregruppemøde 8/8, 11-14")', () => {
      given(onMay)
        .when({
          type: 'PostponeCase',
          fromMeetingId: styregruppenMay.meetingId,
          to: styregruppenAugust,
          reason: 'Dagsordenen blev godkendt med den ændring, at punktet udsættes',
          now: duringMayMeeting,
        })
        .then([postponedToAugust]);
    });

    it("postpones it to the forum's next meeting, whenever that is: no target meeting, the case waits", () => {
      given(onMay)
        .when({ type: 'PostponeCase', fromMeetingId: styregruppenMay.meetingId, reason: 'Sagen genbehandles på næste styregruppemøde', now: duringMayMeeting })
        .then([postponedToNextMeeting]);
    });

    it('refuses to postpone it from a meeting it is not on', () => {
      given(onMay)
        .when({ type: 'PostponeCase', fromMeetingId: styregruppenAugust.meetingId, to: styregruppenSeptember, now: duringMayMeeting })
        .thenRefuses('case.not_on_meeting');
    });

    it('refuses to postpone it to a cancelled meeting', () => {
      given(onMay)
        .when({ type: 'PostponeCase', fromMeetingId: styregruppenMay.meetingId, to: { ...styregruppenAugust, status: 'cancelled' }, now: duringMayMeeting })
        .thenRefuses('meeting.cancelled');
    });

    it('refuses to postpone it to a meeting already held', () => {
      given(onMay)
        .when({ type: 'PostponeCase', fromMeetingId: styregruppenMay.meetingId, to: styregruppenMarch, now: duringMayMeeting })
        .thenRefuses('meeting.past');
    });

    it('refuses to postpone it to a meeting recorded as held, though its start is still ahead', () => {
      given(onMay)
        .when({ type: 'PostponeCase', fromMeetingId: styregruppenMay.meetingId, to: { ...styregruppenAugust, status: 'held' }, now: duringMayMeeting })
        .thenRefuses('meeting.past');
    });

    it("refuses to postpone it to another forum's meeting", () => {
      given(onMay)
        .when({ type: 'PostponeCase', fromMeetingId: styregruppenMay.meetingId, to: k17August, now: duringMayMeeting })
        .thenRefuses('case.other_forum');
    });

    it('refuses to postpone it to the meeting it is postponed from', () => {
      given(onMay)
        .when({ type: 'PostponeCase', fromMeetingId: styregruppenMay.meetingId, to: styregruppenMay, now: beforeMayMeeting })
        .thenRefuses('case.same_meeting');
    });

    it('decides it at the meeting', () => {
      given(onMay)
        .when({ type: 'DecideCase', meeting: styregruppenMay, outcome: 'approved', text: 'Styregruppen tiltrådte indstillingen.', now: duringMayMeeting })
        .then([
          {
            type: 'CaseDecided',
            data: {
              caseId,
              forumId: 'styregruppen',
              meetingId: styregruppenMay.meetingId,
              outcome: 'approved',
              text: 'Styregruppen tiltrådte indstillingen.',
              points: [],
              decidedAt: duringMayMeeting,
            },
          },
        ]);
    });

    it('refuses to decide it at a cancelled meeting', () => {
      given(onMay).when(decideAt({ ...styregruppenMay, status: 'cancelled' }, duringMayMeeting)).thenRefuses('meeting.cancelled');
    });

    it('refuses to decide it at a meeting it is not on', () => {
      given(onMay).when(decideAt(styregruppenAugust, duringAugustMeeting)).thenRefuses('case.not_on_meeting');
    });

    it('refuses to decide it before the meeting begins', () => {
      given(onMay).when(decideAt(styregruppenMay, beforeMayMeeting)).thenRefuses('meeting.not_started');
    });

    it('forwards it from the meeting to K17 and KKR', () => {
      given(onMay)
        .when(forwardFrom(styregruppenMay, ['k17', 'kkr-sjaelland'], duringMayMeeting))
        .then([
          {
            type: 'CaseForwarded',
            data: {
              caseId,
              fromForumId: 'styregruppen',
              fromMeetingId: styregruppenMay.meetingId,
              toForumIds: ['k17', 'kkr-sjaelland'],
              purpose: 'decision',
              forwardedAt: duringMayMeeting,
            },
          },
        ]);
    });

    it('names each target forum once when forwarding', () => {
      given(onMay)
        .when({ ...forwardFrom(styregruppenMay, ['k17', 'kkr-sjaelland', 'k17'], duringMayMeeting), purpose: 'information' })
        .then([
          {
            type: 'CaseForwarded',
            data: {
              caseId,
              fromForumId: 'styregruppen',
              fromMeetingId: styregruppenMay.meetingId,
              toForumIds: ['k17', 'kkr-sjaelland'],
              purpose: 'information',
              forwardedAt: duringMayMeeting,
            },
          },
        ]);
    });

    it('refuses to forward it from a cancelled meeting', () => {
      given(onMay).when(forwardFrom({ ...styregruppenMay, status: 'cancelled' }, ['k17'], duringMayMeeting)).thenRefuses('meeting.cancelled');
    });

    it('refuses to forward it from a meeting it is not on', () => {
      given(onMay).when(forwardFrom(styregruppenAugust, ['k17'], duringAugustMeeting)).thenRefuses('case.not_on_meeting');
    });

    it('refuses to forward it before the meeting begins', () => {
      given(onMay).when(forwardFrom(styregruppenMay, ['k17'], beforeMayMeeting)).thenRefuses('meeting.not_started');
    });

    it('refuses to forward it to no forum at all', () => {
      given(onMay).when(forwardFrom(styregruppenMay, [], duringMayMeeting)).thenRefuses('case.no_target_forum');
    });

    it('refuses to forward it to its own forum', () => {
      given(onMay).when(forwardFrom(styregruppenMay, ['k17', 'styregruppen'], duringMayMeeting)).thenRefuses('case.forward_to_same_forum');
    });

    it('withdraws it from the agenda', () => {
      given(onMay).when({ type: 'WithdrawCase', reason: 'Slagelse Kommune trækker notatet tilbage til omskrivning', now: '2025-04-28T11:00:00+02:00' }).then([withdrawn]);
    });

    it('closes it', () => {
      given(onMay).when({ type: 'CloseCase', now: '2025-09-20T10:00:00+02:00' }).then([closed]);
    });

    describe('after it was postponed from 2/5 to 8/8 ("udsat fra 2/5")', () => {
      it('decides it at the August meeting', () => {
        given([...onMay, postponedToAugust]).when(decideAt(styregruppenAugust, duringAugustMeeting)).then([decidedInAugust]);
      });

      it('no longer has it on the May meeting', () => {
        given([...onMay, postponedToAugust]).when(decideAt(styregruppenMay, duringMayMeeting)).thenRefuses('case.not_on_meeting');
      });
    });
  });

  describe("when postponed to the forum's next meeting", () => {
    const waiting = [proposed, scheduledInMay, postponedToNextMeeting];

    it('goes onto the next meeting once one is there, coming from no meeting', () => {
      given(waiting)
        .when(scheduleOn(styregruppenAugust, '2025-05-05T09:00:00+02:00'))
        .then([
          {
            type: 'CaseScheduled',
            data: {
              caseId,
              forumId: 'styregruppen',
              meetingId: styregruppenAugust.meetingId,
              startsAt: styregruppenAugust.startsAt,
              scheduledAt: '2025-05-05T09:00:00+02:00',
            },
          },
        ]);
    });

    it('is no longer on the meeting it was postponed from', () => {
      given(waiting).when({ type: 'PostponeCase', fromMeetingId: styregruppenMay.meetingId, now: duringMayMeeting }).thenRefuses('case.not_on_meeting');
    });
  });

  describe('when decided', () => {
    const decided = [proposed, scheduledInMay, postponedToAugust, decidedInAugust];

    it('puts it on a later meeting of the same forum when it comes back ("genbehandles på næste møde")', () => {
      given(decided)
        .when(scheduleOn(styregruppenSeptember, '2025-08-20T09:00:00+02:00'))
        .then([
          {
            type: 'CaseScheduled',
            data: {
              caseId,
              forumId: 'styregruppen',
              meetingId: styregruppenSeptember.meetingId,
              startsAt: styregruppenSeptember.startsAt,
              previousMeetingId: styregruppenAugust.meetingId,
              scheduledAt: '2025-08-20T09:00:00+02:00',
            },
          },
        ]);
    });

    it('lets the later meeting decide it again', () => {
      const cameBack = { type: 'CaseScheduled' as const, data: { caseId, forumId: 'styregruppen', meetingId: styregruppenSeptember.meetingId, startsAt: styregruppenSeptember.startsAt, scheduledAt: '2025-08-20T09:00:00+02:00' } };
      given([...decided, cameBack])
        .when({ ...decideAt(styregruppenSeptember, '2025-09-19T13:00:00+02:00'), outcome: 'noted', text: 'Styregruppen tog orienteringen til efterretning', points: [] })
        .then([
          {
            type: 'CaseDecided',
            data: { caseId, forumId: 'styregruppen', meetingId: styregruppenSeptember.meetingId, outcome: 'noted', text: 'Styregruppen tog orienteringen til efterretning', points: [], decidedAt: '2025-09-19T13:00:00+02:00' },
          },
        ]);
    });

    it('refuses to postpone it', () => {
      given(decided)
        .when({ type: 'PostponeCase', fromMeetingId: styregruppenAugust.meetingId, to: styregruppenSeptember, now: rightAfterTheDecision })
        .thenRefuses('case.already_decided');
    });

    it('refuses to decide it twice', () => {
      given(decided).when(decideAt(styregruppenAugust, rightAfterTheDecision)).thenRefuses('case.already_decided');
    });

    it('forwards it to K17 and KKR ("Sagen videresendes til K17 og KKR")', () => {
      given(decided).when(forwardFrom(styregruppenAugust, ['k17', 'kkr-sjaelland'], rightAfterTheDecision)).then([forwardedToK17AndKkr]);
    });

    it('withdraws it', () => {
      given(decided)
        .when({ type: 'WithdrawCase', now: '2025-08-12T09:00:00+02:00' })
        .then([{ type: 'CaseWithdrawn', data: { caseId, withdrawnAt: '2025-08-12T09:00:00+02:00' } }]);
    });

    it('closes it', () => {
      given(decided).when({ type: 'CloseCase', now: '2025-09-20T10:00:00+02:00' }).then([closed]);
    });
  });

  describe('when forwarded to K17 and KKR', () => {
    const forwarded = [proposed, scheduledInMay, postponedToAugust, decidedInAugust, forwardedToK17AndKkr];

    it("goes onto K17's next meeting", () => {
      given(forwarded).when(scheduleOn(k17August, whenPutOnK17Agenda)).then([scheduledInK17]);
    });

    it('refuses to forward it again to a forum where it still waits', () => {
      given(forwarded).when(forwardFrom(styregruppenAugust, ['kl-koordinationsforum', 'kkr-sjaelland'], rightAfterTheDecision)).thenRefuses('case.already_forwarded');
    });

    it('forwards it from the same meeting to KL Koordinationsforum as well', () => {
      given(forwarded)
        .when({ ...forwardFrom(styregruppenAugust, ['kl-koordinationsforum'], rightAfterTheDecision), purpose: 'information' })
        .then([
          {
            type: 'CaseForwarded',
            data: {
              caseId,
              fromForumId: 'styregruppen',
              fromMeetingId: styregruppenAugust.meetingId,
              toForumIds: ['kl-koordinationsforum'],
              purpose: 'information',
              forwardedAt: rightAfterTheDecision,
            },
          },
        ]);
    });

    it('refuses to decide it in K17 before it is on a K17 meeting', () => {
      given(forwarded).when(decideAt(k17August, duringK17Meeting)).thenRefuses('case.not_on_meeting');
    });

    it('closes it', () => {
      given(forwarded).when({ type: 'CloseCase', now: '2025-09-20T10:00:00+02:00' }).then([closed]);
    });

    describe("and scheduled on K17's meeting", () => {
      const inK17 = [...forwarded, scheduledInK17];

      it('is decided by K17', () => {
        given(inK17)
          .when({ type: 'DecideCase', meeting: k17August, outcome: 'noted', text: 'K17 tog orienteringen til efterretning.', now: duringK17Meeting })
          .then([
            {
              type: 'CaseDecided',
              data: {
                caseId,
                forumId: 'k17',
                meetingId: k17August.meetingId,
                outcome: 'noted',
                text: 'K17 tog orienteringen til efterretning.',
                points: [],
                decidedAt: duringK17Meeting,
              },
            },
          ]);
      });

      it("is postponed by K17 to K17's next meeting", () => {
        given(inK17)
          .when({ type: 'PostponeCase', fromMeetingId: k17August.meetingId, now: duringK17Meeting })
          .then([{ type: 'CasePostponed', data: { caseId, forumId: 'k17', fromMeetingId: k17August.meetingId, postponedAt: duringK17Meeting } }]);
      });

      it('is sent back by K17 to Styregruppen, where it was decided before, to be worked on again', () => {
        const decidedInK17: CaseDecided = {
          type: 'CaseDecided',
          data: {
            caseId,
            forumId: 'k17',
            meetingId: k17August.meetingId,
            outcome: 'rejected',
            text: 'K17 ønsker notatet genbehandlet i styregruppen.',
            points: [],
            decidedAt: duringK17Meeting,
          },
        };
        given([...inK17, decidedInK17])
          .when(forwardFrom(k17August, ['styregruppen'], duringK17Meeting))
          .then([
            {
              type: 'CaseForwarded',
              data: {
                caseId,
                fromForumId: 'k17',
                fromMeetingId: k17August.meetingId,
                toForumIds: ['styregruppen'],
                purpose: 'decision',
                forwardedAt: duringK17Meeting,
              },
            },
          ]);
      });

      it('still waits in KKR, where it goes onto its own meeting', () => {
        given(inK17)
          .when(scheduleOn(kkrSeptember, '2025-08-25T09:00:00+02:00'))
          .then([
            {
              type: 'CaseScheduled',
              data: {
                caseId,
                forumId: 'kkr-sjaelland',
                meetingId: kkrSeptember.meetingId,
                startsAt: kkrSeptember.startsAt,
                scheduledAt: '2025-08-25T09:00:00+02:00',
              },
            },
          ]);
      });
    });
  });

  describe('when withdrawn', () => {
    const gone = [proposed, scheduledInMay, withdrawn];

    it('refuses to propose it again', () => {
      given(gone).when(propose).thenRefuses('case.already_exists');
    });

    it.each(everyCommandButPropose)('refuses %s', (_, command) => {
      given(gone).when(command).thenRefuses('case.withdrawn');
    });
  });

  describe('when closed', () => {
    const done = [proposed, scheduledInMay, postponedToAugust, decidedInAugust, closed];

    it('refuses to propose it again', () => {
      given(done).when(propose).thenRefuses('case.already_exists');
    });

    it.each(everyCommandButPropose)('refuses %s', (_, command) => {
      given(done).when(command).thenRefuses('case.closed');
    });
  });

  describe('evolve', () => {
    it('folds the way up the chain: postponed, decided, forwarded to K17 and KKR, on K17 meeting', () => {
      const history: CaseEvent[] = [proposed, scheduledInMay, postponedToAugust, decidedInAugust, forwardedToK17AndKkr, scheduledInK17];
      expect(fold(caseDecider, history)).toEqual({
        status: 'open',
        caseId,
        forumId: 'styregruppen',
        title,
        kind: 'decision',
        steps: {
          styregruppen: {
            forumId: 'styregruppen',
            purpose: 'decision',
            state: 'decided',
            meetingId: styregruppenAugust.meetingId,
            startsAt: styregruppenAugust.startsAt,
            carriedOverFrom: styregruppenMay.meetingId,
          },
          k17: { forumId: 'k17', purpose: 'decision', state: 'scheduled', meetingId: k17August.meetingId, startsAt: k17August.startsAt, fromForumId: 'styregruppen' },
          'kkr-sjaelland': { forumId: 'kkr-sjaelland', purpose: 'decision', state: 'waiting', fromForumId: 'styregruppen' },
        },
      });
    });

    it("folds a case postponed to the forum's next meeting back to waiting, with no meeting", () => {
      const state = fold(caseDecider, [proposed, scheduledInMay, postponedToNextMeeting]);
      expect(state).toEqual({
        status: 'open',
        caseId,
        forumId: 'styregruppen',
        title,
        kind: 'decision',
        steps: { styregruppen: { forumId: 'styregruppen', purpose: 'decision', state: 'waiting', carriedOverFrom: styregruppenMay.meetingId } },
      });
      expect(state.status !== 'none' && state.steps.styregruppen.meetingId).toBeUndefined();
    });

    it('folds a withdrawn case, keeping where it stood', () => {
      expect(fold(caseDecider, [proposed, scheduledInMay, withdrawn])).toEqual({
        status: 'withdrawn',
        caseId,
        forumId: 'styregruppen',
        title,
        kind: 'decision',
        steps: {
          styregruppen: {
            forumId: 'styregruppen',
            purpose: 'decision',
            state: 'scheduled',
            meetingId: styregruppenMay.meetingId,
            startsAt: styregruppenMay.startsAt,
          },
        },
      });
    });
  });
});
