import { FORUMS } from '@app/config';
import { Forum, MeetingCommand, meetingDecider, MeetingState, meetingStreamId } from '@app/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandResult } from '../command-handling/command-context';
import { CommandRunner } from '../command-handling/command-runner';
import { assertForums } from '../command-handling/facts';

export class ScheduleMeetingCommand extends Command<CommandResult> {
  constructor(
    readonly input: { meetingId?: string; forumId: string; startsAt: string; endsAt?: string; place?: string },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class RescheduleMeetingCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly input: { startsAt: string; endsAt?: string; place?: string },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class CancelMeetingCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly input: { reason?: string },
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

export class MarkMeetingHeldCommand extends Command<CommandResult> {
  constructor(
    readonly meetingId: string,
    readonly context: CommandContext = {},
  ) {
    super();
  }
}

const onMeeting = (
  runner: CommandRunner,
  meetingId: string,
  context: CommandContext,
  command: (state: MeetingState, now: string) => MeetingCommand,
): Promise<CommandResult> => runner.run({ decider: meetingDecider, streamId: meetingStreamId(meetingId), id: meetingId, context, command });

@CommandHandler(ScheduleMeetingCommand)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeetingCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(FORUMS) private readonly forums: Forum[],
  ) {}

  execute({ input, context }: ScheduleMeetingCommand): Promise<CommandResult> {
    assertForums(this.forums, 'forumId', [input.forumId]);
    const meetingId = input.meetingId ?? this.runner.newId(context, 'meeting');
    return onMeeting(this.runner, meetingId, context, (_state, now) => ({ type: 'ScheduleMeeting', ...input, meetingId, now }));
  }
}

@CommandHandler(RescheduleMeetingCommand)
export class RescheduleMeetingHandler implements ICommandHandler<RescheduleMeetingCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ meetingId, input, context }: RescheduleMeetingCommand): Promise<CommandResult> {
    return onMeeting(this.runner, meetingId, context, (_state, now) => ({ type: 'RescheduleMeeting', ...input, now }));
  }
}

@CommandHandler(CancelMeetingCommand)
export class CancelMeetingHandler implements ICommandHandler<CancelMeetingCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ meetingId, input, context }: CancelMeetingCommand): Promise<CommandResult> {
    return onMeeting(this.runner, meetingId, context, (_state, now) => ({ type: 'CancelMeeting', reason: input.reason, now }));
  }
}

@CommandHandler(MarkMeetingHeldCommand)
export class MarkMeetingHeldHandler implements ICommandHandler<MarkMeetingHeldCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ meetingId, context }: MarkMeetingHeldCommand): Promise<CommandResult> {
    return onMeeting(this.runner, meetingId, context, (_state, now) => ({ type: 'MarkMeetingHeld', now }));
  }
}

export const meetingCommandHandlers = [ScheduleMeetingHandler, RescheduleMeetingHandler, CancelMeetingHandler, MarkMeetingHeldHandler];
