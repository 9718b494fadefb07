import { DateTime, IANAZone } from 'luxon';
import { systemClock } from './clock';

/** What the clock said before it kept the offset: luxon asked about the zone for every instant. */
const askedEveryTime = (timeZone: string, millis: number): string => DateTime.fromMillis(millis).setZone(timeZone).toISO({ suppressMilliseconds: true }) as string;

const MINUTE = 60_000;

describe('the system clock', () => {
  it.each([
    ['Europe/Copenhagen', '2026-03-29T00:00:00Z', '+01:00', '+02:00'],
    ['Europe/Copenhagen', '2026-10-25T00:00:00Z', '+02:00', '+01:00'],
    ['Australia/Lord_Howe', '2026-04-04T14:00:00Z', '+11:00', '+10:30'],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z', '+05:45', '+05:45'],
    ['America/St_Johns', '2026-03-08T05:30:00Z', '-03:30', '-02:30'],
    ['UTC', '2026-06-01T00:00:00Z', 'Z', 'Z'],
  ])('in %s, read minute by minute across %s, says what asking the zone every time says (offset %s, then %s)', (timeZone, around, before, after) => {
    const start = Date.parse(around) - 90 * MINUTE;
    let now = start;
    const clock = systemClock(timeZone, () => now);
    const said: string[] = [];
    for (; now <= start + 180 * MINUTE; now += MINUTE + 1_237) {
      const text = clock.now();
      expect({ now: new Date(now).toISOString(), text }).toEqual({ now: new Date(now).toISOString(), text: askedEveryTime(timeZone, now) });
      said.push(text);
    }
    expect(said[0].endsWith(before)).toBe(true);
    expect(said[said.length - 1].endsWith(after)).toBe(true);
  });

  it('gives whole seconds without milliseconds, and keeps them where there are some', () => {
    let now = Date.parse('2026-08-08T09:00:00Z');
    const clock = systemClock('Europe/Copenhagen', () => now);
    expect(clock.now()).toBe('2026-08-08T11:00:00+02:00');
    now += 5;
    expect(clock.now()).toBe('2026-08-08T11:00:00.005+02:00');
  });

  it('asks the time-zone database once a quarter hour, however often it is read within it', () => {
    const lookups = jest.spyOn(IANAZone.prototype, 'offset');
    let now = Date.parse('2026-08-08T09:00:00Z');
    const clock = systemClock('Europe/Copenhagen', () => now);
    try {
      for (; now < Date.parse('2026-08-08T09:45:00Z'); now += 7_001) clock.now();
      expect(lookups).toHaveBeenCalledTimes(3);
    } finally {
      lookups.mockRestore();
    }
  });
});
