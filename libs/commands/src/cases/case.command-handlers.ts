import { CaseCommand, caseDecider, CaseState, caseStreamId, RefusedError, refuseAsNotFound } from '@app/domain';
import { CommandContext, CommandResult } from '../command-handling/command-context';
import { CommandHandlers } from '../command-handling/command-request';
import { CommandRunner } from '../command-handling/command-runner';
import { assertForums, loadMeetingFacts } from '../command-handling/facts';

/** Runs a command on an existing case; an unknown case is a 404 before any meeting is looked up. */
const onCase = (
  runner: CommandRunner,
  caseId: string,
  context: CommandContext,
  command: (now: string) => CaseCommand | Promise<CaseCommand>,
): Promise<CommandResult> =>
  runner.run({
    decider: caseDecider,
    streamId: caseStreamId(caseId),
    id: caseId,
    context,
    command: (state: CaseState, now) => {
      if (state.status === 'none') throw new RefusedError(refuseAsNotFound('case.not_found', `Sagen ${caseId} findes ikke.`));
      return command(now);
    },
  });

export const caseCommandHandlers: CommandHandlers<
  'propose-case' | 'schedule-case' | 'postpone-case' | 'decide-case' | 'forward-case' | 'withdraw-case' | 'close-case'
> = {
  'propose-case': (input, context, { runner, forums }) => {
    assertForums(forums, 'forumId', [input.forumId]);
    const caseId = input.caseId ?? runner.newId(context, 'case');
    return runner.run({
      decider: caseDecider,
      streamId: caseStreamId(caseId),
      id: caseId,
      context,
      command: (_state, now) => ({ type: 'ProposeCase' as const, ...input, caseId, now }),
    });
  },
  'schedule-case': ({ caseId, meetingId }, context, { runner }) =>
    onCase(runner, caseId, context, async (now) => ({ type: 'ScheduleCase', meeting: await loadMeetingFacts(runner, meetingId), now })),
  'postpone-case': ({ caseId, fromMeetingId, toMeetingId, reason }, context, { runner }) =>
    onCase(runner, caseId, context, async (now) => ({
      type: 'PostponeCase',
      fromMeetingId,
      to: toMeetingId === undefined ? undefined : await loadMeetingFacts(runner, toMeetingId),
      reason,
      now,
    })),
  'decide-case': ({ caseId, meetingId, ...decision }, context, { runner }) =>
    onCase(runner, caseId, context, async (now) => ({ type: 'DecideCase', meeting: await loadMeetingFacts(runner, meetingId), ...decision, now })),
  'forward-case': ({ caseId, meetingId, toForumIds, purpose }, context, { runner, forums }) => {
    assertForums(forums, 'toForumIds', toForumIds);
    return onCase(runner, caseId, context, async (now) => ({ type: 'ForwardCase', meeting: await loadMeetingFacts(runner, meetingId), toForumIds, purpose, now }));
  },
  'withdraw-case': ({ caseId, reason }, context, { runner }) => onCase(runner, caseId, context, (now) => ({ type: 'WithdrawCase', reason, now })),
  'close-case': ({ caseId }, context, { runner }) => onCase(runner, caseId, context, (now) => ({ type: 'CloseCase', now })),
};
