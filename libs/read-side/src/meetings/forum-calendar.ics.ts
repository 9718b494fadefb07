import { Forum } from '@app/domain';
import { createEvents, EventAttributes } from 'ics';
import { MeetingsState } from './meetings.projection';

/** A meeting without an end is shown as three hours, the usual length of a steering group meeting. */
const DEFAULT_LENGTH_MS = 3 * 60 * 60 * 1000;

/** The forum's meetings as iCalendar, in UTC so every calendar places them right across daylight saving. */
export const forumCalendar = (forum: Forum, meetings: MeetingsState): string => {
  const events: EventAttributes[] = [...meetings.values()]
    .filter((meeting) => meeting.forumId === forum.id)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .map((meeting) => {
      const start = Date.parse(meeting.startsAt);
      return {
        uid: `${meeting.id}@beslutningsopfoelgning`,
        title: `Møde i ${forum.name}`,
        start,
        startInputType: 'utc',
        startOutputType: 'utc',
        end: meeting.endsAt ? Date.parse(meeting.endsAt) : start + DEFAULT_LENGTH_MS,
        endInputType: 'utc',
        endOutputType: 'utc',
        location: meeting.place,
        status: meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        description: meeting.status === 'cancelled' ? `Aflyst${meeting.cancelReason ? `: ${meeting.cancelReason}` : ''}` : undefined,
      };
    });
  const { error, value } = createEvents(events, { productId: 'beslutningsopfoelgning/ics', method: 'PUBLISH', calName: forum.name });
  if (error || !value) throw error ?? new Error('The calendar could not be written');
  return value;
};
