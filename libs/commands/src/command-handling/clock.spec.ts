import { systemClock } from './clock';

describe('the system clock', () => {
  afterEach(() => jest.useRealTimers());

  it("tells the time in the meetings' time zone with that zone's offset, in summer and in winter", () => {
    jest.useFakeTimers({ now: new Date('2025-08-08T09:30:00.000Z') });
    expect(systemClock('Europe/Copenhagen').now()).toBe('2025-08-08T11:30:00+02:00');

    jest.setSystemTime(new Date('2025-12-01T08:00:00.000Z'));
    expect(systemClock('Europe/Copenhagen').now()).toBe('2025-12-01T09:00:00+01:00');
  });

  it('keeps the milliseconds only where there are some', () => {
    jest.useFakeTimers({ now: new Date('2025-12-01T08:00:00.250Z') });

    expect(systemClock('Europe/Copenhagen').now()).toBe('2025-12-01T09:00:00.250+01:00');
  });

  it('uses the zone it is given, not the one the machine runs in', () => {
    expect(systemClock('Pacific/Kiritimati').now()).toMatch(/\+14:00$/);
    expect(systemClock('America/Noronha').now()).toMatch(/-02:00$/);
  });
});
