import { DateTime } from 'luxon';

/** The meeting's own clock: a reader in Denmark reads 09.00, whatever the offset the time was stored with. */
const inZone = (iso: string, timeZone: string): DateTime => {
  const time = DateTime.fromISO(iso, { zone: timeZone }).setLocale('da');
  // An unknown zone or a malformed time would otherwise be written into the e-mail as "Invalid DateTime".
  if (!time.isValid) throw new Error(`Cannot write ${iso} in ${timeZone}: ${time.invalidExplanation ?? time.invalidReason}`);
  return time;
};

const DATE = "cccc 'den' d. LLLL yyyy";
const CLOCK = "'kl.' HH.mm";

/** "fredag den 12. december 2025" for a date (YYYY-MM-DD) or a date and time. */
export const danishDate = (iso: string, timeZone: string): string => inZone(iso, timeZone).toFormat(DATE);

/** "fredag den 12. december 2025 kl. 09.00". */
export const danishDateTime = (iso: string, timeZone: string): string => inZone(iso, timeZone).toFormat(`${DATE} ${CLOCK}`);

/** "fredag den 12. december 2025 kl. 09.00-12.00", as minutes write a meeting; an end on another day is written in full. */
export const danishMeetingTime = (startsAt: string, endsAt: string | undefined, timeZone: string): string => {
  const start = inZone(startsAt, timeZone);
  if (endsAt === undefined) return start.toFormat(`${DATE} ${CLOCK}`);
  const end = inZone(endsAt, timeZone);
  return start.hasSame(end, 'day')
    ? `${start.toFormat(`${DATE} ${CLOCK}`)}-${end.toFormat('HH.mm')}`
    : `${start.toFormat(`${DATE} ${CLOCK}`)} til ${end.toFormat(`${DATE} ${CLOCK}`)}`;
};

/** "1 dag", "3 dage". */
export const days = (count: number): string => `${count} ${count === 1 ? 'dag' : 'dage'}`;

/** "A", "A og B", "A, B og C". */
export const danishList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;
