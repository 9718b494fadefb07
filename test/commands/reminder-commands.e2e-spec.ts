import { CommandContext, CommandRequest, CommandRunner, executeCommand, reminderStreamId } from '@app/commands';
import { loadForums } from '@app/config';
import { CommandInputs, CommandName } from '@app/domain';
import { resolve } from 'node:path';
import { sqliteStorePerTest } from './sqlite-store-per-test';

/**
 * The record of each reminder e-mail in the log, as the worker keeps it through the command runner: claimed
 * before it is sent, then sent or failed, one stream per (kind, subject, recipient).
 */
describe('the record of a reminder e-mail', () => {
  const forums = loadForums(resolve(__dirname, '../../config/forums.json'));
  const key = { kind: 'agenda', subjectId: 'styregruppen-2025-12-12', recipient: 'Formand@Styregruppen.example' };
  const claim = { ...key, messageId: '<3f0c9a1e@beslutningsopfoelgning>', claimedBy: 'worker-a', staleAfterSeconds: 120 };
  const store = sqliteStorePerTest('reminder-commands-');

  const send = <Name extends CommandName>(name: Name, input: CommandInputs[Name], now: string, context: CommandContext = {}) =>
    executeCommand({ runner: new CommandRunner(store(), { now: () => now }), forums }, new CommandRequest(name, input, context));

  it('is claimed, then recorded as sent, in the stream of its key, whatever the case of the address', async () => {
    const claimed = await send('claim-reminder', claim, '2025-12-07T09:00:00+01:00');
    const sent = await send('record-reminder-sent', { ...key, recipient: 'formand@styregruppen.example', subject: 'Dagsorden: Styregruppen 12/12' }, '2025-12-07T09:00:02+01:00');

    const streamId = reminderStreamId(key);
    expect(claimed).toEqual({ id: streamId, revision: 0, position: 1 });
    expect(sent).toEqual({ id: streamId, revision: 1, position: 2 });
    expect(streamId).toBe(reminderStreamId({ ...key, recipient: 'FORMAND@styregruppen.example' }));
    expect(streamId).toMatch(/^reminder-[0-9a-f]{40}$/);
    expect((await store().readStream(streamId)).map(({ type, data }) => ({ type, data }))).toEqual([
      { type: 'ReminderClaimed', data: { ...key, messageId: claim.messageId, claimedBy: 'worker-a', claimedAt: '2025-12-07T09:00:00+01:00' } },
      { type: 'ReminderSent', data: { ...key, recipient: 'formand@styregruppen.example', messageId: claim.messageId, subject: 'Dagsorden: Styregruppen 12/12', sentAt: '2025-12-07T09:00:02+01:00' } },
    ]);
  });

  it('is recorded as failed, with the reason, and then refuses a claim', async () => {
    await send('claim-reminder', claim, '2025-12-07T09:00:00+01:00');
    const failed = await send('record-reminder-failed', { ...key, reason: '550 Mailbox unavailable' }, '2025-12-07T09:00:03+01:00');

    expect(failed.revision).toBe(1);
    const [, stored] = await store().readStream(reminderStreamId(key));
    expect(stored).toMatchObject({ type: 'ReminderFailed', data: { reason: '550 Mailbox unavailable', messageId: claim.messageId } });
    await expect(send('claim-reminder', claim, '2025-12-08T09:00:00+01:00')).rejects.toMatchObject({ code: 'reminder.failed' });
  });

  it('keeps the mails of one meeting to different kinds, subjects and recipients apart', () => {
    const streams = [
      key,
      { ...key, kind: 'material-deadline' },
      { ...key, subjectId: 'styregruppen-2026-01-30' },
      { ...key, recipient: 'medlem@styregruppen.example' },
    ].map(reminderStreamId);
    expect(new Set(streams).size).toBe(4);
  });
});
