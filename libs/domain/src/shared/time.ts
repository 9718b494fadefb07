/**
 * Times travel as ISO 8601 strings with an offset, dates as YYYY-MM-DD. Commands carry `now` in the
 * meetings' time zone (the handler's clock puts it there), so its first ten characters are the local date.
 */
export type IsoDateTime = string;
export type IsoDate = string;

export const instant = (time: IsoDateTime): number => Date.parse(time);

export const isBefore = (a: IsoDateTime, b: IsoDateTime): boolean => instant(a) < instant(b);

export const localDateOf = (now: IsoDateTime): IsoDate => now.slice(0, 10);
