import { IsoDateTime } from '../shared/time';
import { ReminderEvent } from './reminder.events';

export type ReminderState =
  | { status: 'none' }
  | { status: 'claimed'; messageId: string; claimedBy: string; claimedAt: IsoDateTime }
  | { status: 'sent' | 'failed'; messageId: string };

export const initialReminderState = (): ReminderState => ({ status: 'none' });

export const evolveReminder = (state: ReminderState, event: ReminderEvent): ReminderState => {
  switch (event.type) {
    case 'ReminderClaimed':
      return { status: 'claimed', messageId: event.data.messageId, claimedBy: event.data.claimedBy, claimedAt: event.data.claimedAt };
    case 'ReminderSent':
      return { status: 'sent', messageId: event.data.messageId };
    case 'ReminderFailed':
      return { status: 'failed', messageId: event.data.messageId };
  }
};
