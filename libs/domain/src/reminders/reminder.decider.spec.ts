import { specFor } from '../shared/decider.testing';
import { ClaimReminder, ReminderCommand } from './reminder.commands';
import { reminderDecider } from './reminder.decider';
import { ReminderClaimed, ReminderFailed, ReminderSent } from './reminder.events';

const given = specFor(reminderDecider);

const key = { kind: 'agenda', subjectId: 'styregruppen-2025-12-12', recipient: 'formand@styregruppen.example' };
const messageId = '<3f0c9a1e@beslutningsopfoelgning>';
const claim: ClaimReminder = { type: 'ClaimReminder', ...key, messageId, claimedBy: 'worker-a', staleAfterSeconds: 120, now: '2025-12-07T09:00:00+01:00' };
const claimed: ReminderClaimed = { type: 'ReminderClaimed', data: { ...key, messageId, claimedBy: 'worker-a', claimedAt: '2025-12-07T09:00:00+01:00' } };
const sent: ReminderSent = { type: 'ReminderSent', data: { ...key, messageId, subject: 'Dagsorden: Styregruppen 12/12', sentAt: '2025-12-07T09:00:02+01:00' } };

describe('reminder decider', () => {
  describe('when none', () => {
    it('claims the mail for the worker', () => {
      given([]).when(claim).then([claimed]);
    });
    it('refuses to record a mail as sent that nobody claimed', () => {
      given([]).when({ type: 'RecordReminderSent', ...key, subject: 'Dagsorden', now: '2025-12-07T09:00:02+01:00' }).thenRefuses('reminder.not_claimed');
    });
    it('refuses to record a mail as failed that nobody claimed', () => {
      given([]).when({ type: 'RecordReminderFailed', ...key, reason: '550 Mailbox unavailable', now: '2025-12-07T09:00:02+01:00' }).thenRefuses('reminder.not_claimed');
    });
  });

  describe('when claimed', () => {
    it('records it as sent, with the Message-ID of the claim', () => {
      given([claimed]).when({ type: 'RecordReminderSent', ...key, subject: 'Dagsorden: Styregruppen 12/12', now: '2025-12-07T09:00:02+01:00' }).then([sent]);
    });
    it('records it as failed, with the reason', () => {
      given([claimed])
        .when({ type: 'RecordReminderFailed', ...key, reason: '550 Mailbox unavailable', now: '2025-12-07T09:00:03+01:00' })
        .then([{ type: 'ReminderFailed', data: { ...key, messageId, reason: '550 Mailbox unavailable', failedAt: '2025-12-07T09:00:03+01:00' } }]);
    });
    it('refuses another claim while the first is fresh', () => {
      given([claimed]).when({ ...claim, claimedBy: 'worker-b', now: '2025-12-07T09:01:00+01:00' }).thenRefuses('reminder.claimed');
    });
    it('lets the worker that claimed it claim it again as it tries again', () => {
      given([claimed])
        .when({ ...claim, now: '2025-12-07T09:00:30+01:00' })
        .then([{ type: 'ReminderClaimed', data: { ...key, messageId, claimedBy: 'worker-a', claimedAt: '2025-12-07T09:00:30+01:00' } }]);
    });
    it('lets another worker take over a claim left stale by a worker that died mid-send', () => {
      given([claimed])
        .when({ ...claim, claimedBy: 'worker-b', now: '2025-12-07T09:02:00+01:00' })
        .then([{ type: 'ReminderClaimed', data: { ...key, messageId, claimedBy: 'worker-b', claimedAt: '2025-12-07T09:02:00+01:00' } }]);
    });
  });

  describe('when failed', () => {
    const failed: ReminderFailed = { type: 'ReminderFailed', data: { ...key, messageId, reason: '550 Mailbox unavailable', failedAt: '2025-12-07T09:00:03+01:00' } };

    // A refused mail waits for a person: no worker sends it again by itself, not even the one that claimed it.
    it.each<[string, ReminderCommand]>([
      ['claiming it again', { ...claim, now: '2025-12-08T09:00:00+01:00' }],
      ['recording it as sent', { type: 'RecordReminderSent', ...key, subject: 'Dagsorden', now: '2025-12-07T09:00:04+01:00' }],
      ['recording it as failed again', { type: 'RecordReminderFailed', ...key, reason: '550 Mailbox unavailable', now: '2025-12-07T09:00:04+01:00' }],
    ])('refuses %s', (_, command) => {
      given([claimed, failed]).when(command).thenRefuses('reminder.failed');
    });
  });

  describe('when sent', () => {
    it('refuses to claim it again, however long ago it was sent', () => {
      given([claimed, sent]).when({ ...claim, now: '2026-01-07T09:00:00+01:00' }).thenRefuses('reminder.already_sent');
    });
  });
});
