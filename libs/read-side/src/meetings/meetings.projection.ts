import { MeetingEvent, MeetingStatus } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection, ReadModel } from '../projection-runner/projection';

export interface MeetingView {
  id: string;
  forumId: string;
  startsAt: string;
  endsAt?: string;
  place?: string;
  status: MeetingStatus;
  cancelReason?: string;
}

export type MeetingsState = ReadModel<MeetingView>;

const isMeetingEvent = (event: RecordedEvent): event is RecordedEvent & MeetingEvent =>
  event.type === 'MeetingScheduled' || event.type === 'MeetingRescheduled' || event.type === 'MeetingCancelled' || event.type === 'MeetingHeld';

export const meetingsProjection: Projection<MeetingView> = {
  name: 'meetings',
  version: 1,
  keyOf: (event) => (isMeetingEvent(event) ? event.data.meetingId : undefined),
  evolve(meeting, recorded) {
    const event = recorded as RecordedEvent & MeetingEvent;
    if (event.type === 'MeetingScheduled') {
      const { meetingId, forumId, startsAt, endsAt, place } = event.data;
      return { id: meetingId, forumId, startsAt, endsAt, place, status: 'scheduled' };
    }
    if (!meeting) return meeting;
    switch (event.type) {
      case 'MeetingRescheduled':
        return { ...meeting, startsAt: event.data.startsAt, endsAt: event.data.endsAt, place: event.data.place ?? meeting.place };
      case 'MeetingCancelled':
        return { ...meeting, status: 'cancelled', cancelReason: event.data.reason };
      case 'MeetingHeld':
        return { ...meeting, status: 'held' };
    }
  },
};

export interface MeetingsFilter {
  forumId?: string;
  /** Inclusive local dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export const listMeetings = (meetings: MeetingsState, filter: MeetingsFilter): MeetingView[] =>
  [...meetings.values()]
    .filter((meeting) => filter.forumId === undefined || meeting.forumId === filter.forumId)
    .filter((meeting) => filter.from === undefined || meeting.startsAt.slice(0, 10) >= filter.from.slice(0, 10))
    .filter((meeting) => filter.to === undefined || meeting.startsAt.slice(0, 10) <= filter.to.slice(0, 10))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
