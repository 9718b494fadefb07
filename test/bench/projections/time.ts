/**
 * Time in the generator is a number (ms since the epoch, UTC) until it is written into an event, where it
 * becomes what the product writes: an ISO 8601 local time in Europe/Copenhagen with its offset. The offset
 * is computed from the EU rule (summer time from the last Sunday of March to the last Sunday of October,
 * switching at 01:00 UTC) rather than through luxon, because a million events would pay for a zone lookup each.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const lastSundayUtc = (year: number, month: number): number => {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
};

const summerTime = new Map<number, [number, number]>();

export const copenhagenOffsetMinutes = (utc: number): number => {
  const year = new Date(utc).getUTCFullYear();
  let range = summerTime.get(year);
  if (!range) {
    range = [lastSundayUtc(year, 2), lastSundayUtc(year, 9)];
    summerTime.set(year, range);
  }
  return utc >= range[0] && utc < range[1] ? 120 : 60;
};

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
let cachedDay = Number.NaN;
let cachedDate = '';

/**
 * "2024-03-05T10:00:00+01:00", seconds included, as the command side writes `now`. Formatted by hand with
 * the day cached: the generator writes some three timestamps per event, and toISOString() for each was the
 * biggest single cost of generating.
 */
export const isoLocal = (utc: number): string => {
  const offset = copenhagenOffsetMinutes(utc);
  const local = Math.floor((utc + offset * MINUTE) / 1000);
  const day = Math.floor(local / 86_400);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * DAY).toISOString().slice(0, 10);
  }
  const seconds = local - day * 86_400;
  const time = `${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
  return `${cachedDate}T${time}${offset === 120 ? '+02:00' : '+01:00'}`;
};

/** The local calendar date, YYYY-MM-DD. */
export const localDate = (utc: number): string => isoLocal(utc).slice(0, 10);

/** The UTC instant of a local wall-clock time in Copenhagen (the hours used here never fall in a DST gap). */
export const localToUtc = (year: number, month: number, day: number, hour: number, minute = 0): number => {
  const guess = Date.UTC(year, month, day, hour, minute) - 60 * MINUTE;
  return Date.UTC(year, month, day, hour, minute) - copenhagenOffsetMinutes(guess) * MINUTE;
};

/** Moves a local date forward to a weekday (meetings are not held at weekends). */
export const weekdayOnOrAfter = (year: number, month: number, day: number): [number, number, number] => {
  const date = new Date(Date.UTC(year, month, day));
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
};
