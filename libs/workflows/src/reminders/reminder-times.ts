import { ReminderTiming, ScheduledReminderKind, ReminderSettings } from '@app/config';
import { DateTime } from 'luxon';
import { ReminderKind } from './reminder-mail';

/**
 * When a reminder fires: so many days before, at a clock time in the meetings' time zone (or at the
 * meeting's own start time). Days are counted on the calendar, not in 24-hour steps, so a 09:00 reminder
 * stays at 09:00 across a change to or from daylight saving time.
 */
export const fireTime = (timing: ReminderTiming, startsAt: string, timeZone: string): DateTime => {
  const start = DateTime.fromISO(startsAt, { zone: timeZone });
  if (timing.at === 'start') return start.minus({ days: timing.daysBefore });
  const [hour, minute] = timing.at.split(':').map(Number);
  return start.minus({ days: timing.daysBefore }).set({ hour, minute, second: 0, millisecond: 0 });
};

/** A delayed job: one kind of reminder about one meeting or follow-up, due at `fireAt`. */
export interface PlannedReminder {
  /** Fixed per kind and subject, so adding it twice adds it once. BullMQ refuses ':' in a job id. */
  jobId: string;
  kind: ReminderKind;
  subjectId: string;
  /** ISO 8601 in UTC. */
  fireAt: string;
}

export const reminderJobId = (kind: string, subjectId: string): string => `${kind}--${subjectId.replace(/:/g, '_')}`;

/**
 * A reminder asked for by a person is about the follow-up and the request's event: each request is a mail of
 * its own, and the same request handed over again is the same mail. An event id holds no '.', so the last one
 * parts the two whatever the follow-up's id holds.
 */
export const requestedReminderSubject = (followUpId: string, requestEventId: string): string => `${followUpId}.${requestEventId}`;
export const followUpOfRequestedReminder = (subjectId: string): string => subjectId.slice(0, subjectId.lastIndexOf('.'));

/** The reminder a person asked for: it fires at once. */
export const requestedReminder = (followUpId: string, requestEventId: string, now: number): PlannedReminder => {
  const subjectId = requestedReminderSubject(followUpId, requestEventId);
  return { jobId: reminderJobId('follow-up-requested', subjectId), kind: 'follow-up-requested', subjectId, fireAt: new Date(now).toISOString() };
};

const planned = (kind: ScheduledReminderKind, subjectId: string, at: DateTime): PlannedReminder => ({
  jobId: reminderJobId(kind, subjectId),
  kind,
  subjectId,
  fireAt: at.toUTC().toISO() as string,
});

/** The reminders of a meeting still to be held: material deadline, follow-ups due, agenda. */
export const meetingReminders = (meeting: { id: string; startsAt: string }, settings: ReminderSettings, timeZone: string): PlannedReminder[] =>
  (['material-deadline', 'follow-ups-due', 'agenda'] as const).map((kind) => planned(kind, meeting.id, fireTime(settings.kinds[kind], meeting.startsAt, timeZone)));

/** The reminder of a follow-up due by a date: counted from the start of that day. */
export const followUpReminder = (followUp: { id: string; due: string }, settings: ReminderSettings, timeZone: string): PlannedReminder => {
  const dayStart = DateTime.fromISO(followUp.due, { zone: timeZone }).startOf('day').toISO() as string;
  return planned('follow-up-due-date', followUp.id, fireTime(settings.kinds['follow-up-due-date'], dayStart, timeZone));
};
