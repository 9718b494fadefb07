import { CommandContext, CommandRequest } from '@app/commands';
import { caseStreamId, followUpStreamId, meetingStreamId } from '@app/domain';
import { createHash } from 'node:crypto';
import { ImportStep } from './import-plan';

/** The command a step stands for, with its idempotency key: importing the same minutes again appends nothing. */
export const commandOf = (step: ImportStep, importId: string): CommandRequest => {
  const { key, lines: _lines, now, command, ...input } = step;
  const context: CommandContext = {
    idempotencyKey: key,
    requestHash: createHash('sha256').update(JSON.stringify({ command, ...input })).digest('base64url'),
    now,
    correlationId: importId,
    userId: 'import',
  };
  return new CommandRequest(command, input, context);
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
