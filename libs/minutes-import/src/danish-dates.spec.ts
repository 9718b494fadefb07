import {
  findDates,
  findFuzzyDate,
  findTimeRange,
  resolveDate,
  resolveFuzzyDate,
  zonedDateTime,
} from './danish-dates';

const dm = (text: string) => findDates(text).map((d) => [d.day, d.month, d.year]);

describe('danish dates', () => {
  describe('findDates', () => {
    it('reads the numeric forms of the minutes', () => {
      expect(dm('til næste styregruppemøde 8/8, 11-14')).toEqual([[8, 8, undefined]]);
      expect(dm('afholdes 8/8-2025, kl. 11-14')).toEqual([[8, 8, 2025]]);
      expect(dm('21/11 5/12 27/1-2026 Konstituerende møde')).toEqual([[21, 11, undefined], [5, 12, undefined], [27, 1, 2026]]);
      expect(dm('LBK nr. 433 af 22/04/2014')).toEqual([[22, 4, 2014]]);
      expect(dm('har pr. 21.08.25 sendt svar')).toEqual([[21, 8, 2025]]);
      expect(dm('styregruppemøde2/5 blev det besluttet')).toEqual([[2, 5, undefined]]);
    });

    it('reads month names, with or without a year and a comma', () => {
      expect(dm('Fredag den 19. september, 2025, kl. 12-15.00')).toEqual([[19, 9, 2025]]);
      expect(dm('planlagt til den 8. august 2025')).toEqual([[8, 8, 2025]]);
      expect(dm('d. 26. maj afholdt')).toEqual([[26, 5, undefined]]);
      expect(dm('den 17. sept. blev')).toEqual([[17, 9, undefined]]);
    });

    it('leaves out what is no calendar day and what only looks like one', () => {
      expect(dm('31/2 og 13/13')).toEqual([]);
      expect(dm('1. og 2. kvartal, 2025-2026, 50-60 deltagere')).toEqual([]);
      expect(dm('"17/3- eftersendes"')).toEqual([[17, 3, undefined]]);
    });
  });

  describe('findTimeRange', () => {
    it('reads "kl. 12-15.00" and a bare range right after a date', () => {
      const text = 'Dato: 19. september, 2025, kl. 12-15.00';
      expect(findTimeRange(text)).toMatchObject({ start: { hour: 12, minute: 0 }, end: { hour: 15, minute: 0 } });
      const bare = '8/8, 11-14';
      expect(findTimeRange(bare, 3)).toMatchObject({ start: { hour: 11, minute: 0 }, end: { hour: 14, minute: 0 } });
      expect(findTimeRange('kl. 9.30-11.45')).toMatchObject({ start: { hour: 9, minute: 30 }, end: { hour: 11, minute: 45 } });
    });

    it('takes no year span or backward range for a time', () => {
      expect(findTimeRange('rammeaftale 2025-2026')).toBeUndefined();
      expect(findTimeRange('kl. 14-11')).toBeUndefined();
      expect(findTimeRange('fra 9-13 med 50-60 deltagere')).toBeUndefined();
    });
  });

  describe('resolveDate', () => {
    const [aug8] = findDates('8/8');
    const [jan27] = findDates('27/1');
    const [may2] = findDates('2/5');

    it('takes the year the text gives and says when it guessed', () => {
      expect(resolveDate(findDates('27/1-2026')[0], '2025-09-19', 'same')).toEqual({ date: '2026-01-27', yearGuessed: false });
      expect(resolveDate(aug8, '2025-05-02', 'same')).toEqual({ date: '2025-08-08', yearGuessed: true });
    });

    it('moves a coming date into next year and an earlier one into last year', () => {
      expect(resolveDate(jan27, '2025-09-19', 'not-before')).toEqual({ date: '2026-01-27', yearGuessed: true });
      expect(resolveDate(may2, '2026-01-10', 'not-after')).toEqual({ date: '2025-05-02', yearGuessed: true });
    });

    it('places 29 February in a leap year', () => {
      expect(resolveDate(findDates('29/2')[0], '2027-06-01', 'not-before')).toEqual({ date: '2028-02-29', yearGuessed: true });
    });
  });

  describe('fuzzy dates', () => {
    it('resolves primo, medio and ultimo of a month and of a year', () => {
      const at = (text: string, ref = '2025-09-19') => resolveFuzzyDate(findFuzzyDate(text)!, ref);
      expect(at('svar fra Socialstyrelsen ultimo 2025')).toEqual({ date: '2025-12-31', yearGuessed: false });
      expect(at('i primo 2026')).toEqual({ date: '2026-01-01', yearGuessed: false });
      expect(at('status pr. medio 2025')).toEqual({ date: '2025-06-30', yearGuessed: false });
      expect(at('møde medio oktober')).toEqual({ date: '2025-10-15', yearGuessed: true });
      expect(at('ultimo februar 2028')).toEqual({ date: '2028-02-29', yearGuessed: false });
    });

    it('puts a month without a year that has passed into next year', () => {
      const mention = findFuzzyDate('afventer svar medio marts')!;
      expect(mention).toMatchObject({ fuzzy: 'medio', month: 3 });
      expect(resolveFuzzyDate(mention, '2025-10-10')).toEqual({ date: '2026-03-15', yearGuessed: true });
    });
  });

  describe('zonedDateTime', () => {
    it('gives the summer offset in August and the winter offset in December', () => {
      expect(zonedDateTime('2025-08-08', { hour: 11, minute: 0 }, 'Europe/Copenhagen')).toBe('2025-08-08T11:00:00+02:00');
      expect(zonedDateTime('2025-12-12', { hour: 9, minute: 0 }, 'Europe/Copenhagen')).toBe('2025-12-12T09:00:00+01:00');
    });

    it('is right on the days the clocks change', () => {
      expect(zonedDateTime('2025-10-26', { hour: 1, minute: 30 }, 'Europe/Copenhagen')).toBe('2025-10-26T01:30:00+02:00');
      expect(zonedDateTime('2025-10-26', { hour: 10, minute: 0 }, 'Europe/Copenhagen')).toBe('2025-10-26T10:00:00+01:00');
      expect(zonedDateTime('2026-03-29', { hour: 10, minute: 0 }, 'Europe/Copenhagen')).toBe('2026-03-29T10:00:00+02:00');
    });

    it('gives the offset of the time zone it is told: London is an hour behind Copenhagen', () => {
      expect(zonedDateTime('2025-08-08', { hour: 11, minute: 0 }, 'Europe/London')).toBe('2025-08-08T11:00:00+01:00');
      expect(zonedDateTime('2025-12-12', { hour: 9, minute: 0 }, 'Europe/London')).toBe('2025-12-12T09:00:00+00:00');
    });

    it('writes 24:00 as midnight of the next day', () => {
      expect(zonedDateTime('2025-12-31', { hour: 24, minute: 0 }, 'Europe/Copenhagen')).toBe('2026-01-01T00:00:00+01:00');
    });
  });
});
