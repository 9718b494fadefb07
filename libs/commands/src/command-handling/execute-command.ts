import { CommandName } from '@app/domain';
import { accountCommandHandlers } from '../accounts/account.command-handlers';
import { caseCommandHandlers } from '../cases/case.command-handlers';
import { followUpCommandHandlers } from '../follow-ups/follow-up.command-handlers';
import { importCommandHandlers } from '../imports/import.command-handlers';
import { reminderCommandHandlers } from '../reminders/reminder.command-handlers';
import { meetingCommandHandlers } from '../meetings/meeting.command-handlers';
import { CommandResult } from './command-context';
import { CommandDependencies, CommandHandlers, CommandRequest, HandleCommand } from './command-request';

/** Every command's handler; the type makes a command without one fail to compile. */
const commandHandlers: CommandHandlers<CommandName> = {
  ...meetingCommandHandlers,
  ...caseCommandHandlers,
  ...followUpCommandHandlers,
  ...importCommandHandlers,
  ...reminderCommandHandlers,
  ...accountCommandHandlers,
};

/**
 * Runs a request through its handler: read the stream, fold, decide, append. A plain function, so the
 * import can rehearse on a copy of the store with the very same handlers.
 */
export const executeCommand = <Name extends CommandName>(dependencies: CommandDependencies, request: CommandRequest<Name>): Promise<CommandResult> =>
  (commandHandlers[request.name] as HandleCommand<Name>)(request.input, request.context, dependencies);
