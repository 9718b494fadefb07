import { MeetingCommand, meetingDecider, MeetingState, meetingStreamId } from '@app/domain';
import { CommandContext, CommandResult } from '../command-handling/command-context';
import { CommandHandlers } from '../command-handling/command-request';
import { CommandRunner } from '../command-handling/command-runner';
import { assertForums } from '../command-handling/facts';

const onMeeting = (
  runner: CommandRunner,
  meetingId: string,
  context: CommandContext,
  command: (state: MeetingState, now: string) => MeetingCommand,
): Promise<CommandResult> => runner.run({ decider: meetingDecider, streamId: meetingStreamId(meetingId), id: meetingId, context, command });

export const meetingCommandHandlers: CommandHandlers<'schedule-meeting' | 'reschedule-meeting' | 'cancel-meeting' | 'mark-meeting-held'> = {
  'schedule-meeting': (input, context, { runner, forums }) => {
    assertForums(forums, 'forumId', [input.forumId]);
    const meetingId = input.meetingId ?? runner.newId(context, 'meeting');
    return onMeeting(runner, meetingId, context, (_state, now) => ({ type: 'ScheduleMeeting', ...input, meetingId, now }));
  },
  'reschedule-meeting': ({ meetingId, ...input }, context, { runner }) =>
    onMeeting(runner, meetingId, context, (_state, now) => ({ type: 'RescheduleMeeting', ...input, now })),
  'cancel-meeting': ({ meetingId, reason }, context, { runner }) => onMeeting(runner, meetingId, context, (_state, now) => ({ type: 'CancelMeeting', reason, now })),
  'mark-meeting-held': ({ meetingId }, context, { runner }) => onMeeting(runner, meetingId, context, (_state, now) => ({ type: 'MarkMeetingHeld', now })),
};
