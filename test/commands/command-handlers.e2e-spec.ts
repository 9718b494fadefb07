import { accountIdOf, CommandContext, CommandRequest, CommandRunner, executeCommand, InvalidCommandError, minutesDigest } from '@app/commands';
import { loadForums } from '@app/config';
import { CommandInputs, CommandName, importStreamId, RefusedError } from '@app/domain';
import { resolve } from 'node:path';
import { sqliteStorePerTest } from './sqlite-store-per-test';

/**
 * What each aggregate's command handler adds to the shared runner: the forums it checks, the case it looks up
 * first, the ids it gives new streams and the form it stores an e-mail address in; on a real SQLite file.
 */
describe('the command handlers', () => {
  const forums = loadForums(resolve(__dirname, '../../config/forums.json'));
  const now = '2025-11-03T10:00:00+01:00';
  const owners = [{ name: 'Rammeaftalesekretariatet', email: 'rammeaftale@sekretariat.example', organisation: 'Næstved Kommune' }];
  const store = sqliteStorePerTest('command-handlers-');

  // Async, as the command bus is: a handler that refuses before it reads the store throws at once.
  const send = async <Name extends CommandName>(name: Name, input: CommandInputs[Name], context: CommandContext = {}) =>
    executeCommand({ runner: new CommandRunner(store(), { now: () => now }), forums }, new CommandRequest(name, input, context));

  const rejectionOf = async (outcome: Promise<unknown>): Promise<unknown> => {
    try {
      await outcome;
    } catch (error) {
      return error;
    }
    throw new Error('the command was accepted');
  };

  const proposeCase = (caseId: string) => send('propose-case', { caseId, forumId: 'styregruppen', title: 'Takstanalyse 2026', kind: 'decision' });

  describe('given a forum id that is not in the configuration', () => {
    it.each<{ [Name in CommandName]: [Name, CommandInputs[Name], string] }[CommandName]>([
      ['schedule-meeting', { forumId: 'ukendt-forum', startsAt: '2025-12-12T09:00:00+01:00' }, 'forumId'],
      ['propose-case', { forumId: 'ukendt-forum', title: 'Takstanalyse 2026', kind: 'decision' }, 'forumId'],
      ['forward-case', { caseId: 'sag-1', meetingId: 'styregruppen-2025-12-12', toForumIds: ['k17', 'ukendt-forum'], purpose: 'decision' }, 'toForumIds'],
      ['assign-follow-up', { caseId: 'sag-1', description: 'Sekretariatet følger op', owners, dueBeforeMeetingOfForumId: 'ukendt-forum' }, 'dueBeforeMeetingOfForumId'],
    ])('when %s names it, then it is refused as bad input naming the field and the forum, and nothing is stored', async (name, input, field) => {
      const refused = await rejectionOf(send(name, input as never));

      expect(refused).toBeInstanceOf(InvalidCommandError);
      expect((refused as InvalidCommandError).details).toEqual([{ field, reason: 'ukendt forum: ukendt-forum' }]);
      expect(await store().headPosition()).toBe(0);
    });
  });

  describe('given a case that does not exist', () => {
    it.each<{ [Name in CommandName]: [Name, CommandInputs[Name]] }[CommandName]>([
      ['schedule-case', { caseId: 'sag-findes-ikke', meetingId: 'mødet-findes-heller-ikke' }],
      ['postpone-case', { caseId: 'sag-findes-ikke', fromMeetingId: 'mødet-findes-heller-ikke', toMeetingId: 'mødet-findes-heller-ikke' }],
      ['decide-case', { caseId: 'sag-findes-ikke', meetingId: 'mødet-findes-heller-ikke', outcome: 'approved', text: 'Godkendt' }],
      ['forward-case', { caseId: 'sag-findes-ikke', meetingId: 'mødet-findes-heller-ikke', toForumIds: ['k17'], purpose: 'information' }],
      ['withdraw-case', { caseId: 'sag-findes-ikke', reason: 'Trukket' }],
      ['close-case', { caseId: 'sag-findes-ikke' }],
    ])('when %s is sent for it, then it is refused as not found, naming the case rather than the meeting', async (name, input) => {
      const refused = await rejectionOf(send(name, input as never));

      expect(refused).toBeInstanceOf(RefusedError);
      expect((refused as RefusedError).refusal).toEqual({ kind: 'not_found', code: 'case.not_found', message: 'Sagen sag-findes-ikke findes ikke.' });
      expect(await store().headPosition()).toBe(0);
    });
  });

  describe('given an Idempotency-Key on a command that creates something', () => {
    const context = { idempotencyKey: 'styregruppen-2025-12-12-punkt-3', requestHash: 'request' };

    it.each<[string, () => Promise<{ id: string }>, string]>([
      ['meeting', () => send('schedule-meeting', { forumId: 'styregruppen', startsAt: '2025-12-12T09:00:00+01:00' }, context), 'b0ee35f4-9a71-5ad5-af93-ca33fdc8bf22'],
      ['case', () => send('propose-case', { forumId: 'styregruppen', title: 'Takstanalyse 2026', kind: 'decision' }, context), 'b0349cb9-10bb-5890-80ec-941b9d1fe000'],
      [
        'follow-up',
        async () => {
          await proposeCase('sag-1');
          return send('assign-follow-up', { caseId: 'sag-1', description: 'Sekretariatet følger op', owners }, context);
        },
        '01b9ab65-328b-525d-a847-7ffc28659911',
      ],
      ['import', () => send('review-minutes', { text: 'Referat af mødet i Styregruppen', forumId: 'styregruppen' }, context), '9973a359-2b5b-53c1-9e03-37226edcc6e7'],
    ])('when a new %s is made, then it gets the id earlier releases gave it, so a retry across an upgrade finds it', async (_what, create, id) => {
      expect((await create()).id).toBe(id);
    });
  });

  describe('given minutes to import', () => {
    it('when they are reviewed, the import started and its outcome recorded, then the import stream holds all three with the digest of the minutes', async () => {
      const reviewed = await send('review-minutes', { importId: 'import-1', text: 'Referat af mødet i Styregruppen', forumId: 'styregruppen', meetingDate: '2025-12-12', fileName: 'referat.docx' });
      await send('start-import', { importId: 'import-1', meetingId: 'styregruppen-2025-12-12', appendedSteps: ['meeting'], steps: 1, appends: [] });
      const recorded = await send('record-import', { importId: 'import-1', meetingId: 'styregruppen-2025-12-12', appended: 1, already: 0, steps: 1 });

      expect(reviewed).toEqual({ id: 'import-1', revision: 0, position: 1 });
      expect(recorded).toEqual({ id: 'import-1', revision: 2, position: 3 });
      const stream = await store().readStream(importStreamId('import-1'));
      expect(stream.map(({ type }) => type)).toEqual(['MinutesReviewed', 'MinutesImportStarted', 'MinutesImported']);
      expect(stream[0].data).toMatchObject({ digest: minutesDigest('Referat af mødet i Styregruppen', 'styregruppen', '2025-12-12'), reviewedAt: now });
    });
  });

  describe('given an e-mail address written with capitals and spaces', () => {
    it('when an account is created with it, then the address is stored in lower case, and the command line finds the account however the address is written', async () => {
      const created = await send('create-account', {
        email: '  Formand@Styregruppen.Example ',
        name: 'Formand for Styregruppen',
        role: 'chair',
        forumIds: ['styregruppen'],
        passwordHash: 'scrypt$hash',
      });
      const granted = await send('grant-account-role', { accountId: accountIdOf(' FORMAND@styregruppen.example  '), role: 'member', forumIds: ['styregruppen'] });

      expect(created.id).toBe(accountIdOf('formand@styregruppen.example'));
      expect(granted).toMatchObject({ id: created.id, revision: 1 });
      const [stored] = await store().readStream(`account-${created.id}`);
      expect(stored.data).toMatchObject({ email: 'formand@styregruppen.example' });
    });
  });
});
