import { assertNever, Decider, Decision, isRefused, refuse, Refusal, refuseAsNotFound } from '../shared/decider';
import { IsoDate, localDateOf } from '../shared/time';
import { FollowUpCommand } from './follow-up.commands';
import { escalationLevels, FollowUpEvent } from './follow-up.events';
import { evolveFollowUp, FollowUpState, initialFollowUpState } from './follow-up.state';

type OpenFollowUp = Exclude<FollowUpState, { status: 'none' }>;

const refuseUnlessOpen = (state: FollowUpState): Refusal | OpenFollowUp => {
  switch (state.status) {
    case 'none':
      return refuseAsNotFound('follow_up.not_found', 'Opfølgningen findes ikke.');
    case 'done':
      return refuse('follow_up.done', 'Opfølgningen er allerede udført.');
    case 'cancelled':
      return refuse('follow_up.cancelled', 'Opfølgningen er annulleret.');
    case 'open':
      return state;
  }
};

const dueInPast = (due: IsoDate, now: string): Refusal | undefined =>
  due < localDateOf(now) ? refuse('follow_up.due_in_past', 'Fristen for en opfølgning kan ikke ligge i fortiden.') : undefined;

export const decideFollowUp = (command: FollowUpCommand, state: FollowUpState): Decision<FollowUpEvent> => {
  if (command.type === 'AssignFollowUp') {
    if (state.status !== 'none') return refuse('follow_up.already_exists', 'Opfølgningen findes allerede.');
    const { followUpId, case: facts, description, owners, due, dueBeforeMeetingOfForumId, now } = command;
    if (facts.status === 'withdrawn') return refuse('case.withdrawn', 'Sagen er trukket tilbage.');
    if (facts.status === 'closed') return refuse('case.closed', 'Sagen er afsluttet.');
    if (owners.length === 0) return refuse('follow_up.no_owner', 'En opfølgning skal have mindst én ansvarlig.');
    if (due !== undefined && dueBeforeMeetingOfForumId !== undefined)
      return refuse('follow_up.two_dues', 'Angiv enten en dato eller et møde som frist, ikke begge.');
    const past = due === undefined ? undefined : dueInPast(due, now);
    if (past) return past;
    return [
      {
        type: 'FollowUpAssigned',
        data: { followUpId, caseId: facts.caseId, forumId: facts.forumId, description, owners, due, dueBeforeMeetingOfForumId, assignedAt: now },
      },
    ];
  }
  const current = refuseUnlessOpen(state);
  if (isRefused(current)) return current;
  const { followUpId, caseId } = current;

  switch (command.type) {
    case 'CompleteFollowUp':
      return [{ type: 'FollowUpCompleted', data: { followUpId, caseId, note: command.note, completedAt: command.now } }];
    case 'RescheduleFollowUp': {
      const past = dueInPast(command.due, command.now);
      if (past) return past;
      if (command.due === current.due) return refuse('follow_up.unchanged', 'Opfølgningen har allerede den frist.');
      return [{ type: 'FollowUpRescheduled', data: { followUpId, caseId, due: command.due, previousDue: current.due, rescheduledAt: command.now } }];
    }
    case 'CancelFollowUp':
      return [{ type: 'FollowUpCancelled', data: { followUpId, caseId, reason: command.reason, cancelledAt: command.now } }];
    case 'EscalateFollowUp': {
      const reached = current.escalatedTo === undefined ? -1 : escalationLevels.indexOf(current.escalatedTo);
      if (escalationLevels.indexOf(command.level) <= reached)
        return refuse('follow_up.already_escalated', 'Opfølgningen er allerede eskaleret så langt.');
      return [{ type: 'FollowUpEscalated', data: { followUpId, caseId, level: command.level, escalatedAt: command.now } }];
    }
    case 'RequestFollowUpReminder':
      return [{ type: 'FollowUpReminderRequested', data: { followUpId, caseId, requestedBy: command.requestedBy, requestedAt: command.now } }];
    default:
      return assertNever(command);
  }
};

export const followUpDecider: Decider<FollowUpCommand, FollowUpEvent, FollowUpState> = {
  initialState: initialFollowUpState,
  evolve: evolveFollowUp,
  decide: decideFollowUp,
};
