import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';

export const CLOCK = Symbol('CLOCK');

/** The only place that reads the time; the deciders get it in the command. */
export interface Clock {
  /** Now, as ISO 8601 with the offset of the meetings' time zone. */
  now(): string;
}

/**
 * Every zone's offset is a whole number of quarter hours and changes at a local hour or half hour, so it
 * changes only at a multiple of a quarter hour of UTC: within one, the offset found for any instant holds for all.
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

/**
 * The zone's offset is looked up once a quarter hour and kept: asking the time-zone database on every
 * command was a measurable share of a command's time.
 */
export const systemClock = (timeZone: string, readMillis: () => number = Date.now): Clock => {
  const zone = IANAZone.create(timeZone);
  let quarter = Number.NaN;
  let offset = FixedOffsetZone.utcInstance;
  return {
    now: () => {
      const millis = readMillis();
      const current = Math.floor(millis / QUARTER_HOUR_MS);
      if (current !== quarter) {
        quarter = current;
        offset = FixedOffsetZone.instance(zone.offset(millis));
      }
      return DateTime.fromMillis(millis, { zone: offset }).toISO({ suppressMilliseconds: true }) as string;
    },
  };
};
