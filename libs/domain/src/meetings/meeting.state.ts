import { IsoDateTime } from '../shared/time';
import { MeetingEvent } from './meeting.events';

export type MeetingStatus = 'scheduled' | 'cancelled' | 'held';

export type MeetingState =
  | { status: 'none' }
  | { status: MeetingStatus; meetingId: string; forumId: string; startsAt: IsoDateTime; endsAt?: IsoDateTime; place?: string };

export const initialMeetingState = (): MeetingState => ({ status: 'none' });

export const evolveMeeting = (state: MeetingState, event: MeetingEvent): MeetingState => {
  switch (event.type) {
    case 'MeetingScheduled': {
      const { meetingId, forumId, startsAt, endsAt, place } = event.data;
      return { status: 'scheduled', meetingId, forumId, startsAt, endsAt, place };
    }
    case 'MeetingRescheduled':
      return state.status === 'none' ? state : { ...state, startsAt: event.data.startsAt, endsAt: event.data.endsAt, place: event.data.place ?? state.place };
    case 'MeetingCancelled':
      return state.status === 'none' ? state : { ...state, status: 'cancelled' };
    case 'MeetingHeld':
      return state.status === 'none' ? state : { ...state, status: 'held' };
  }
};
