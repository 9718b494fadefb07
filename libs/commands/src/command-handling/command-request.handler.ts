import { FORUMS } from '@app/config';
import { Forum } from '@app/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult } from './command-context';
import { CommandRequest } from './command-request';
import { CommandRunner } from './command-runner';
import { executeCommand } from './execute-command';

@CommandHandler(CommandRequest)
export class CommandRequestHandler implements ICommandHandler<CommandRequest> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(FORUMS) private readonly forums: Forum[],
  ) {}

  execute(request: CommandRequest): Promise<CommandResult> {
    return executeCommand({ runner: this.runner, forums: this.forums }, request);
  }
}
