import { Forum, MeetingEvent } from '@app/domain';
import { meetingCancelled, meetingHeld, meetingRescheduled, meetingScheduled, readModels } from '../testing/read-side.testing';
import { forumCalendar } from './forum-calendar.ics';

const meetingsFrom = (events: MeetingEvent[]) => readModels(events).meetings;

interface ParsedEvent {
  [property: string]: string;
}

/** A loose iCalendar reader: unfolds continuation lines, then collects each VEVENT's properties (parameters dropped, text unescaped). */
const parse = (ics: string): { calendar: ParsedEvent; events: ParsedEvent[] } => {
  const lines = ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter(Boolean);
  const calendar: ParsedEvent = {};
  const events: ParsedEvent[] = [];
  let current: ParsedEvent | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      if (current) events.push(current);
      current = undefined;
    } else {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0];
      const value = line.slice(colon + 1).replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, '\n');
      (current ?? calendar)[name] = value;
    }
  }
  return { calendar, events };
};

const styregruppen: Forum = {
  id: 'styregruppen',
  name: 'Styregruppen',
  parentId: 'k17',
  members: [{ name: 'Formand for Styregruppen', email: 'formand@styregruppen.example', role: 'chair' }],
};

/** Styregruppen's autumn 2025 as the Mødekalender has it, 19/9 cancelled, and one K17 meeting. */
const autumn = meetingsFrom([
  meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00'),
  meetingScheduled('styregruppen-2025-08-08', 'styregruppen', '2025-08-08T11:00:00+02:00', { endsAt: '2025-08-08T14:00:00+02:00', place: 'Regionshuset, Sorø' }),
  meetingScheduled('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T12:00:00+02:00', { endsAt: '2025-09-19T15:00:00+02:00' }),
  meetingScheduled('k17-2025-10-03', 'k17', '2025-10-03T09:00:00+02:00'),
  meetingHeld('styregruppen-2025-08-08', 'styregruppen', '2025-08-08T14:05:00+02:00'),
  meetingCancelled('styregruppen-2025-09-19', 'styregruppen', '2025-09-10T09:00:00+02:00', { reason: 'For få tilmeldte' }),
]);

describe('forum calendar (iCalendar)', () => {
  it('given Styregruppen’s meetings, then there is one VEVENT for each, and none for K17’s', () => {
    const ics = forumCalendar(styregruppen, autumn);
    expect(ics.match(/^BEGIN:VEVENT\r?$/gm)).toHaveLength(3);
    expect(parse(ics).events.map((event) => event.UID)).toEqual([
      'styregruppen-2025-08-08@beslutningsopfoelgning',
      'styregruppen-2025-09-19@beslutningsopfoelgning',
      'styregruppen-2025-12-12@beslutningsopfoelgning',
    ]);
  });

  it('is a published calendar named after the forum, with lines ended by CRLF', () => {
    const ics = forumCalendar(styregruppen, autumn);
    const { calendar } = parse(ics);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(calendar).toMatchObject({ VERSION: '2.0', METHOD: 'PUBLISH', 'X-WR-CALNAME': 'Styregruppen' });
  });

  it('given summer and winter meetings in Copenhagen time, then DTSTART and DTEND are in UTC', () => {
    const events = parse(forumCalendar(styregruppen, autumn)).events;
    expect(events.map((event) => [event.DTSTART, event.DTEND])).toEqual([
      ['20250808T090000Z', '20250808T120000Z'],
      ['20250919T100000Z', '20250919T130000Z'],
      // No end given: three hours.
      ['20251212T080000Z', '20251212T110000Z'],
    ]);
  });

  it('given the cancelled 19/9 meeting, then its STATUS is CANCELLED with the reason, while the others are CONFIRMED, held ones too', () => {
    const events = parse(forumCalendar(styregruppen, autumn)).events;
    expect(events.map((event) => event.STATUS)).toEqual(['CONFIRMED', 'CANCELLED', 'CONFIRMED']);
    expect(events[1].DESCRIPTION).toBe('Aflyst: For få tilmeldte');
    expect(events[0].DESCRIPTION).toBeUndefined();
  });

  it('given a place, then it is the LOCATION and a title names the forum', () => {
    const [august] = parse(forumCalendar(styregruppen, autumn)).events;
    expect(august.LOCATION).toBe('Regionshuset, Sorø');
    expect(august.SUMMARY).toBe('Møde i Styregruppen');
  });

  it('given a meeting moved across the end of summer time, then the same UID carries the new start in UTC', () => {
    const meetings = meetingsFrom([
      meetingScheduled('styregruppen-2025-10-24', 'styregruppen', '2025-10-24T09:00:00+02:00', { endsAt: '2025-10-24T12:00:00+02:00' }),
      meetingRescheduled('styregruppen-2025-10-24', 'styregruppen', '2025-10-24T09:00:00+02:00', '2025-10-27T09:00:00+01:00', '2025-10-01T09:00:00+02:00', { endsAt: '2025-10-27T12:00:00+01:00' }),
    ]);
    expect(parse(forumCalendar(styregruppen, meetings)).events).toEqual([
      expect.objectContaining({ UID: 'styregruppen-2025-10-24@beslutningsopfoelgning', DTSTART: '20251027T080000Z', DTEND: '20251027T110000Z', STATUS: 'CONFIRMED' }),
    ]);
  });

  it('given meetings it cannot render (a start before 1970, a start in the year 10000 in UTC), then it leaves them out and shows the others, one with a null place too', () => {
    // Such meetings were taken in before their input was checked, and stay in the log.
    const meetings = meetingsFrom([
      meetingScheduled('styregruppen-2030-01-01', 'styregruppen', '2030-01-01T10:00:00+01:00', { place: null as unknown as string }),
      meetingScheduled('styregruppen-1969-12-31', 'styregruppen', '1969-12-31T10:00:00+01:00'),
      meetingScheduled('styregruppen-9999-12-31', 'styregruppen', '9999-12-31T23:00:00-05:00'),
      meetingScheduled('styregruppen-2025-08-08', 'styregruppen', '2025-08-08T11:00:00+02:00', { place: 'Regionshuset, Sorø' }),
    ]);
    const events = parse(forumCalendar(styregruppen, meetings)).events;
    expect(events.map((event) => [event.UID, event.DTSTART, event.LOCATION])).toEqual([
      ['styregruppen-2025-08-08@beslutningsopfoelgning', '20250808T090000Z', 'Regionshuset, Sorø'],
      ['styregruppen-2030-01-01@beslutningsopfoelgning', '20300101T090000Z', undefined],
    ]);
  });

  it('given control characters in a place or a reason, then the calendar leaves them out and keeps the line breaks', () => {
    const meetings = meetingsFrom([
      meetingScheduled('styregruppen-2025-08-08', 'styregruppen', '2025-08-08T11:00:00+02:00', { place: 'Regions\u0000huset\u0007' }),
      meetingCancelled('styregruppen-2025-08-08', 'styregruppen', '2025-08-01T09:00:00+02:00', { reason: 'For få\r\ntilmeldte\u001b[0m' }),
    ]);
    const ics = forumCalendar(styregruppen, meetings);
    expect(ics).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    expect(parse(ics).events[0]).toMatchObject({ LOCATION: 'Regionshuset', DESCRIPTION: 'Aflyst: For få\ntilmeldte[0m' });
  });

  it('given a meeting the minutes listed only in a Mødekalender, without a time, then it is a tentative all-day event on its day', () => {
    const meetings = meetingsFrom([meetingScheduled('styregruppen-2026-01-30', 'styregruppen', '2026-01-30T09:00:00+01:00', { allDay: true, tentative: true })]);
    const ics = forumCalendar(styregruppen, meetings);
    expect(ics).toMatch(/^DTSTART;VALUE=DATE:20260130\r?$/m);
    expect(ics).toMatch(/^DTEND;VALUE=DATE:20260131\r?$/m);
    expect(parse(ics).events[0]).toMatchObject({ STATUS: 'TENTATIVE' });
  });

  it('given a meeting without a time that its own minutes named, then it is an all-day event and confirmed', () => {
    const meetings = meetingsFrom([meetingScheduled('styregruppen-2025-12-31', 'styregruppen', '2025-12-31T09:00:00+01:00', { allDay: true })]);
    const ics = forumCalendar(styregruppen, meetings);
    expect(ics).toMatch(/^DTSTART;VALUE=DATE:20251231\r?$/m);
    expect(ics).toMatch(/^DTEND;VALUE=DATE:20260101\r?$/m);
    expect(parse(ics).events[0]).toMatchObject({ STATUS: 'CONFIRMED' });
  });

  it('given a tentative all-day meeting later moved to a time, then it is a timed, confirmed event', () => {
    const meetings = meetingsFrom([
      meetingScheduled('styregruppen-2026-01-30', 'styregruppen', '2026-01-30T09:00:00+01:00', { allDay: true, tentative: true }),
      meetingRescheduled('styregruppen-2026-01-30', 'styregruppen', '2026-01-30T09:00:00+01:00', '2026-01-30T13:00:00+01:00', '2026-01-10T10:00:00+01:00'),
    ]);
    expect(parse(forumCalendar(styregruppen, meetings)).events[0]).toMatchObject({ DTSTART: '20260130T120000Z', STATUS: 'CONFIRMED' });
  });

  it('given a forum with no meetings, then it is a valid calendar with no VEVENT', () => {
    const ics = forumCalendar({ id: 'kl-koordinationsforum', name: 'KL Koordinationsforum', members: [] }, autumn);
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('END:VCALENDAR');
    expect(parse(ics).events).toEqual([]);
  });
});
