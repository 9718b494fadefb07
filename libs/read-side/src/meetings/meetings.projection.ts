import { Page, PageRequest, pageOf } from '../paging';
import { MeetingEvent, MeetingStatus } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection, ReadModel } from '../projection-runner/projection';

export interface MeetingView {
  id: string;
  forumId: string;
  startsAt: string;
  endsAt?: string;
  place?: string;
  /** The day is known, the time is not: `startsAt` only stands in for one. */
  allDay?: boolean;
  /** Only listed ahead in a Mødekalender: not yet confirmed. */
  tentative?: boolean;
  status: MeetingStatus;
  cancelReason?: string;
}

export type MeetingsState = ReadModel<MeetingView>;

const isMeetingEvent = (event: RecordedEvent): event is RecordedEvent & MeetingEvent =>
  event.type === 'MeetingScheduled' || event.type === 'MeetingRescheduled' || event.type === 'MeetingCancelled' || event.type === 'MeetingHeld';

export const meetingsProjection: Projection<MeetingView> = {
  name: 'meetings',
  version: 2,
  keyOf: (event) => (isMeetingEvent(event) ? event.data.meetingId : undefined),
  evolve(meeting, recorded) {
    const event = recorded as RecordedEvent & MeetingEvent;
    if (event.type === 'MeetingScheduled') {
      const { meetingId, forumId, startsAt, endsAt, place, allDay, tentative } = event.data;
      return { id: meetingId, forumId, startsAt, endsAt, place, ...(allDay ? { allDay } : {}), ...(tentative ? { tentative } : {}), status: 'scheduled' };
    }
    if (!meeting) return meeting;
    switch (event.type) {
      case 'MeetingRescheduled': {
        // A meeting moved to a given time has that time, and someone has confirmed it.
        const { allDay: _allDay, tentative: _tentative, ...moved } = meeting;
        return { ...moved, startsAt: event.data.startsAt, endsAt: event.data.endsAt, place: event.data.place ?? meeting.place };
      }
      case 'MeetingCancelled':
        return { ...meeting, status: 'cancelled', cancelReason: event.data.reason };
      case 'MeetingHeld': {
        const { tentative: _tentative, ...held } = meeting;
        return { ...held, status: 'held' };
      }
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

/** Meetings as `listMeetings` orders them (by the instant they start, then by id), a page at a time. */
export const pageMeetings = (meetings: MeetingsState, filter: MeetingsFilter & { visible?: (meeting: MeetingView) => boolean }, request: PageRequest): Page<MeetingView> =>
  pageOf(
    listMeetings(meetings, filter).filter((meeting) => !filter.visible || filter.visible(meeting)),
    (meeting) => [new Date(Date.parse(meeting.startsAt)).toISOString(), meeting.id],
    request,
    2,
  );
