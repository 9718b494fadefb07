import { chainFrom } from '@app/domain';
import {
  danishShortDate,
  findDates,
  findTimeRange,
  isoDate,
  resolveDate,
  zonedDateTime,
  type DateMention,
  type TimeRange,
} from './danish-dates';
import type { ForumMatcher } from './forum-matcher';
import { stripBullet, stripMarkup, type SourceLine } from './minutes-text';
import type { ReadingContext } from './phrase-classifier';
import type { ReportWarning, ScheduledMeeting } from './review-report';

/**
 * Meetings to schedule: the Mødekalender table ("Møder i Styregruppen  Møder i K17  Møder i KKR" over rows
 * of dates) and the "Næste møde" lines. The table is located before the items are read, so its lines do not
 * end up in an item's background; years are given once the meeting's own date is known.
 */

export interface CalendarCell {
  column: number;
  mention: DateMention;
  note?: string;
}

export interface CalendarTable {
  headingLine: number;
  headingYear?: number;
  /** Forum of each column; undefined where a column header names no known forum. */
  columns?: Array<{ forumId?: string; text: string }>;
  rows: Array<{ line: number; cells: CalendarCell[] }>;
  lines: number[];
}

const CALENDAR_HEADING = /^\W{0,3}mødekalender\b(.{0,200})$/i;
const COLUMN_SPLIT = /møder?\s{1,3}i\s{1,3}/i;
const MAX_ROWS = 60;
const MAX_GAP = 3;
/** A table without column headers is taken to list the forum's own meetings and those of the two forums above it. */
const ASSUMED_COLUMNS = 3;

export function locateCalendars(lines: SourceLine[], forums: ForumMatcher): CalendarTable[] {
  const tables: CalendarTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/ødekalender/i.test(lines[i].text)) continue;
    const heading = CALENDAR_HEADING.exec(stripMarkup(lines[i].text));
    if (!heading) continue;
    const yearMatch = /\b(19\d{2}|20\d{2})\b/.exec(heading[1]);
    const table: CalendarTable = {
      headingLine: lines[i].no,
      headingYear: yearMatch ? Number(yearMatch[1]) : undefined,
      rows: [],
      lines: [lines[i].no],
    };
    let blanks = 0;
    let j = i + 1;
    for (; j < lines.length && table.rows.length < MAX_ROWS; j++) {
      const text = stripMarkup(lines[j].text);
      if (text === '') {
        if (++blanks > MAX_GAP) break;
        continue;
      }
      blanks = 0;
      if (!table.columns && table.rows.length === 0 && COLUMN_SPLIT.test(text) && text.length < 300) {
        table.columns = text
          .split(COLUMN_SPLIT)
          .slice(1)
          .map((segment) => ({ forumId: forums.mentions(segment)[0]?.forumId, text: segment.trim() }));
        table.lines.push(lines[j].no);
        continue;
      }
      const cells = calendarRow(lines[j].text);
      if (!cells) break;
      table.rows.push({ line: lines[j].no, cells });
      table.lines.push(lines[j].no);
    }
    if (table.rows.length > 0) {
      tables.push(table);
      i = j - 1;
    }
  }
  return tables;
}

/** A row is dates only, one per column, with an optional note after a date ("27/1-2026 Konstituerende møde"). */
function calendarRow(raw: string): CalendarCell[] | undefined {
  if (raw.length > 400) return undefined;
  const text = stripMarkup(raw);
  const tabbed = raw.includes('\t');
  const parts = tabbed ? raw.split('\t').map((p) => stripMarkup(p)) : [text];
  const cells: CalendarCell[] = [];
  let column = 0;
  for (const part of parts) {
    if (tabbed && part === '') {
      column++;
      continue;
    }
    const dates = findDates(part);
    if (dates.length === 0 || part.slice(0, dates[0].index).trim() !== '') {
      if (cells.length === 0) return undefined;
      cells[cells.length - 1].note = joinNote(cells[cells.length - 1].note, part);
      column++;
      continue;
    }
    for (let d = 0; d < dates.length; d++) {
      const between = part.slice(dates[d].end, d + 1 < dates.length ? dates[d + 1].index : part.length).trim();
      cells.push({ column, mention: dates[d], note: between === '' ? undefined : between });
      if (!tabbed) column++;
      if (between !== '' && d + 1 < dates.length) return undefined;
    }
    if (tabbed) column++;
  }
  return cells.length > 0 ? cells : undefined;
}

function joinNote(a: string | undefined, b: string): string {
  return a === undefined ? b : `${a} ${b}`;
}

/**
 * Years for the table's dates. With "Mødekalender 2025" the heading gives the year; without it the minutes'
 * year does, and a first date over a month before the meeting is taken as next year's (January rows in
 * September minutes). In either case a column runs forward in time, so a date earlier than the one above it
 * rolls into the next year. Every year the text did not write is reported.
 */
export function resolveCalendars(tables: CalendarTable[], ctx: ReadingContext, meetings: MeetingSet): ReportWarning[] {
  const { forums, meetingDate, ownForumId } = ctx;
  const warnings: ReportWarning[] = [];
  const monthBefore = shiftDays(meetingDate, -31);
  for (const table of tables) {
    let columns = table.columns;
    if (!columns) {
      columns = chainFrom(forums.forums, ownForumId)
        .slice(0, ASSUMED_COLUMNS)
        .map((forum) => ({ forumId: forum.id, text: '' }));
      warnings.push({
        code: 'forum-assumed',
        line: table.headingLine,
        message: `Mødekalenderen har ingen kolonneoverskrift; kolonnerne er antaget at være ${columns.map((c) => forums.name(c.forumId ?? '')).join(', ')}.`,
      });
    }
    const baseYear = table.headingYear ?? Number(meetingDate.slice(0, 4));
    const previous = new Map<number, string>();
    for (const row of table.rows) {
      const guessed: string[] = [];
      for (const cell of row.cells) {
        const column = columns[cell.column];
        if (!column?.forumId) {
          warnings.push({
            code: 'forum-assumed',
            line: row.line,
            message: `Mødekalender: ${cell.mention.text} står i en kolonne uden kendt forum${column ? ` ("${column.text}")` : ''} og er ikke medtaget.`,
          });
          continue;
        }
        const date = calendarDate(cell.mention, baseYear, previous.get(cell.column), table.headingYear === undefined ? monthBefore : undefined);
        if (!date) continue;
        previous.set(cell.column, date.date);
        if (date.yearGuessed) guessed.push(`${cell.mention.text.trim()} → ${danishShortDate(date.date)} (${forums.name(column.forumId)})`);
        if (column.forumId === ownForumId && date.date === meetingDate) continue;
        meetings.add({
          forumId: column.forumId,
          date: date.date,
          note: cell.note,
          sources: ['calendar'],
          yearGuessed: date.yearGuessed ? true : undefined,
          lines: [row.line],
        });
      }
      if (guessed.length > 0) {
        const why = table.headingYear !== undefined ? `årstal fra overskriften "Mødekalender ${table.headingYear}"` : 'referatets årstal';
        warnings.push({
          code: 'year-guessed',
          line: row.line,
          message: `Mødekalender uden årstal, antaget ud fra ${why} og datoernes rækkefølge: ${guessed.join(', ')}.`,
        });
      }
    }
  }
  return warnings;
}

function calendarDate(mention: DateMention, baseYear: number, above: string | undefined, notBefore: string | undefined) {
  if (mention.year !== undefined) {
    const date = isoDate(mention.year, mention.month, mention.day);
    return date === undefined ? undefined : { date, yearGuessed: false };
  }
  for (let year = baseYear; year <= baseYear + 2; year++) {
    const date = isoDate(year, mention.month, mention.day);
    if (date === undefined) continue;
    if (above !== undefined && date < above) continue;
    if (above === undefined && notBefore !== undefined && date < notBefore) continue;
    return { date, yearGuessed: true };
  }
  return undefined;
}

const NEXT_MEETING_LINE = /\bnæste\s+møde\b|\b(?:afholdes|planlagt|holdes|mødes)\b/i;
const NEXT_MEETING_START = /^næste\s+møde\b/i;
const SESSION_LINE = /^kl\.?\s{0,3}\d/i;
const ABSENCE = /\bafbud\s+fra\s+/i;

/**
 * Meetings in the "Næste møde" item (any line that names a date and says it is held or planned) and in any
 * line that starts with "Næste møde". A date without a year is the next such day on or after the meeting.
 */
export function findNextMeetings(
  lines: SourceLine[],
  nextMeetingItemLines: ReadonlySet<number>,
  consumed: ReadonlySet<number>,
  ctx: ReadingContext,
  meetings: MeetingSet,
): ReportWarning[] {
  const { forums, timeZone, meetingDate, ownForumId } = ctx;
  const found: ScheduledMeeting[] = [];
  const warnings: ReportWarning[] = [];
  const sessions = new Map<ScheduledMeeting, Array<{ range: TimeRange; text: string }>>();
  const absences: Array<{ names: string[]; mention?: DateMention; line: number }> = [];
  let latest: ScheduledMeeting | undefined;

  for (const l of lines) {
    if (consumed.has(l.no) || l.text.length > 1000) continue;
    const inItem = nextMeetingItemLines.has(l.no);
    if (!inItem && !/næste/i.test(l.text)) continue;
    const text = stripBullet(stripMarkup(l.text)).text;
    if (!inItem && !NEXT_MEETING_START.test(text)) continue;
    const absence = ABSENCE.exec(text);
    if (absence) {
      const rest = text.slice(absence.index + absence[0].length);
      const [who, target = ''] = rest.split(/\s+til\s+/i, 2);
      absences.push({ names: splitNames(who), mention: findDates(target)[0], line: l.no });
      continue;
    }
    if (latest && SESSION_LINE.test(text)) {
      const range = findTimeRange(text);
      if (range) sessions.get(latest)?.push({ range, text });
      continue;
    }
    if (!NEXT_MEETING_LINE.test(text)) continue;
    const forumId = forums.mentions(text)[0]?.forumId ?? ownForumId;
    for (const mention of findDates(text)) {
      const resolved = resolveDate(mention, meetingDate, 'not-before');
      if (!resolved || resolved.date === meetingDate) continue;
      const range = findTimeRange(text, mention.end);
      const meeting = meetings.add({
        forumId,
        date: resolved.date,
        startsAt: range ? zonedDateTime(resolved.date, range.start, timeZone) : undefined,
        endsAt: range?.end ? zonedDateTime(resolved.date, range.end, timeZone) : undefined,
        sources: ['next-meeting'],
        yearGuessed: resolved.yearGuessed ? true : undefined,
        lines: [l.no],
      });
      if (!sessions.has(meeting)) {
        sessions.set(meeting, []);
        found.push(meeting);
      }
      latest = meeting;
    }
  }

  for (const [meeting, parts] of sessions) {
    if (parts.length === 0) continue;
    const starts = parts.map((p) => p.range.start.hour * 60 + p.range.start.minute);
    const ends = parts.map((p) => (p.range.end ?? p.range.start)).map((t) => t.hour * 60 + t.minute);
    const first = parts[starts.indexOf(Math.min(...starts))].range.start;
    const lastEnd = Math.max(...ends);
    meeting.startsAt = zonedDateTime(meeting.date, first, timeZone);
    meeting.endsAt = zonedDateTime(meeting.date, { hour: Math.floor(lastEnd / 60), minute: lastEnd % 60 }, timeZone);
    meeting.note = parts.map((p) => p.text).join('; ');
  }

  for (const absence of absences) {
    const resolved = absence.mention ? resolveDate(absence.mention, meetingDate, 'not-before') : undefined;
    const target = resolved ? found.find((m) => m.date === resolved.date) : found[0];
    if (!target) {
      warnings.push({
        code: 'item-missing',
        line: absence.line,
        message: `Afbud fra ${absence.names.join(', ')} til et møde, der ikke er fundet blandt de kommende møder.`,
      });
      continue;
    }
    (target.absent ??= []).push(...absence.names.map((name) => ({ name, line: absence.line })));
    target.lines.push(absence.line);
  }

  for (const m of found) {
    if (m.yearGuessed) {
      warnings.push({
        code: 'year-guessed',
        line: m.lines[0],
        message: `Næste møde ${danishShortDate(m.date)} (${forums.name(m.forumId)}): årstallet står ikke i teksten og er antaget.`,
      });
    }
  }
  return warnings;
}

/**
 * Meetings keyed by forum and day, so the same meeting named in the calendar and under "Næste møde" is one.
 * Lines are gathered as they come and sorted once, in `list()`: merging must stay linear on a 5 MB text.
 */
export class MeetingSet {
  private readonly byKey = new Map<string, ScheduledMeeting>();

  add(meeting: ScheduledMeeting): ScheduledMeeting {
    const key = `${meeting.forumId}|${meeting.date}`;
    const existing = this.byKey.get(key);
    if (!existing) {
      const fresh: ScheduledMeeting = { ...meeting, sources: [...meeting.sources], lines: [...meeting.lines] };
      this.byKey.set(key, fresh);
      return fresh;
    }
    existing.startsAt ??= meeting.startsAt;
    existing.endsAt ??= meeting.endsAt;
    existing.note ??= meeting.note;
    for (const source of meeting.sources) if (!existing.sources.includes(source)) existing.sources.push(source);
    if (!meeting.yearGuessed) existing.yearGuessed = undefined;
    existing.lines.push(...meeting.lines);
    if (meeting.absent) (existing.absent ??= []).push(...meeting.absent);
    return existing;
  }

  list(): ScheduledMeeting[] {
    return [...this.byKey.values()]
      .map((m) => stripUndefined({ ...m, lines: [...new Set(m.lines)].sort((a, b) => a - b) }))
      .sort((a, b) => (a.date === b.date ? a.forumId.localeCompare(b.forumId) : a.date.localeCompare(b.date)));
  }
}

function splitNames(text: string): string[] {
  return text
    .split(/,\s*|\s+og\s+/)
    .map((s) => s.trim().replace(/[.:;]+$/, ''))
    .filter((s) => s !== '')
    .slice(0, 20);
}

function shiftDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function stripUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
