import { CommandInputs, CommandName, Forum } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import { CommandContext, CommandResult } from './command-context';
import { CommandRunner } from './command-runner';

/**
 * The one message on the command bus: which command, its input (the shape the API, the import and the
 * process managers share), and the request's context. The handler turns it into the decider's command.
 */
export class CommandRequest<Name extends CommandName = CommandName> extends Command<CommandResult> {
  constructor(
    readonly name: Name,
    readonly input: CommandInputs[Name],
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

/** What a handler works with: the store behind the runner, and the configured forums. */
export interface CommandDependencies {
  runner: CommandRunner;
  forums: readonly Forum[];
}

export type HandleCommand<Name extends CommandName> = (input: CommandInputs[Name], context: CommandContext, dependencies: CommandDependencies) => Promise<CommandResult>;

export type CommandHandlers<Names extends CommandName> = { readonly [Name in Names]: HandleCommand<Name> };
