import { caseDecider, CaseFacts, caseStreamId, Forum, MeetingFacts, meetingDecider, meetingStreamId, RefusedError, refuseAsNotFound } from '@app/domain';
import { CommandRunner } from './command-runner';
import { InvalidCommandError } from './command.errors';

/** What a case's rules need to know of a meeting, read from the meeting's own stream. */
export const loadMeetingFacts = async (runner: CommandRunner, meetingId: string): Promise<MeetingFacts> => {
  const { state } = await runner.load(meetingDecider, meetingStreamId(meetingId));
  if (state.status === 'none') throw new RefusedError(refuseAsNotFound('meeting.not_found', `Mødet ${meetingId} findes ikke.`));
  return { meetingId, forumId: state.forumId, startsAt: state.startsAt, status: state.status };
};

export const loadCaseFacts = async (runner: CommandRunner, caseId: string): Promise<CaseFacts> => {
  const { state } = await runner.load(caseDecider, caseStreamId(caseId));
  if (state.status === 'none') throw new RefusedError(refuseAsNotFound('case.not_found', `Sagen ${caseId} findes ikke.`));
  return { caseId, forumId: state.forumId, status: state.status };
};

/** Forum ids in a command must name configured forums; anything else is bad input, not an illegal move. */
export const assertForums = (forums: readonly Forum[], field: string, ids: readonly string[]): void => {
  const unknown = ids.filter((id) => !forums.some((forum) => forum.id === id));
  if (unknown.length > 0) throw new InvalidCommandError(unknown.map((id) => ({ field, reason: `ukendt forum: ${id}` })));
};
