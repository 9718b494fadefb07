import { FollowUpCommand, followUpDecider, followUpStreamId } from '@app/domain';
import { CommandContext, CommandResult } from '../command-handling/command-context';
import { CommandHandlers } from '../command-handling/command-request';
import { CommandRunner } from '../command-handling/command-runner';
import { assertForums, loadCaseFacts } from '../command-handling/facts';

const onFollowUp = (
  runner: CommandRunner,
  followUpId: string,
  context: CommandContext,
  command: (now: string) => FollowUpCommand | Promise<FollowUpCommand>,
): Promise<CommandResult> =>
  runner.run({ decider: followUpDecider, streamId: followUpStreamId(followUpId), id: followUpId, context, command: (_state, now) => command(now) });

export const followUpCommandHandlers: CommandHandlers<'assign-follow-up' | 'complete-follow-up' | 'reschedule-follow-up' | 'cancel-follow-up' | 'escalate-follow-up' | 'request-follow-up-reminder'> = {
  'assign-follow-up': async ({ caseId, followUpId, ...assignment }, context, { runner, forums }) => {
    if (assignment.dueBeforeMeetingOfForumId !== undefined) assertForums(forums, 'dueBeforeMeetingOfForumId', [assignment.dueBeforeMeetingOfForumId]);
    const facts = await loadCaseFacts(runner, caseId);
    const id = followUpId ?? runner.newId(context, 'follow-up');
    return onFollowUp(runner, id, context, (now) => ({ type: 'AssignFollowUp', followUpId: id, case: facts, ...assignment, now }));
  },
  'complete-follow-up': ({ followUpId, note }, context, { runner }) => onFollowUp(runner, followUpId, context, (now) => ({ type: 'CompleteFollowUp', note, now })),
  'reschedule-follow-up': ({ followUpId, due }, context, { runner }) => onFollowUp(runner, followUpId, context, (now) => ({ type: 'RescheduleFollowUp', due, now })),
  'cancel-follow-up': ({ followUpId, reason }, context, { runner }) => onFollowUp(runner, followUpId, context, (now) => ({ type: 'CancelFollowUp', reason, now })),
  'escalate-follow-up': ({ followUpId, level }, context, { runner }) => onFollowUp(runner, followUpId, context, (now) => ({ type: 'EscalateFollowUp', level, now })),
  'request-follow-up-reminder': ({ followUpId }, context, { runner }) =>
    onFollowUp(runner, followUpId, context, (now) => ({ type: 'RequestFollowUpReminder', requestedBy: context.userId, now })),
};
