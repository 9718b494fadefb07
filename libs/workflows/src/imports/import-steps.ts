import { CommandContext, CommandRequest, CommandResult } from '@app/commands';
import { caseStreamId, followUpStreamId, meetingStreamId, RefusedError } from '@app/domain';
import { ImportPlan, ImportStep } from '@app/minutes-import';
import { createHash } from 'node:crypto';

export interface StepOutcome {
  step: ImportStep;
  /** `appended`: new events; `already`: the log held it already (an earlier import, or the same one again). */
  outcome: 'appended' | 'already';
}

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
const alreadyDone: Readonly<Record<ImportStep['command'], readonly string[]>> = {
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

/** Every stream a step may read or write: what a rehearsal must copy to tell the truth. */
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

/**
 * Runs the plan's steps in order through `execute`. A step the rules refuse stops the run with that refusal,
 * its message naming the step and its lines, unless the refusal means the log holds it already. A step
 * counts as appended where the log's head moved: one the log held already replays its first result.
 */
export const runSteps = async (
  execute: (request: CommandRequest) => Promise<CommandResult>,
  head: () => Promise<number>,
  plan: ImportPlan,
  importId: string,
): Promise<StepOutcome[]> => {
  const outcomes: StepOutcome[] = [];
  for (const step of plan.steps) {
    try {
      const before = await head();
      await execute(commandOf(step, importId));
      outcomes.push({ step, outcome: (await head()) > before ? 'appended' : 'already' });
    } catch (error) {
      if (!(error instanceof RefusedError)) throw error;
      if (!alreadyDone[step.command].includes(error.code)) {
        throw new RefusedError({ ...error.refusal, message: `Importen er afvist ved ${step.command} (linje ${step.lines.join(', ')}): ${error.message}` });
      }
      outcomes.push({ step, outcome: 'already' });
    }
  }
  return outcomes;
};
