import { DateTime } from 'luxon';

export const CLOCK = Symbol('CLOCK');

/** The only place that reads the time; the deciders get it in the command. */
export interface Clock {
  /** Now, as ISO 8601 with the offset of the meetings' time zone. */
  now(): string;
}

export const systemClock = (timeZone: string): Clock => ({
  now: () => DateTime.now().setZone(timeZone).toISO({ suppressMilliseconds: true }) as string,
});
