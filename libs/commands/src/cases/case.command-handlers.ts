import { FORUMS } from '@app/config';
import { Attachment, CaseCommand, caseDecider, CaseKind, CaseState, caseStreamId, DecisionOutcome, Forum, ForwardPurpose, RefusedError, refuseAsNotFound } from '@app/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandResult } from '../command-handling/command-context';
import { CommandRunner } from '../command-handling/command-runner';
import { assertForums, loadMeetingFacts } from '../command-handling/facts';

export class ProposeCaseCommand extends Command<CommandResult> {
  constructor(
    readonly input: {
      caseId?: string;
      forumId: string;
      title: string;
      kind: CaseKind;
      summary?: string;
      recommendation?: string[];
      background?: string;
      attachments?: Attachment[];
      presenter?: string;
    },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class ScheduleCaseCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly input: { meetingId: string },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class PostponeCaseCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly input: { fromMeetingId: string; toMeetingId?: string; reason?: string },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class DecideCaseCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly input: { meetingId: string; outcome: DecisionOutcome; text: string; points?: string[] },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class ForwardCaseCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly input: { meetingId: string; toForumIds: string[]; purpose: ForwardPurpose },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class WithdrawCaseCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly input: { reason?: string },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class CloseCaseCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

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

@CommandHandler(ProposeCaseCommand)
export class ProposeCaseHandler implements ICommandHandler<ProposeCaseCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(FORUMS) private readonly forums: Forum[],
  ) {}

  execute({ input, context }: ProposeCaseCommand): Promise<CommandResult> {
    assertForums(this.forums, 'forumId', [input.forumId]);
    const caseId = input.caseId ?? this.runner.newId(context, 'case');
    return this.runner.run({
      decider: caseDecider,
      streamId: caseStreamId(caseId),
      id: caseId,
      context,
      command: (_state, now) => ({ type: 'ProposeCase' as const, ...input, caseId, now }),
    });
  }
}

@CommandHandler(ScheduleCaseCommand)
export class ScheduleCaseHandler implements ICommandHandler<ScheduleCaseCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ caseId, input, context }: ScheduleCaseCommand): Promise<CommandResult> {
    return onCase(this.runner, caseId, context, async (now) => ({
      type: 'ScheduleCase',
      meeting: await loadMeetingFacts(this.runner, input.meetingId),
      now,
    }));
  }
}

@CommandHandler(PostponeCaseCommand)
export class PostponeCaseHandler implements ICommandHandler<PostponeCaseCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ caseId, input, context }: PostponeCaseCommand): Promise<CommandResult> {
    return onCase(this.runner, caseId, context, async (now) => ({
      type: 'PostponeCase',
      fromMeetingId: input.fromMeetingId,
      to: input.toMeetingId === undefined ? undefined : await loadMeetingFacts(this.runner, input.toMeetingId),
      reason: input.reason,
      now,
    }));
  }
}

@CommandHandler(DecideCaseCommand)
export class DecideCaseHandler implements ICommandHandler<DecideCaseCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ caseId, input, context }: DecideCaseCommand): Promise<CommandResult> {
    const { meetingId, ...decision } = input;
    return onCase(this.runner, caseId, context, async (now) => ({
      type: 'DecideCase',
      meeting: await loadMeetingFacts(this.runner, meetingId),
      ...decision,
      now,
    }));
  }
}

@CommandHandler(ForwardCaseCommand)
export class ForwardCaseHandler implements ICommandHandler<ForwardCaseCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(FORUMS) private readonly forums: Forum[],
  ) {}

  execute({ caseId, input, context }: ForwardCaseCommand): Promise<CommandResult> {
    assertForums(this.forums, 'toForumIds', input.toForumIds);
    return onCase(this.runner, caseId, context, async (now) => ({
      type: 'ForwardCase',
      meeting: await loadMeetingFacts(this.runner, input.meetingId),
      toForumIds: input.toForumIds,
      purpose: input.purpose,
      now,
    }));
  }
}

@CommandHandler(WithdrawCaseCommand)
export class WithdrawCaseHandler implements ICommandHandler<WithdrawCaseCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ caseId, input, context }: WithdrawCaseCommand): Promise<CommandResult> {
    return onCase(this.runner, caseId, context, (now) => ({ type: 'WithdrawCase', reason: input.reason, now }));
  }
}

@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler implements ICommandHandler<CloseCaseCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ caseId, context }: CloseCaseCommand): Promise<CommandResult> {
    return onCase(this.runner, caseId, context, (now) => ({ type: 'CloseCase', now }));
  }
}

export const caseCommandHandlers = [
  ProposeCaseHandler,
  ScheduleCaseHandler,
  PostponeCaseHandler,
  DecideCaseHandler,
  ForwardCaseHandler,
  WithdrawCaseHandler,
  CloseCaseHandler,
];
