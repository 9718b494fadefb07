import { createEvent } from 'ics';
import { MailAttachment, MailCase, MailMeeting } from '../reminder-mail';

export const INVITATION_FILE_NAME = 'moede.ics';

/** A meeting without an end is shown as three hours, the usual length of a steering group meeting, as the forum calendar does. */
const DEFAULT_LENGTH_MS = 3 * 60 * 60 * 1000;

/** Control characters but tab and line feed: no iCalendar text may hold them, and ics escapes only line breaks. */
const CONTROL_CHARACTERS = /[^\P{Cc}\t\n]/gu;

const plainText = (text: string): string => text.replace(CONTROL_CHARACTERS, '');

const time = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`A meeting time must be ISO 8601, got ${iso}`);
  return ms;
};

/**
 * The meeting as an iCalendar attachment with one VEVENT, in UTC so every calendar places it right across
 * daylight saving. Its UID is the one the forum's calendar feed gives the meeting, so a calendar that holds
 * both, or an agenda mailed again after the meeting moved, keeps one event that is updated.
 */
export const meetingInvitation = (meeting: MailMeeting, cases: readonly MailCase[]): MailAttachment => {
  const start = time(meeting.startsAt);
  const agenda = cases.map((item, index) => `${index + 1}. ${item.title}${item.carriedOver ? ' (overført fra et tidligere møde)' : ''}`);
  const { error, value } = createEvent({
    productId: 'beslutningsopfoelgning/ics',
    method: 'PUBLISH',
    uid: `${meeting.id}@beslutningsopfoelgning`,
    title: plainText(`Møde i ${meeting.forumName}`),
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: meeting.endsAt === undefined ? start + DEFAULT_LENGTH_MS : time(meeting.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    location: meeting.place === undefined ? undefined : plainText(meeting.place),
    description: plainText(agenda.length > 0 ? `Dagsorden:\n${agenda.join('\n')}` : 'Der er endnu ingen sager på dagsordenen.'),
    status: 'CONFIRMED',
  });
  if (error || !value) throw new Error(`The calendar invitation of meeting ${meeting.id} could not be written: ${error?.message}`, { cause: error });
  return { filename: INVITATION_FILE_NAME, content: value, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' };
};
