import { MeetingEvent, MeetingStatus } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection-runner/projection';

export interface MeetingView {
  id: string;
  forumId: string;
  startsAt: string;
  endsAt?: string;
  place?: string;
  status: MeetingStatus;
  cancelReason?: string;
}

export type MeetingsState = Readonly<Record<string, MeetingView>>;

const isMeetingEvent = (event: RecordedEvent): event is RecordedEvent & MeetingEvent =>
  event.type === 'MeetingScheduled' || event.type === 'MeetingRescheduled' || event.type === 'MeetingCancelled' || event.type === 'MeetingHeld';

export const meetingsProjection: Projection<MeetingsState> = {
  name: 'meetings',
  version: 1,
  initialState: () => ({}),
  evolve(state, event) {
    if (!isMeetingEvent(event)) return state;
    const meeting = state[event.data.meetingId];
    switch (event.type) {
      case 'MeetingScheduled': {
        const { meetingId, forumId, startsAt, endsAt, place } = event.data;
        return { ...state, [meetingId]: { id: meetingId, forumId, startsAt, endsAt, place, status: 'scheduled' } };
      }
      case 'MeetingRescheduled':
        return meeting ? { ...state, [meeting.id]: { ...meeting, startsAt: event.data.startsAt, endsAt: event.data.endsAt } } : state;
      case 'MeetingCancelled':
        return meeting ? { ...state, [meeting.id]: { ...meeting, status: 'cancelled', cancelReason: event.data.reason } } : state;
      case 'MeetingHeld':
        return meeting ? { ...state, [meeting.id]: { ...meeting, status: 'held' } } : state;
    }
  },
};

export interface MeetingsFilter {
  forumId?: string;
  /** Inclusive local dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export const listMeetings = (state: MeetingsState, filter: MeetingsFilter): MeetingView[] =>
  Object.values(state)
    .filter((meeting) => filter.forumId === undefined || meeting.forumId === filter.forumId)
    .filter((meeting) => filter.from === undefined || meeting.startsAt.slice(0, 10) >= filter.from.slice(0, 10))
    .filter((meeting) => filter.to === undefined || meeting.startsAt.slice(0, 10) <= filter.to.slice(0, 10))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
