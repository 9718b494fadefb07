import { assertNever, Decider, Decision, refuse } from '../shared/decider';
import { instant } from '../shared/time';
import { ReminderCommand } from './reminder.commands';
import { ReminderEvent } from './reminder.events';
import { evolveReminder, initialReminderState, ReminderState } from './reminder.state';

/**
 * Each e-mail is claimed before it is sent and recorded after the server took it. A claim left without an
 * outcome (its worker died mid-send) may be taken over once it is stale: before the server's 250 nothing
 * reached the recipient, and in the short window after it the mail goes out again with the same Message-ID.
 */
export const decideReminder = (command: ReminderCommand, state: ReminderState): Decision<ReminderEvent> => {
  if (state.status === 'sent') return refuse('reminder.already_sent', 'Påmindelsen er allerede sendt.');
  if (state.status === 'failed') return refuse('reminder.failed', 'Påmindelsen kunne ikke sendes og venter på en person.');
  const { kind, subjectId, recipient, now } = command;
  switch (command.type) {
    case 'ClaimReminder': {
      // The same worker claims again when it tries again; another waits until the claim is stale.
      if (state.status === 'claimed' && state.claimedBy !== command.claimedBy) {
        const age = instant(now) - instant(state.claimedAt);
        if (age < command.staleAfterSeconds * 1000) return refuse('reminder.claimed', 'En anden er ved at sende påmindelsen.');
      }
      const { messageId, claimedBy } = command;
      return [{ type: 'ReminderClaimed', data: { kind, subjectId, recipient, messageId, claimedBy, claimedAt: now } }];
    }
    case 'RecordReminderSent':
      if (state.status !== 'claimed') return refuse('reminder.not_claimed', 'Påmindelsen er ikke taget til afsendelse.');
      return [{ type: 'ReminderSent', data: { kind, subjectId, recipient, messageId: state.messageId, subject: command.subject, sentAt: now } }];
    case 'RecordReminderFailed':
      if (state.status !== 'claimed') return refuse('reminder.not_claimed', 'Påmindelsen er ikke taget til afsendelse.');
      return [{ type: 'ReminderFailed', data: { kind, subjectId, recipient, messageId: state.messageId, reason: command.reason, failedAt: now } }];
    default:
      return assertNever(command);
  }
};

export const reminderDecider: Decider<ReminderCommand, ReminderEvent, ReminderState> = {
  initialState: initialReminderState,
  evolve: evolveReminder,
  decide: decideReminder,
};
