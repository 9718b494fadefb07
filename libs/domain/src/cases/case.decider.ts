import { assertNever, Decider, Decision, isRefused, refuse, Refusal, refuseAsNotFound } from '../shared/decider';
import { isBefore } from '../shared/time';
import { CaseCommand, MeetingFacts } from './case.commands';
import { CaseEvent } from './case.events';
import { ForumStep } from './case-forum-steps';
import { CaseState, evolveCase, ExistingCase, initialCaseState } from './case.state';

const refuseUnlessOpen = (state: CaseState): Refusal | ExistingCase => {
  switch (state.status) {
    case 'none':
      return refuseAsNotFound('case.not_found', 'Sagen findes ikke.');
    case 'withdrawn':
      return refuse('case.withdrawn', 'Sagen er trukket tilbage.');
    case 'closed':
      return refuse('case.closed', 'Sagen er afsluttet.');
    case 'open':
      return state;
  }
};

/** A case goes only onto a meeting still to come: not a cancelled one, not one already held or begun. */
const refuseUnlessUpcoming = (meeting: MeetingFacts, now: string): Refusal | undefined => {
  if (meeting.status === 'cancelled') return refuse('meeting.cancelled', 'Mødet er aflyst.');
  if (meeting.status === 'held' || !isBefore(now, meeting.startsAt)) return refuse('meeting.past', 'Mødet er allerede afholdt eller begyndt.');
  return undefined;
};

/** Decisions and forwards are recorded at a meeting that has begun and was not cancelled, for a case on it. */
const stepAtMeeting = (state: ExistingCase, meeting: MeetingFacts, now: string): Refusal | ForumStep => {
  if (meeting.status === 'cancelled') return refuse('meeting.cancelled', 'Mødet er aflyst.');
  const step = state.steps[meeting.forumId];
  if (!step || step.meetingId !== meeting.meetingId) return refuse('case.not_on_meeting', 'Sagen er ikke på dagsordenen for det møde.');
  if (isBefore(now, meeting.startsAt)) return refuse('meeting.not_started', 'Mødet er ikke begyndt endnu.');
  return step;
};

export const decideCase = (command: CaseCommand, state: CaseState): Decision<CaseEvent> => {
  if (command.type === 'ProposeCase') {
    if (state.status !== 'none') return refuse('case.already_exists', 'Sagen findes allerede.');
    const { caseId, forumId, title, kind, summary, recommendation = [], background, attachments = [], presenter, standing, now } = command;
    // Only a standing item carries the mark, so a matter's event reads as it did before the mark existed.
    return [
      {
        type: 'CaseProposed',
        data: { caseId, forumId, title, kind, summary, recommendation, background, attachments, presenter, ...(standing === true ? { standing } : {}), proposedAt: now },
      },
    ];
  }
  const current = refuseUnlessOpen(state);
  if (isRefused(current)) return current;
  const { caseId } = current;

  switch (command.type) {
    case 'ScheduleCase': {
      const { meeting, now } = command;
      const notUpcoming = refuseUnlessUpcoming(meeting, now);
      if (notUpcoming) return notUpcoming;
      const step = current.steps[meeting.forumId];
      if (!step) return refuse('case.not_in_forum', 'Sagen er hverken rejst i eller videresendt til dette forum.');
      // A decided step may be scheduled again: the case comes back to a later meeting of the same forum
      // ("genbehandles på næste møde"); the meeting it was decided at has begun, so the check above keeps it off that one.
      if (step.meetingId === meeting.meetingId) return refuse('case.already_scheduled', 'Sagen er allerede på dagsordenen for det møde.');
      return [
        {
          type: 'CaseScheduled',
          data: {
            caseId,
            forumId: meeting.forumId,
            meetingId: meeting.meetingId,
            startsAt: meeting.startsAt,
            previousMeetingId: step.state === 'waiting' ? undefined : step.meetingId,
            scheduledAt: now,
          },
        },
      ];
    }
    case 'PostponeCase': {
      const { fromMeetingId, to, reason, now } = command;
      const step = Object.values(current.steps).find((candidate) => candidate.meetingId === fromMeetingId);
      if (!step) return refuse('case.not_on_meeting', 'Sagen er ikke på dagsordenen for det møde.');
      if (step.state === 'decided') return refuse('case.already_decided', 'En besluttet sag kan ikke udsættes.');
      if (to) {
        const notUpcoming = refuseUnlessUpcoming(to, now);
        if (notUpcoming) return notUpcoming;
        if (to.forumId !== step.forumId) return refuse('case.other_forum', 'Sagen kan kun udsættes til et møde i samme forum.');
        if (to.meetingId === fromMeetingId) return refuse('case.same_meeting', 'Sagen kan ikke udsættes til det samme møde.');
      }
      return [
        {
          type: 'CasePostponed',
          data: { caseId, forumId: step.forumId, fromMeetingId, toMeetingId: to?.meetingId, toStartsAt: to?.startsAt, reason, postponedAt: now },
        },
      ];
    }
    case 'DecideCase': {
      const { meeting, outcome, text, points = [], now } = command;
      const step = stepAtMeeting(current, meeting, now);
      if (isRefused(step)) return step;
      if (step.state === 'decided') return refuse('case.already_decided', 'Sagen er allerede besluttet i dette forum.');
      return [
        { type: 'CaseDecided', data: { caseId, forumId: meeting.forumId, meetingId: meeting.meetingId, outcome, text, points, decidedAt: now } },
      ];
    }
    case 'ForwardCase': {
      const { meeting, toForumIds, purpose, now } = command;
      const step = stepAtMeeting(current, meeting, now);
      if (isRefused(step)) return step;
      if (toForumIds.length === 0) return refuse('case.no_target_forum', 'Angiv mindst ét forum, sagen skal videresendes til.');
      if (toForumIds.includes(meeting.forumId)) return refuse('case.forward_to_same_forum', 'En sag kan ikke videresendes til sit eget forum.');
      const pending = toForumIds.find((forumId) => current.steps[forumId] && current.steps[forumId].state !== 'decided');
      if (pending) return refuse('case.already_forwarded', `Sagen venter allerede i forummet ${pending}.`);
      return [
        {
          type: 'CaseForwarded',
          data: { caseId, fromForumId: meeting.forumId, fromMeetingId: meeting.meetingId, toForumIds: [...new Set(toForumIds)], purpose, forwardedAt: now },
        },
      ];
    }
    case 'WithdrawCase':
      return [{ type: 'CaseWithdrawn', data: { caseId, reason: command.reason, withdrawnAt: command.now } }];
    case 'CloseCase':
      return [{ type: 'CaseClosed', data: { caseId, closedAt: command.now } }];
    default:
      return assertNever(command);
  }
};

export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
};
