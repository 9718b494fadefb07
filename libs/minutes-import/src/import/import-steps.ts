import {
  AssignFollowUpCommand,
  CommandContext,
  CommandResult,
  DecideCaseCommand,
  ForwardCaseCommand,
  MarkMeetingHeldCommand,
  PostponeCaseCommand,
  ProposeCaseCommand,
  RescheduleMeetingCommand,
  ScheduleCaseCommand,
  ScheduleMeetingCommand,
} from '@app/commands';
import { caseStreamId, followUpStreamId, meetingStreamId } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { ImportStep } from './import-plan';

/** The command a step stands for, with its idempotency key: importing the same minutes again appends nothing. */
export const commandOf = (step: ImportStep, importId: string): Command<CommandResult> => {
  const { key, lines: _lines, now, ...fields } = step;
  const context: CommandContext = {
    idempotencyKey: key,
    requestHash: createHash('sha256').update(JSON.stringify(fields)).digest('base64url'),
    now,
    correlationId: importId,
    userId: 'import',
  };
  switch (step.command) {
    case 'schedule-meeting':
      return new ScheduleMeetingCommand({ meetingId: step.meetingId, forumId: step.forumId, startsAt: step.startsAt, endsAt: step.endsAt, place: step.place }, context);
    case 'reschedule-meeting':
      return new RescheduleMeetingCommand(step.meetingId, { startsAt: step.startsAt, endsAt: step.endsAt, place: step.place }, context);
    case 'propose-case': {
      const { caseId, forumId, title, kind, summary, recommendation, background, attachments } = step;
      return new ProposeCaseCommand({ caseId, forumId, title, kind, summary, recommendation, background, attachments }, context);
    }
    case 'schedule-case':
      return new ScheduleCaseCommand(step.caseId, { meetingId: step.meetingId }, context);
    case 'postpone-case':
      return new PostponeCaseCommand(step.caseId, { fromMeetingId: step.fromMeetingId, toMeetingId: step.toMeetingId, reason: step.reason }, context);
    case 'decide-case':
      return new DecideCaseCommand(step.caseId, { meetingId: step.meetingId, outcome: step.outcome, text: step.text, points: step.points }, context);
    case 'forward-case':
      return new ForwardCaseCommand(step.caseId, { meetingId: step.meetingId, toForumIds: step.toForumIds, purpose: step.purpose }, context);
    case 'assign-follow-up': {
      const { followUpId, description, owners, due, dueBeforeMeetingOfForumId } = step;
      return new AssignFollowUpCommand(step.caseId, { followUpId, description, owners, due, dueBeforeMeetingOfForumId }, context);
    }
    case 'mark-meeting-held':
      return new MarkMeetingHeldCommand(step.meetingId, context);
  }
};

/**
 * Refusals that mean "already so": the meeting or case exists from an earlier import (a meeting from the
 * Mødekalender, a case postponed onto this meeting), so the step has nothing to add.
 */
export const alreadyDone: Readonly<Record<ImportStep['command'], readonly string[]>> = {
  'schedule-meeting': ['meeting.already_exists'],
  'reschedule-meeting': ['meeting.unchanged'],
  'propose-case': ['case.already_exists'],
  'schedule-case': ['case.already_scheduled'],
  'postpone-case': [],
  'decide-case': [],
  'forward-case': [],
  'assign-follow-up': ['follow_up.already_exists'],
  'mark-meeting-held': ['meeting.held'],
};

/** Every stream a step may read or write: what a dry run must copy to tell the truth. */
export const streamsOf = (step: ImportStep): string[] => {
  switch (step.command) {
    case 'schedule-meeting':
    case 'reschedule-meeting':
    case 'mark-meeting-held':
      return [meetingStreamId(step.meetingId)];
    case 'propose-case':
      return [caseStreamId(step.caseId)];
    case 'schedule-case':
    case 'decide-case':
    case 'forward-case':
      return [caseStreamId(step.caseId), meetingStreamId(step.meetingId)];
    case 'postpone-case':
      return [caseStreamId(step.caseId), meetingStreamId(step.fromMeetingId), ...(step.toMeetingId ? [meetingStreamId(step.toMeetingId)] : [])];
    case 'assign-follow-up':
      return [caseStreamId(step.caseId), followUpStreamId(step.followUpId)];
  }
};
