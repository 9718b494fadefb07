import { loadReminderSettings } from '@app/config';
import { resolve } from 'node:path';
import { fireTime, followUpReminder, meetingReminders } from './reminder-times';

const settings = loadReminderSettings(resolve(__dirname, '../../../../config/reminders.json'));
const zone = 'Europe/Copenhagen';

describe('when reminders fire', () => {
  it('given Styregruppen meets Friday 12/12 at 09:00, then material is due 28/11 at 09:00, follow-ups 5/12 at 09:00 and the agenda goes out 7/12 at 09:00', () => {
    const reminders = meetingReminders({ id: 'styregruppen-2025-12-12', startsAt: '2025-12-12T09:00:00+01:00' }, settings, zone);
    expect(reminders).toEqual([
      { jobId: 'material-deadline--styregruppen-2025-12-12', kind: 'material-deadline', subjectId: 'styregruppen-2025-12-12', fireAt: '2025-11-28T08:00:00.000Z' },
      { jobId: 'follow-ups-due--styregruppen-2025-12-12', kind: 'follow-ups-due', subjectId: 'styregruppen-2025-12-12', fireAt: '2025-12-05T08:00:00.000Z' },
      { jobId: 'agenda--styregruppen-2025-12-12', kind: 'agenda', subjectId: 'styregruppen-2025-12-12', fireAt: '2025-12-07T08:00:00.000Z' },
    ]);
  });

  it('sends the agenda at the meeting’s own clock time, 5 days before', () => {
    expect(fireTime(settings.kinds.agenda, '2025-09-19T12:00:00+02:00', zone).toISO()).toBe('2025-09-14T12:00:00.000+02:00');
  });

  it.each([
    ['before the change in March (CET)', '2026-03-27T10:00:00+01:00', '2026-03-20T09:00:00.000+01:00'],
    ['after the change in March (CEST), counted back across it', '2026-04-02T10:00:00+02:00', '2026-03-26T09:00:00.000+01:00'],
    ['on the Monday after the change in March', '2026-04-06T10:00:00+02:00', '2026-03-30T09:00:00.000+02:00'],
    ['before the change in October (CEST)', '2026-10-23T10:00:00+02:00', '2026-10-16T09:00:00.000+02:00'],
    ['after the change in October (CET), counted back across it', '2026-10-30T10:00:00+01:00', '2026-10-23T09:00:00.000+02:00'],
    ['on the Monday after the change in October', '2026-11-02T10:00:00+01:00', '2026-10-26T09:00:00.000+01:00'],
  ])('fires a 09:00 reminder at 09:00 local %s', (_when, startsAt, expected) => {
    expect(fireTime(settings.kinds['follow-ups-due'], startsAt, zone).toISO()).toBe(expected);
  });

  it('reminds the owners of a follow-up due 15/1 on 8/1 at 09:00', () => {
    expect(followUpReminder({ id: 'kontakt-kora', due: '2026-01-15' }, settings, zone)).toEqual({
      jobId: 'follow-up-due-date--kontakt-kora',
      kind: 'follow-up-due-date',
      subjectId: 'kontakt-kora',
      fireAt: '2026-01-08T08:00:00.000Z',
    });
  });
});
