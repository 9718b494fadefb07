import { ImportCommand, importDecider, importStreamId } from '@app/domain';
import { createHash } from 'node:crypto';
import { CommandContext, CommandResult } from '../command-handling/command-context';
import { CommandHandlers } from '../command-handling/command-request';
import { CommandRunner } from '../command-handling/command-runner';

/** Names minutes with the options they are read with: the same text imported again gets the same digest. */
export const minutesDigest = (text: string, forumId?: string, meetingDate?: string): string =>
  createHash('sha256')
    .update(JSON.stringify([text, forumId ?? null, meetingDate ?? null]))
    .digest('hex')
    .slice(0, 32);

const onImport = (runner: CommandRunner, importId: string, context: CommandContext, command: (now: string) => ImportCommand): Promise<CommandResult> =>
  runner.run({ decider: importDecider, streamId: importStreamId(importId), id: importId, context, command: (_state, now) => command(now) });

export const importCommandHandlers: CommandHandlers<'review-minutes' | 'start-import' | 'record-import'> = {
  'review-minutes': ({ importId, ...minutes }, context, { runner }) => {
    const id = importId ?? runner.newId(context, 'import');
    const digest = minutesDigest(minutes.text, minutes.forumId, minutes.meetingDate);
    return onImport(runner, id, context, (now) => ({ type: 'ReviewMinutes', importId: id, digest, ...minutes, now }));
  },
  'start-import': ({ importId, ...plan }, context, { runner }) => onImport(runner, importId, context, (now) => ({ type: 'StartImport', ...plan, now })),
  'record-import': ({ importId, ...outcome }, context, { runner }) => onImport(runner, importId, context, (now) => ({ type: 'RecordImport', ...outcome, now })),
};
