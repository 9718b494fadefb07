import { DateTime, IANAZone } from 'luxon';
import type { FuzzyWord } from './review-report';

/**
 * Dates and times as the minutes write them: 8/8, 8/8-2025, 27/1-2026, 22/04/2014, 21.08.25,
 * "19. september, 2025", "kl. 12-15.00", "8/8, 11-14", "ultimo 2025", "medio august".
 * Every regex here is linear: bounded repetition or a single pass, so 5 MB of junk costs no more than a scan.
 */

export interface DateMention {
  day: number;
  month: number;
  year?: number;
  /** Offsets in the searched text: [index, end). */
  index: number;
  end: number;
  text: string;
}

export interface ClockTime {
  hour: number;
  minute: number;
}

export interface TimeRange {
  start: ClockTime;
  end?: ClockTime;
  index: number;
  endIndex: number;
}

export interface ResolvedDate {
  date: string;
  yearGuessed: boolean;
}

/**
 * How to pick a year the text leaves out. 'same' takes the reference year; 'not-before' moves a date that
 * would fall before the reference date into the next year (a coming meeting); 'not-after' moves one that would
 * fall after it into the previous year (an earlier meeting).
 */
export type YearPolicy = 'same' | 'not-before' | 'not-after';

const MONTHS: ReadonlyArray<[string, number]> = [
  ['januar', 1], ['februar', 2], ['marts', 3], ['april', 4], ['maj', 5], ['juni', 6], ['juli', 7],
  ['august', 8], ['september', 9], ['oktober', 10], ['november', 11], ['december', 12],
  ['sept', 9], ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['jun', 6], ['jul', 7], ['aug', 8],
  ['sep', 9], ['okt', 10], ['nov', 11], ['dec', 12],
];
const MONTH_BY_NAME = new Map(MONTHS);
const MONTH_ALTERNATION = MONTHS.map(([name]) => name).join('|');

/** d/m, d/m-yyyy, d/m/yyyy, d/m/yy. A two-digit year after a hyphen is not taken: "19/9-12" reads as a time. */
const NUMERIC_DATE = /(?<![\d/.,])(\d{1,2})\/(\d{1,2})(?:\s?-\s?(\d{4})|\/(\d{4}|\d{2}))?(?![\d/])/g;
/** d.m.yy and d.m.yyyy, as in "pr. 21.08.25"; without the year a dotted pair is too often a time or a number. */
const DOTTED_DATE = /(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)/g;
const NAMED_DATE = new RegExp(
  `(?<![\\d.,])(\\d{1,2})\\.?\\s{0,3}(${MONTH_ALTERNATION})\\.?(?![a-zæøå])(?:,?\\s{0,3}(\\d{4})(?!\\d))?`,
  'gi',
);
const FUZZY_DATE = new RegExp(
  `\\b(primo|medio|ultimo)\\s{1,3}(?:(${MONTH_ALTERNATION})\\.?(?![a-zæøå])(?:\\s{1,3}(\\d{4})(?!\\d))?|(\\d{4})(?!\\d))`,
  'gi',
);
const KL_TIME = /\bkl\.?\s{0,3}(\d{1,2})(?:[.:](\d{2}))?(?:\s{0,3}[-–]\s{0,3}(\d{1,2})(?:[.:](\d{2}))?)?(?![\d/])/gi;
const BARE_RANGE = /^\s{0,3},?\s{0,3}(?:kl\.?\s{0,3})?(\d{1,2})(?:[.:](\d{2}))?\s{0,3}[-–]\s{0,3}(\d{1,2})(?:[.:](\d{2}))?(?![\d/])/i;

export function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function isValidIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

function yearOf(isoDay: string): number {
  return Number(isoDay.slice(0, 4));
}

/** Numeric and named dates in order of appearance, invalid calendar days left out. */
export function findDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const yearText = m[3] ?? m[4];
    push(found, Number(m[1]), Number(m[2]), yearText === undefined ? undefined : fullYear(yearText), m);
  }
  for (const m of text.matchAll(DOTTED_DATE)) {
    push(found, Number(m[1]), Number(m[2]), fullYear(m[3]), m);
  }
  for (const m of text.matchAll(NAMED_DATE)) {
    const month = MONTH_BY_NAME.get(m[2].toLowerCase());
    if (month !== undefined) push(found, Number(m[1]), month, m[3] === undefined ? undefined : Number(m[3]), m);
  }
  found.sort((a, b) => a.index - b.index);
  return found.filter((d, i) => i === 0 || d.index >= found[i - 1].end);
}

/** "kl. 12-15.00" anywhere, else a bare "11-14" right at `from` (just after a date). */
export function findTimeRange(text: string, from = 0): TimeRange | undefined {
  const bare = BARE_RANGE.exec(text.slice(from, from + 40));
  if (bare) {
    const range = toRange(bare[1], bare[2], bare[3], bare[4], from + bare.index, from + bare[0].length);
    if (range) return range;
  }
  KL_TIME.lastIndex = from;
  for (let m = KL_TIME.exec(text); m !== null; m = KL_TIME.exec(text)) {
    const range = toRange(m[1], m[2], m[3], m[4], m.index, m.index + m[0].length);
    if (range) return range;
  }
  return undefined;
}

export interface FuzzyDateMention {
  fuzzy: FuzzyWord;
  month?: number;
  year?: number;
  index: number;
  end: number;
  text: string;
}

export function findFuzzyDate(text: string): FuzzyDateMention | undefined {
  for (const m of text.matchAll(FUZZY_DATE)) {
    const fuzzy = m[1].toLowerCase() as FuzzyWord;
    const index = m.index ?? 0;
    const base = { fuzzy, index, end: index + m[0].length, text: m[0] };
    if (m[4] !== undefined) return { ...base, year: Number(m[4]) };
    const month = MONTH_BY_NAME.get(m[2].toLowerCase());
    if (month !== undefined) return { ...base, month, year: m[3] === undefined ? undefined : Number(m[3]) };
  }
  return undefined;
}

/**
 * The fixed day a fuzzy date stands for (see DuePoint in review-report.ts). Without a year it is the first
 * such day that has not ended before `referenceDate`: "medio marts" in October minutes is next March.
 */
export function resolveFuzzyDate(mention: FuzzyDateMention, referenceDate: string): ResolvedDate | undefined {
  if (mention.year !== undefined) {
    const date = fuzzyDay(mention, mention.year);
    return date === undefined ? undefined : { date, yearGuessed: false };
  }
  const refYear = yearOf(referenceDate);
  const sameYear = fuzzyDay(mention, refYear);
  const date = sameYear !== undefined && sameYear >= referenceDate ? sameYear : fuzzyDay(mention, refYear + 1);
  return date === undefined ? undefined : { date, yearGuessed: true };
}

function fuzzyDay(mention: FuzzyDateMention, year: number): string | undefined {
  if (mention.month === undefined) {
    return mention.fuzzy === 'primo' ? isoDate(year, 1, 1) : mention.fuzzy === 'medio' ? isoDate(year, 6, 30) : isoDate(year, 12, 31);
  }
  const day = mention.fuzzy === 'primo' ? 1 : mention.fuzzy === 'medio' ? 15 : daysInMonth(year, mention.month);
  return isoDate(year, mention.month, day);
}

/** Gives a date without a year the year the policy picks relative to `referenceDate` (YYYY-MM-DD). */
export function resolveDate(mention: DateMention, referenceDate: string, policy: YearPolicy): ResolvedDate | undefined {
  if (mention.year !== undefined) {
    const date = isoDate(mention.year, mention.month, mention.day);
    return date === undefined ? undefined : { date, yearGuessed: false };
  }
  const refYear = yearOf(referenceDate);
  // 29/2 has no same-year date in three years of four: try the neighbour the policy allows before giving up.
  let date = isoDate(refYear, mention.month, mention.day);
  if (policy === 'not-before' && (date === undefined || date < referenceDate)) {
    date = isoDate(refYear + 1, mention.month, mention.day);
  } else if (policy === 'not-after' && (date === undefined || date > referenceDate)) {
    date = isoDate(refYear - 1, mention.month, mention.day);
  }
  return date === undefined ? undefined : { date, yearGuessed: true };
}

/** Zone lookups cost tens of microseconds each; a text that names one meeting 100 000 times must not pay that. */
const dateTimeCache = new Map<string, string | undefined>();
const DATE_TIME_CACHE_SIZE = 4096;

/** Through luxon's cache of zones, which the times are computed with: a zone is checked once per process. */
export function isValidTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && IANAZone.create(zone).isValid;
}

/**
 * ISO 8601 with the offset the time zone (IANA name) has on that day: in Europe/Copenhagen 11:00 in August is
 * +02:00 and in December +01:00.
 */
export function zonedDateTime(date: string, time: ClockTime, zone: string): string | undefined {
  const key = `${zone} ${date}T${time.hour}:${time.minute}`;
  if (dateTimeCache.has(key)) return dateTimeCache.get(key);
  if (dateTimeCache.size >= DATE_TIME_CACHE_SIZE) dateTimeCache.clear();
  const value = toZonedDateTime(date, time, zone);
  dateTimeCache.set(key, value);
  return value;
}

function toZonedDateTime(date: string, time: ClockTime, zone: string): string | undefined {
  const [year, month, day] = date.split('-').map(Number);
  // 24:00 is how minutes write the end of the day; luxon wants the next day's 00:00 (calendar days, not 24 h).
  const midnightNext = time.hour === 24;
  let dt = DateTime.fromObject(
    { year, month, day, hour: midnightNext ? 0 : time.hour, minute: time.minute },
    { zone },
  );
  if (midnightNext) dt = dt.plus({ days: 1 });
  return dt.isValid ? (dt.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

/** "8/8-2025" for a report line, the way the minutes write dates. */
export function danishShortDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day}/${month}-${year}`;
}

/** "11.00" from an ISO date-time, on the clock of the offset it carries: the meeting's own time. */
export function danishClock(isoDateTime: string): string {
  return DateTime.fromISO(isoDateTime, { setZone: true }).toFormat('HH.mm');
}

function push(found: DateMention[], day: number, month: number, year: number | undefined, m: RegExpMatchArray): void {
  const index = m.index ?? 0;
  const probeYear = year ?? 2000; // a leap year, so 29/2 without a year is kept for the policy to place
  if (isoDate(probeYear, month, day) === undefined) return;
  found.push({ day, month, year, index, end: index + m[0].length, text: m[0] });
}

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function toRange(h1: string, m1: string | undefined, h2: string | undefined, m2: string | undefined, index: number, endIndex: number): TimeRange | undefined {
  const start = clock(h1, m1);
  if (!start) return undefined;
  if (h2 === undefined) return { start, index, endIndex };
  const end = clock(h2, m2);
  if (!end || end.hour * 60 + end.minute <= start.hour * 60 + start.minute) return undefined;
  return { start, end, index, endIndex };
}

function clock(hour: string, minute: string | undefined): ClockTime | undefined {
  const h = Number(hour);
  const m = minute === undefined ? 0 : Number(minute);
  if (h > 24 || m > 59 || (h === 24 && m > 0)) return undefined;
  return { hour: h, minute: m };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
