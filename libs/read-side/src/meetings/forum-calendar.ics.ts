import { Forum } from '@app/domain';
import { createEvent, createEvents, DateTime, EventAttributes, HeaderAttributes } from 'ics';
import { MeetingsState, MeetingView } from './meetings.projection';

/** A meeting without an end is shown as three hours, the usual length of a steering group meeting. */
const DEFAULT_LENGTH_MS = 3 * 60 * 60 * 1000;

/** iCalendar writes a year in four digits; ics writes a later time all the same, as a date no calendar reads. */
const END_OF_YEAR_9999 = Date.UTC(10000, 0, 1);

/** Control characters but tab and line feed: no iCalendar text may hold them, and ics escapes only line breaks. */
const CONTROL_CHARACTERS = /[^\P{Cc}\t\n]/gu;

/** The log may hold a null or a control character in a text, taken in before input was checked. */
const plainText = (text: string | undefined): string | undefined => text?.replace(CONTROL_CHARACTERS, '');

/** The meeting's day as its own offset writes it, and the day after, which ends an all-day event. */
const dayOf = (startsAt: string): { start: [number, number, number]; end: [number, number, number] } => {
  const [year, month, day] = startsAt.slice(0, 10).split('-').map(Number);
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return { start: [year, month, day], end: [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()] };
};

/** Timed meetings in UTC; a meeting whose time the minutes did not give fills its day, as a date without a time. */
type EventTimes = Pick<EventAttributes, 'start' | 'startInputType' | 'startOutputType' | 'endInputType' | 'endOutputType'> & { end: DateTime };

const timesOf = (meeting: MeetingView): EventTimes => {
  if (meeting.allDay) return dayOf(meeting.startsAt);
  const start = Date.parse(meeting.startsAt);
  const end = meeting.endsAt ? Date.parse(meeting.endsAt) : start + DEFAULT_LENGTH_MS;
  return { start, startInputType: 'utc', startOutputType: 'utc', end, endInputType: 'utc', endOutputType: 'utc' };
};

const statusOf = (meeting: MeetingView): EventAttributes['status'] => {
  if (meeting.status === 'cancelled') return 'CANCELLED';
  return meeting.tentative ? 'TENTATIVE' : 'CONFIRMED';
};

const toEvent = (forum: Forum, meeting: MeetingView): EventAttributes | undefined => {
  const start = Date.parse(meeting.startsAt);
  const end = meeting.endsAt ? Date.parse(meeting.endsAt) : start + DEFAULT_LENGTH_MS;
  if (Math.max(start, end) >= END_OF_YEAR_9999) return undefined;
  return {
    uid: `${meeting.id}@beslutningsopfoelgning`,
    title: `Møde i ${forum.name}`,
    ...timesOf(meeting),
    location: plainText(meeting.place),
    status: statusOf(meeting),
    description: meeting.status === 'cancelled' ? plainText(`Aflyst${meeting.cancelReason ? `: ${meeting.cancelReason}` : ''}`) : undefined,
  };
};

/**
 * The forum's meetings as iCalendar, in UTC so every calendar places them right across daylight saving.
 * A meeting the calendar cannot show (ics refuses a time before 1970, say) is left out, so that one bad
 * record in the log cannot take the forum's whole calendar down with it.
 */
export const forumCalendar = (forum: Forum, meetings: MeetingsState): string => {
  const header: HeaderAttributes = { productId: 'beslutningsopfoelgning/ics', method: 'PUBLISH', calName: forum.name };
  const events = [...meetings.values()]
    .filter((meeting) => meeting.forumId === forum.id)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .flatMap((meeting) => toEvent(forum, meeting) ?? []);
  let calendar = createEvents(events, header);
  // Checking each event alone costs as much again as the calendar, so it is done only once the calendar failed.
  if (calendar.error) calendar = createEvents(events.filter((event) => !createEvent(event).error), header);
  if (calendar.error || !calendar.value) {
    throw new Error(`The calendar of ${forum.id} could not be written: ${calendar.error?.message}`, { cause: calendar.error });
  }
  return calendar.value;
};
