import { ReminderCommand, reminderDecider, ReminderKey } from '@app/domain';
import { createHash } from 'node:crypto';
import { CommandContext, CommandResult } from '../command-handling/command-context';
import { CommandHandlers } from '../command-handling/command-request';
import { CommandRunner } from '../command-handling/command-runner';

/** One stream per e-mail, named by its key. */
export const reminderStreamId = ({ kind, subjectId, recipient }: ReminderKey): string =>
  `reminder-${createHash('sha256').update(JSON.stringify([kind, subjectId, recipient.toLowerCase()])).digest('hex').slice(0, 40)}`;

const onReminder = (runner: CommandRunner, key: ReminderKey, context: CommandContext, command: (now: string) => ReminderCommand): Promise<CommandResult> => {
  const streamId = reminderStreamId(key);
  return runner.run({ decider: reminderDecider, streamId, id: streamId, context, command: (_state, now) => command(now) });
};

export const reminderCommandHandlers: CommandHandlers<'claim-reminder' | 'record-reminder-sent' | 'record-reminder-failed'> = {
  'claim-reminder': (input, context, { runner }) => onReminder(runner, input, context, (now) => ({ type: 'ClaimReminder', ...input, now })),
  'record-reminder-sent': (input, context, { runner }) => onReminder(runner, input, context, (now) => ({ type: 'RecordReminderSent', ...input, now })),
  'record-reminder-failed': (input, context, { runner }) => onReminder(runner, input, context, (now) => ({ type: 'RecordReminderFailed', ...input, now })),
};
