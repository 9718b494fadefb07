import { fold } from '../shared/decider';
import { specFor } from '../shared/decider.testing';
import { AssignFollowUp, CaseFacts, FollowUpCommand } from './follow-up.commands';
import { followUpDecider } from './follow-up.decider';
import { FollowUpAssigned, FollowUpCancelled, FollowUpCompleted, FollowUpEscalated, FollowUpEvent, FollowUpReminderRequested, FollowUpRescheduled, Owner } from './follow-up.events';

const given = specFor(followUpDecider);

// "Slagelse og sekretariatet følger op og tager sagen op på møde i Økonomigruppen", out of Styregruppen's 8/8 decision.
const followUpId = 'forsorgshjem-oekonomigruppen';
const caseId = 'kvalitet-kommuner-forsorgshjem';
const openCase: CaseFacts = { caseId, forumId: 'styregruppen', status: 'open' };
const owners: Owner[] = [
  { name: 'Rammeaftalesekretariatet', email: 'rammeaftale@sekretariat.example', organisation: 'Næstved Kommune' },
  { name: 'Mette Holm', email: 'meho@slagelse.example', organisation: 'Slagelse Kommune' },
];
const description = 'Slagelse og sekretariatet følger op og tager sagen op på mødet i Økonomigruppen';
const afterTheAugustMeeting = '2025-08-08T14:10:00+02:00';
const dueBeforeSeptemberMeeting = '2025-09-12';

const assign: AssignFollowUp = {
  type: 'AssignFollowUp',
  followUpId,
  case: openCase,
  description,
  owners,
  due: dueBeforeSeptemberMeeting,
  now: afterTheAugustMeeting,
};

const assigned: FollowUpAssigned = {
  type: 'FollowUpAssigned',
  data: { followUpId, caseId, forumId: 'styregruppen', description, owners, due: dueBeforeSeptemberMeeting, assignedAt: afterTheAugustMeeting },
};
const completed: FollowUpCompleted = {
  type: 'FollowUpCompleted',
  data: { followUpId, caseId, note: 'Drøftet i Økonomigruppen 4/9', completedAt: '2025-09-05T08:30:00+02:00' },
};
const cancelled: FollowUpCancelled = {
  type: 'FollowUpCancelled',
  data: { followUpId, caseId, reason: 'Sagen løftes i stedet i KL’s Koordinationsforum', cancelledAt: '2025-08-20T10:00:00+02:00' },
};
const escalatedToOwner: FollowUpEscalated = {
  type: 'FollowUpEscalated',
  data: { followUpId, caseId, level: 'owner', escalatedAt: '2025-09-13T07:00:00+02:00' },
};
const escalatedToSecretariat: FollowUpEscalated = {
  type: 'FollowUpEscalated',
  data: { followUpId, caseId, level: 'secretariat', escalatedAt: '2025-09-16T07:00:00+02:00' },
};

/** One of each command but AssignFollowUp, for the states in which all of them are refused alike. */
const everyCommandButAssign: [string, FollowUpCommand][] = [
  ['completing it', { type: 'CompleteFollowUp', note: 'Drøftet i Økonomigruppen 4/9', now: '2025-09-05T08:30:00+02:00' }],
  ['moving its due date', { type: 'RescheduleFollowUp', due: '2025-11-14', now: '2025-09-05T08:30:00+02:00' }],
  ['cancelling it', { type: 'CancelFollowUp', now: '2025-09-05T08:30:00+02:00' }],
  ['escalating it', { type: 'EscalateFollowUp', level: 'chair', now: '2025-09-17T07:00:00+02:00' }],
  ['reminding its owners now', { type: 'RequestFollowUpReminder', requestedBy: 'formand-styregruppen', now: '2025-09-05T08:30:00+02:00' }],
];

const reminderRequested = (requestedAt: string): FollowUpReminderRequested => ({
  type: 'FollowUpReminderRequested',
  data: { followUpId, caseId, requestedBy: 'formand-styregruppen', requestedAt },
});

describe('follow-up decider', () => {
  describe('when none', () => {
    it('assigns the follow-up to its owners with a due date, under the case and its forum', () => {
      given([]).when(assign).then([assigned]);
    });

    it('assigns a follow-up due before the next meeting of a forum', () => {
      given([])
        .when({ ...assign, due: undefined, dueBeforeMeetingOfForumId: 'styregruppen' })
        .then([
          {
            type: 'FollowUpAssigned',
            data: { followUpId, caseId, forumId: 'styregruppen', description, owners, dueBeforeMeetingOfForumId: 'styregruppen', assignedAt: afterTheAugustMeeting },
          },
        ]);
    });

    it('accepts a due date of today, in Copenhagen', () => {
      given([])
        .when({ ...assign, due: '2025-08-08', now: '2025-08-08T23:30:00+02:00' })
        .then([{ ...assigned, data: { ...assigned.data, due: '2025-08-08', assignedAt: '2025-08-08T23:30:00+02:00' } }]);
    });

    it('refuses a follow-up on a withdrawn case', () => {
      given([]).when({ ...assign, case: { ...openCase, status: 'withdrawn' } }).thenRefuses('case.withdrawn');
    });

    it('refuses a follow-up on a closed case', () => {
      given([]).when({ ...assign, case: { ...openCase, status: 'closed' } }).thenRefuses('case.closed');
    });

    it('refuses a follow-up without an owner', () => {
      given([]).when({ ...assign, owners: [] }).thenRefuses('follow_up.no_owner');
    });

    it('refuses both a date and a meeting as due', () => {
      given([]).when({ ...assign, dueBeforeMeetingOfForumId: 'styregruppen' }).thenRefuses('follow_up.two_dues');
    });

    it('refuses a due date that is already past in Copenhagen, though not yet in UTC', () => {
      given([]).when({ ...assign, due: '2025-08-08', now: '2025-08-09T00:30:00+02:00' }).thenRefuses('follow_up.due_in_past');
    });

    it.each(everyCommandButAssign)('refuses %s', (_, command) => {
      given([]).when(command).thenRefuses('follow_up.not_found', 'not_found');
    });
  });

  describe('when open', () => {
    it('refuses to assign it again', () => {
      given([assigned]).when(assign).thenRefuses('follow_up.already_exists');
    });

    it('completes it with a note', () => {
      given([assigned]).when({ type: 'CompleteFollowUp', note: 'Drøftet i Økonomigruppen 4/9', now: '2025-09-05T08:30:00+02:00' }).then([completed]);
    });

    it('moves its due date and remembers the old one', () => {
      const rescheduled: FollowUpRescheduled = {
        type: 'FollowUpRescheduled',
        data: { followUpId, caseId, due: '2025-11-14', previousDue: dueBeforeSeptemberMeeting, rescheduledAt: '2025-09-05T08:30:00+02:00' },
      };
      given([assigned]).when({ type: 'RescheduleFollowUp', due: '2025-11-14', now: '2025-09-05T08:30:00+02:00' }).then([rescheduled]);
    });

    it('refuses to move its due date into the past', () => {
      given([assigned]).when({ type: 'RescheduleFollowUp', due: '2025-09-04', now: '2025-09-05T08:30:00+02:00' }).thenRefuses('follow_up.due_in_past');
    });

    it('refuses to move it to the due date it already has', () => {
      given([assigned]).when({ type: 'RescheduleFollowUp', due: dueBeforeSeptemberMeeting, now: '2025-09-05T08:30:00+02:00' }).thenRefuses('follow_up.unchanged');
    });

    it('cancels it with the reason', () => {
      given([assigned])
        .when({ type: 'CancelFollowUp', reason: 'Sagen løftes i stedet i KL’s Koordinationsforum', now: '2025-08-20T10:00:00+02:00' })
        .then([cancelled]);
    });

    it('records who asked for its owners to be reminded now, and when', () => {
      given([assigned])
        .when({ type: 'RequestFollowUpReminder', requestedBy: 'formand-styregruppen', now: '2025-09-15T10:00:00+02:00' })
        .then([reminderRequested('2025-09-15T10:00:00+02:00')]);
    });

    it('takes a second request for a reminder as a reminder of its own', () => {
      given([assigned, reminderRequested('2025-09-15T10:00:00+02:00')])
        .when({ type: 'RequestFollowUpReminder', requestedBy: 'formand-styregruppen', now: '2025-09-16T10:00:00+02:00' })
        .then([reminderRequested('2025-09-16T10:00:00+02:00')]);
    });

    it('escalates an overdue follow-up to its owners first', () => {
      given([assigned]).when({ type: 'EscalateFollowUp', level: 'owner', now: '2025-09-13T07:00:00+02:00' }).then([escalatedToOwner]);
    });
  });

  describe('when done', () => {
    it.each(everyCommandButAssign)('refuses %s', (_, command) => {
      given([assigned, completed]).when(command).thenRefuses('follow_up.done');
    });
  });

  describe('when cancelled', () => {
    it.each(everyCommandButAssign)('refuses %s', (_, command) => {
      given([assigned, cancelled]).when(command).thenRefuses('follow_up.cancelled');
    });
  });

  describe('when escalated to the secretariat', () => {
    const escalated = [assigned, escalatedToOwner, escalatedToSecretariat];

    it("escalates it further, to the forum's chair", () => {
      given(escalated)
        .when({ type: 'EscalateFollowUp', level: 'chair', now: '2025-09-17T07:00:00+02:00' })
        .then([{ type: 'FollowUpEscalated', data: { followUpId, caseId, level: 'chair', escalatedAt: '2025-09-17T07:00:00+02:00' } }]);
    });

    it('refuses to escalate it to the level it has already reached', () => {
      given(escalated).when({ type: 'EscalateFollowUp', level: 'secretariat', now: '2025-09-17T07:00:00+02:00' }).thenRefuses('follow_up.already_escalated');
    });

    it('still completes it', () => {
      given(escalated)
        .when({ type: 'CompleteFollowUp', now: '2025-09-18T15:00:00+02:00' })
        .then([{ type: 'FollowUpCompleted', data: { followUpId, caseId, completedAt: '2025-09-18T15:00:00+02:00' } }]);
    });

    it('still moves its due date', () => {
      given(escalated)
        .when({ type: 'RescheduleFollowUp', due: '2025-11-14', now: '2025-09-18T15:00:00+02:00' })
        .then([
          {
            type: 'FollowUpRescheduled',
            data: { followUpId, caseId, due: '2025-11-14', previousDue: dueBeforeSeptemberMeeting, rescheduledAt: '2025-09-18T15:00:00+02:00' },
          },
        ]);
    });

    it('still cancels it', () => {
      given(escalated)
        .when({ type: 'CancelFollowUp', now: '2025-09-18T15:00:00+02:00' })
        .then([{ type: 'FollowUpCancelled', data: { followUpId, caseId, cancelledAt: '2025-09-18T15:00:00+02:00' } }]);
    });
  });

  describe('evolve', () => {
    it('folds a follow-up that was moved, escalated twice, chased and then done', () => {
      const history: FollowUpEvent[] = [
        assigned,
        {
          type: 'FollowUpRescheduled',
          data: { followUpId, caseId, due: '2025-09-15', previousDue: dueBeforeSeptemberMeeting, rescheduledAt: '2025-09-10T09:00:00+02:00' },
        },
        { ...escalatedToOwner, data: { ...escalatedToOwner.data, escalatedAt: '2025-09-16T07:00:00+02:00' } },
        { ...escalatedToSecretariat, data: { ...escalatedToSecretariat.data, escalatedAt: '2025-09-17T07:00:00+02:00' } },
        reminderRequested('2025-09-18T09:00:00+02:00'),
      ];
      expect(fold(followUpDecider, history)).toEqual({
        status: 'open',
        followUpId,
        caseId,
        forumId: 'styregruppen',
        due: '2025-09-15',
        escalatedTo: 'secretariat',
      });
      expect(fold(followUpDecider, [...history, completed])).toEqual({
        status: 'done',
        followUpId,
        caseId,
        forumId: 'styregruppen',
        due: '2025-09-15',
        escalatedTo: 'secretariat',
      });
    });
  });
});
