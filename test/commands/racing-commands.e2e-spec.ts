import { CommandContext, CommandRequest, CommandResult, CommandRunner, executeCommand, StaleRevisionError } from '@app/commands';
import { loadForums } from '@app/config';
import { CommandInputs, CommandName } from '@app/domain';
import { RecordedEvent, SqliteEventStore } from '@app/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Two API processes on one data folder, as two connections to one SQLite file with a command runner each:
 * two secretaries send a command on the same case at the same moment, each to another process. Both read
 * the case at one revision before either appends (calls on one thread interleave at every await, so this
 * happens every time, not now and then); the store takes the first append and refuses the second.
 */
describe('two commands racing on one case, through the command runners of two processes', () => {
  const forums = loadForums(resolve(__dirname, '../../config/forums.json'));
  let dataDir: string;
  let stores: SqliteEventStore[];
  let now: string;
  const clock = { now: () => now };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'racing-commands-'));
    stores = [0, 1].map(() => new SqliteEventStore({ file: join(dataDir, 'events.db') }));
    now = '2025-07-01T09:00:00+02:00';
  });
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = <Name extends CommandName>(process: 0 | 1, name: Name, input: CommandInputs[Name], context: CommandContext = {}): Promise<CommandResult> =>
    executeCommand({ runner: new CommandRunner(stores[process], clock), forums }, new CommandRequest(name, input, context));

  const history = async (caseId: string): Promise<RecordedEvent[]> => stores[0].readStream(`case-${caseId}`);

  /** A case on Styregruppen's 8/8 meeting, which has begun: it may now be decided and forwarded, in either order. */
  const caseAtTheMeeting = async (): Promise<{ caseId: string; meetingId: string }> => {
    const { id: meetingId } = await send(0, 'schedule-meeting', { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00' });
    const { id: caseId } = await send(0, 'propose-case', { forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' });
    await send(0, 'schedule-case', { caseId, meetingId });
    now = '2025-08-08T12:00:00+02:00';
    return { caseId, meetingId };
  };

  const decide = (process: 0 | 1, caseId: string, meetingId: string, context?: CommandContext) =>
    send(process, 'decide-case', { caseId, meetingId, outcome: 'approved', text: 'Styregruppen tiltrådte indstillingen' }, context);
  const forward = (process: 0 | 1, caseId: string, meetingId: string, context?: CommandContext) =>
    send(process, 'forward-case', { caseId, meetingId, toForumIds: ['k17'], purpose: 'decision' }, context);

  /** Of two settled commands, exactly one was carried out: which one, its result, and why the other was not. */
  const oneWins = (outcomes: PromiseSettledResult<CommandResult>[]): { won: number; result: CommandResult; refused: unknown } => {
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
    return { won, result: (outcomes[won] as PromiseFulfilledResult<CommandResult>).value, refused: (outcomes[1 - won] as PromiseRejectedResult).reason };
  };

  it('records both the decision and the forward, one after the other, where neither sends If-Match', async () => {
    const { caseId, meetingId } = await caseAtTheMeeting();

    const [decided, forwarded] = await Promise.all([decide(0, caseId, meetingId), forward(1, caseId, meetingId)]);

    expect([decided.revision, forwarded.revision].sort()).toEqual([2, 3]);
    const events = await history(caseId);
    expect(events[decided.revision].type).toBe('CaseDecided');
    expect(events[forwarded.revision].type).toBe('CaseForwarded');
    expect(events).toHaveLength(4);
  });

  it('records every one of several commands sent at once to both processes', async () => {
    const { caseId, meetingId } = await caseAtTheMeeting();
    const { id: k17 } = await send(0, 'schedule-meeting', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' });
    const sent = [
      decide(0, caseId, meetingId),
      forward(1, caseId, meetingId),
      send(0, 'forward-case', { caseId, meetingId, toForumIds: ['kkr-sjaelland'], purpose: 'information' }),
      send(1, 'forward-case', { caseId, meetingId, toForumIds: ['kl-koordinationsforum'], purpose: 'information' }),
    ];

    const results = await Promise.all(sent);

    expect(results.map((result) => result.revision).sort()).toEqual([2, 3, 4, 5]);
    const events = await history(caseId);
    expect(events.slice(2).map((event) => event.type).sort()).toEqual(['CaseDecided', 'CaseForwarded', 'CaseForwarded', 'CaseForwarded']);
    // The case now waits in three forums, and the racing commands left it whole: K17's meeting takes it.
    expect((await send(1, 'schedule-case', { caseId, meetingId: k17 })).revision).toBe(6);
  });

  it('lets one win and refuses the other as stale, appending nothing for it, where both send If-Match of the revision they read', async () => {
    const { caseId, meetingId } = await caseAtTheMeeting();
    const head = await stores[0].headPosition();

    const outcomes = await Promise.allSettled([decide(0, caseId, meetingId, { expectedRevision: 1 }), forward(1, caseId, meetingId, { expectedRevision: 1 })]);

    const { won, refused } = oneWins(outcomes);
    expect(refused).toBeInstanceOf(StaleRevisionError);
    expect(refused).toMatchObject({ expected: 1, actual: 2 });
    expect(await stores[0].headPosition()).toBe(head + 1);
    expect((await history(caseId)).map((event) => event.type)).toEqual(['CaseProposed', 'CaseScheduled', won === 0 ? 'CaseDecided' : 'CaseForwarded']);
  });

  it('refuses the late one as stale also where both carry an Idempotency-Key, and the winner\'s key still answers its first result', async () => {
    const { caseId, meetingId } = await caseAtTheMeeting();

    const decideOnce = { expectedRevision: 1, idempotencyKey: 'decide-1', requestHash: 'decide' };
    const forwardOnce = { expectedRevision: 1, idempotencyKey: 'forward-1', requestHash: 'forward' };
    const outcomes = await Promise.allSettled([decide(0, caseId, meetingId, decideOnce), forward(1, caseId, meetingId, forwardOnce)]);

    const { won, result, refused } = oneWins(outcomes);
    expect(refused).toBeInstanceOf(StaleRevisionError);
    const resent = won === 0 ? decide(1, caseId, meetingId, decideOnce) : forward(0, caseId, meetingId, forwardOnce);
    expect(await resent).toEqual(result);
    expect((await history(caseId)).map((event) => event.type)).toEqual(['CaseProposed', 'CaseScheduled', won === 0 ? 'CaseDecided' : 'CaseForwarded']);
  });
});
