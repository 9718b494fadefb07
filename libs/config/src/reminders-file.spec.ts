import { resolve } from 'node:path';
import { ConfigError } from './app-config';
import { loadReminderSettings, parseReminderSettings } from './reminders-file';

describe('the reminders file', () => {
  const shipped = loadReminderSettings(resolve(__dirname, '../../../config/reminders.json'));

  it('ships the defaults: material 14 days before at 09:00, follow-ups 7 days before, the agenda 5 days before at the start, the ladder at 1, 7, 14 and 21 days', () => {
    expect(shipped.kinds).toEqual({
      'material-deadline': { daysBefore: 14, at: '09:00' },
      'follow-ups-due': { daysBefore: 7, at: '09:00' },
      agenda: { daysBefore: 5, at: 'start' },
      'follow-up-due-date': { daysBefore: 7, at: '09:00' },
    });
    expect(shipped.escalation).toEqual([
      { level: 'owner', daysOverdue: 1 },
      { level: 'secretariat', daysOverdue: 7 },
      { level: 'chair', daysOverdue: 14 },
      { level: 'agenda', daysOverdue: 21 },
    ]);
    expect(shipped.daily.cron).toBe('0 7 * * *');
    expect(shipped.delivery).toEqual({ attempts: 10, firstRetrySeconds: 5, claimStaleAfterSeconds: 120, lockSeconds: 30 });
  });

  const file = { kinds: shipped.kinds, daily: shipped.daily, escalation: shipped.escalation, delivery: shipped.delivery };

  it.each([
    ['a clock time that is no time', { ...file, kinds: { ...file.kinds, agenda: { daysBefore: 5, at: '9' } } }, 'kinds.agenda.at'],
    ['a daily job in the hour daylight saving moves', { ...file, daily: { cron: '30 2 * * *' } }, '02:00'],
    ['a daily job at every minute', { ...file, daily: { cron: '* * * * *' } }, 'daily.cron'],
    ['a ladder out of order', { ...file, escalation: [{ level: 'chair', daysOverdue: 1 }, { level: 'owner', daysOverdue: 7 }] }, 'ladder'],
    ['a ladder whose days go down', { ...file, escalation: [{ level: 'owner', daysOverdue: 7 }, { level: 'secretariat', daysOverdue: 3 }] }, 'more days overdue'],
    ['an unknown step', { ...file, escalation: [{ level: 'mayor', daysOverdue: 1 }] }, 'escalation.0.level'],
    ['no delivery settings', { ...file, delivery: undefined }, 'delivery'],
    ['a kind left out', { ...file, kinds: { ...file.kinds, agenda: undefined } }, 'kinds.agenda'],
  ])('refuses %s, naming it', (_name, json, named) => {
    expect(() => parseReminderSettings(json, 'reminders.json')).toThrow(ConfigError);
    expect(() => parseReminderSettings(json, 'reminders.json')).toThrow(named);
  });
});
