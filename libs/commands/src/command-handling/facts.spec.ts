import { RefusedError } from '@app/domain';
import { CommandRequest } from './command-request';
import { commandsInMemory } from './commands-in-memory.testing';
import { InvalidCommandError } from './command.errors';

describe('the facts a command looks up in other streams, and the forums it names', () => {
  const { store, execute } = commandsInMemory();

  /** Some handlers check their input before they return a promise: a throw counts as the command's failure. */
  const failureOf = async (request: CommandRequest): Promise<unknown> => {
    try {
      await execute(request);
    } catch (error) {
      return error;
    }
    throw new Error(`${request.name} went through`);
  };
  const refusalOf = async (request: CommandRequest) => {
    const error = await failureOf(request);
    expect(error).toBeInstanceOf(RefusedError);
    return (error as RefusedError).refusal;
  };

  it.each([
    ['propose-case', 'forumId', new CommandRequest('propose-case', { forumId: 'byraadet', title: 'Takstanalyse', kind: 'decision' }, {})],
    ['schedule-meeting', 'forumId', new CommandRequest('schedule-meeting', { forumId: 'byraadet', startsAt: '2025-09-01T10:00:00+02:00' }, {})],
    ['forward-case', 'toForumIds', new CommandRequest('forward-case', { caseId: 'c-1', meetingId: 'm-1', toForumIds: ['byraadet'], purpose: 'decision' }, {})],
    [
      'assign-follow-up',
      'dueBeforeMeetingOfForumId',
      new CommandRequest('assign-follow-up', { caseId: 'c-1', description: 'Svar kommunerne', owners: [{ name: 'Sekretariatet' }], dueBeforeMeetingOfForumId: 'byraadet' }, {}),
    ],
  ])('given %s names a forum that is not configured, then it is refused as bad input naming %s, and nothing is stored', async (_name, field, request) => {
    const error = await failureOf(request);

    expect(error).toBeInstanceOf(InvalidCommandError);
    expect((error as InvalidCommandError).details).toEqual([{ field, reason: 'ukendt forum: byraadet' }]);
    expect(await store().readAll()).toEqual([]);
  });

  it('given a case is forwarded to two unknown forums and a known one, then each unknown forum is named, in one message', async () => {
    const error = await failureOf(
      new CommandRequest('forward-case', { caseId: 'c-1', meetingId: 'm-1', toForumIds: ['byraadet', 'k17', 'regionsraadet'], purpose: 'information' }, {}),
    );

    expect(error).toBeInstanceOf(InvalidCommandError);
    expect((error as InvalidCommandError).message).toBe('toForumIds: ukendt forum: byraadet; toForumIds: ukendt forum: regionsraadet');
    expect(`${(error as Error).name}: ${(error as Error).message}`).toBe('InvalidCommandError: toForumIds: ukendt forum: byraadet; toForumIds: ukendt forum: regionsraadet');
  });

  it('given a configured forum, then the command goes through', async () => {
    await execute(new CommandRequest('schedule-meeting', { forumId: 'k17', startsAt: '2025-09-01T10:00:00+02:00' }, {}));

    expect((await store().readAll()).map((event) => event.type)).toEqual(['MeetingScheduled']);
  });

  it('given a follow-up is assigned on a case that does not exist, then it is refused as not found, naming the case', async () => {
    const refusal = await refusalOf(new CommandRequest('assign-follow-up', { caseId: 'c-404', description: 'Svar kommunerne', owners: [{ name: 'Sekretariatet' }] }, {}));

    expect(refusal).toEqual({ kind: 'not_found', code: 'case.not_found', message: 'Sagen c-404 findes ikke.' });
  });

  it('given a case is scheduled on a meeting that does not exist, then it is refused as not found, naming the meeting', async () => {
    const { id: caseId } = await execute(new CommandRequest('propose-case', { forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }, {}));

    const refusal = await refusalOf(new CommandRequest('schedule-case', { caseId, meetingId: 'm-404' }, {}));

    expect(refusal).toEqual({ kind: 'not_found', code: 'meeting.not_found', message: 'Mødet m-404 findes ikke.' });
  });
});
