import { FORUMS } from '@app/config';
import { EscalationLevel, Forum, FollowUpCommand, followUpDecider, followUpStreamId, Owner } from '@app/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandResult } from '../command-handling/command-context';
import { CommandRunner } from '../command-handling/command-runner';
import { assertForums, loadCaseFacts } from '../command-handling/facts';

export class AssignFollowUpCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly input: { followUpId?: string; description: string; owners: Owner[]; due?: string; dueBeforeMeetingOfForumId?: string },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class CompleteFollowUpCommand extends Command<CommandResult> {
  constructor(
    readonly followUpId: string,
    readonly input: { note?: string },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class RescheduleFollowUpCommand extends Command<CommandResult> {
  constructor(
    readonly followUpId: string,
    readonly input: { due: string },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class CancelFollowUpCommand extends Command<CommandResult> {
  constructor(
    readonly followUpId: string,
    readonly input: { reason?: string },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class EscalateFollowUpCommand extends Command<CommandResult> {
  constructor(
    readonly followUpId: string,
    readonly input: { level: EscalationLevel },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

const onFollowUp = (
  runner: CommandRunner,
  followUpId: string,
  context: CommandContext,
  command: (now: string) => FollowUpCommand | Promise<FollowUpCommand>,
): Promise<CommandResult> =>
  runner.run({ decider: followUpDecider, streamId: followUpStreamId(followUpId), id: followUpId, context, command: (_state, now) => command(now) });

@CommandHandler(AssignFollowUpCommand)
export class AssignFollowUpHandler implements ICommandHandler<AssignFollowUpCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(FORUMS) private readonly forums: Forum[],
  ) {}

  async execute({ caseId, input, context }: AssignFollowUpCommand): Promise<CommandResult> {
    if (input.dueBeforeMeetingOfForumId !== undefined) assertForums(this.forums, 'dueBeforeMeetingOfForumId', [input.dueBeforeMeetingOfForumId]);
    const facts = await loadCaseFacts(this.runner, caseId);
    const { followUpId = this.runner.newId(context, 'follow-up'), ...assignment } = input;
    return onFollowUp(this.runner, followUpId, context, (now) => ({ type: 'AssignFollowUp', followUpId, case: facts, ...assignment, now }));
  }
}

@CommandHandler(CompleteFollowUpCommand)
export class CompleteFollowUpHandler implements ICommandHandler<CompleteFollowUpCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ followUpId, input, context }: CompleteFollowUpCommand): Promise<CommandResult> {
    return onFollowUp(this.runner, followUpId, context, (now) => ({ type: 'CompleteFollowUp', note: input.note, now }));
  }
}

@CommandHandler(RescheduleFollowUpCommand)
export class RescheduleFollowUpHandler implements ICommandHandler<RescheduleFollowUpCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ followUpId, input, context }: RescheduleFollowUpCommand): Promise<CommandResult> {
    return onFollowUp(this.runner, followUpId, context, (now) => ({ type: 'RescheduleFollowUp', due: input.due, now }));
  }
}

@CommandHandler(CancelFollowUpCommand)
export class CancelFollowUpHandler implements ICommandHandler<CancelFollowUpCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ followUpId, input, context }: CancelFollowUpCommand): Promise<CommandResult> {
    return onFollowUp(this.runner, followUpId, context, (now) => ({ type: 'CancelFollowUp', reason: input.reason, now }));
  }
}

@CommandHandler(EscalateFollowUpCommand)
export class EscalateFollowUpHandler implements ICommandHandler<EscalateFollowUpCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ followUpId, input, context }: EscalateFollowUpCommand): Promise<CommandResult> {
    return onFollowUp(this.runner, followUpId, context, (now) => ({ type: 'EscalateFollowUp', level: input.level, now }));
  }
}

export const followUpCommandHandlers = [
  AssignFollowUpHandler,
  CompleteFollowUpHandler,
  RescheduleFollowUpHandler,
  CancelFollowUpHandler,
  EscalateFollowUpHandler,
];
