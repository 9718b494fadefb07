import { loadReminderSettings } from '@app/config';
import { DomainEvent, followUpAssigned, followUpCompleted, meetingCancelled, meetingRescheduled, meetingScheduled, recorder } from '@app/read-side/testing/read-side.testing';
import { followUpsProjection, meetingsProjection, Projection, ReadModels } from '@app/read-side';
import { ReminderQueue } from '@app/workflows/reminders/reminder-queue';
import { DAILY_JOB, ReminderScheduler } from '@app/workflows/reminders/reminder-scheduler';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const settings = loadReminderSettings(resolve(__dirname, '../../config/reminders.json'));
/** Before every meeting here, so all their reminders are still to come. */
const NOW = Date.parse('2025-11-01T10:00:00+01:00');

/** The delayed reminder jobs in the queue, as when each fires (the daily job apart). */
const scheduled = async (queue: ReminderQueue): Promise<Record<string, { fireAt: string; delay?: number }>> =>
  Object.fromEntries(
    (await queue.queue.getJobs(['delayed', 'waiting']))
      .filter((job) => job.name !== DAILY_JOB)
      .map((job) => [job.id, { fireAt: job.data.fireAt, delay: job.opts.delay }]),
  );

/** The reminder jobs a meeting's or follow-up's events ask for, in real Redis under a key prefix of this test's own. */
describe('the reminder scheduler', () => {
  let queue: ReminderQueue;
  let view: ReadModels;
  let scheduler: ReminderScheduler;
  let record: ReturnType<typeof recorder>;
  const prefix = `test-reminders-${randomUUID().slice(0, 8)}`;

  const given = async (...events: DomainEvent[]) => {
    for (const event of events.map(record)) {
      view.apply(event);
      await scheduler.onEvent(event, NOW);
    }
  };

  beforeEach(async () => {
    queue = new ReminderQueue(REDIS_URL, prefix, settings.delivery);
    view = new ReadModels([meetingsProjection, followUpsProjection] as Projection<unknown>[]);
    scheduler = new ReminderScheduler(queue, view, settings, { meetingTimeZone: 'Europe/Copenhagen' });
    record = recorder();
  });

  afterEach(async () => {
    await queue.queue.obliterate({ force: true });
    await queue.close();
  });

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    await redis.quit();
  });

  it('given Styregruppen’s meeting on 12/12 at 09:00, then its material, follow-up and agenda reminders wait for 28/11, 5/12 and 7/12 at 09:00', async () => {
    await given(meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00'));
    expect(await scheduled(queue)).toEqual({
      'material-deadline--styregruppen-2025-12-12': { fireAt: '2025-11-28T08:00:00.000Z', delay: Date.parse('2025-11-28T08:00:00Z') - NOW },
      'follow-ups-due--styregruppen-2025-12-12': { fireAt: '2025-12-05T08:00:00.000Z', delay: Date.parse('2025-12-05T08:00:00Z') - NOW },
      'agenda--styregruppen-2025-12-12': { fireAt: '2025-12-07T08:00:00.000Z', delay: Date.parse('2025-12-07T08:00:00Z') - NOW },
    });
  });

  it('given a meeting moved to 19/12 at 10:00, then its reminders move with it, the agenda to its new clock time', async () => {
    await given(
      meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00'),
      meetingRescheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00', '2025-12-19T10:00:00+01:00', '2025-11-01T09:00:00+01:00'),
    );
    expect(Object.values(await scheduled(queue)).map(({ fireAt }) => fireAt).sort()).toEqual(['2025-12-05T08:00:00.000Z', '2025-12-12T08:00:00.000Z', '2025-12-14T09:00:00.000Z']);
  });

  it('given a meeting cancelled, then its reminders are gone', async () => {
    await given(
      meetingScheduled('k17-2025-12-05', 'k17', '2025-12-05T09:00:00+01:00'),
      meetingScheduled('k17-2026-01-16', 'k17', '2026-01-16T09:00:00+01:00'),
      meetingCancelled('k17-2025-12-05', 'k17', '2025-11-01T09:00:00+01:00'),
    );
    expect(Object.keys(await scheduled(queue)).sort()).toEqual(['agenda--k17-2026-01-16', 'follow-ups-due--k17-2026-01-16', 'material-deadline--k17-2026-01-16']);
  });

  it('given a follow-up due 15/1, then its owners are reminded 8/1 at 09:00, and not once it is done', async () => {
    await given(followUpAssigned('kontakt-kora', 'ventelister', { due: '2026-01-15' }));
    expect(await scheduled(queue)).toEqual({ 'follow-up-due-date--kontakt-kora': { fireAt: '2026-01-08T08:00:00.000Z', delay: Date.parse('2026-01-08T08:00:00Z') - NOW } });
    await given(followUpCompleted('kontakt-kora', 'ventelister', '2025-11-20T10:00:00+01:00'));
    expect(await scheduled(queue)).toEqual({});
  });

  it('given a chair asks twice for the owners of a follow-up to be reminded, then each request is a job due now, and a request handed over again adds none', async () => {
    const requested = (requestedAt: string): DomainEvent => ({
      type: 'FollowUpReminderRequested',
      data: { followUpId: 'kontakt-kora', caseId: 'ventelister', requestedBy: 'formand-styregruppen', requestedAt },
    });
    await given(followUpAssigned('kontakt-kora', 'ventelister', { due: '2026-01-15' }));
    const first = record(requested('2025-11-01T10:00:00+01:00'));
    const second = record(requested('2025-11-01T10:05:00+01:00'));
    for (const event of [first, second, first]) {
      view.apply(event);
      await scheduler.onEvent(event, NOW);
    }
    expect(await scheduled(queue)).toEqual({
      'follow-up-due-date--kontakt-kora': { fireAt: '2026-01-08T08:00:00.000Z', delay: Date.parse('2026-01-08T08:00:00Z') - NOW },
      [`follow-up-requested--kontakt-kora.${first.id}`]: { fireAt: new Date(NOW).toISOString(), delay: 0 },
      [`follow-up-requested--kontakt-kora.${second.id}`]: { fireAt: new Date(NOW).toISOString(), delay: 0 },
    });
  });

  it.each([
    ['before the change in March', '2026-03-27T10:00:00+01:00', '2026-03-20T08:00:00.000Z'],
    ['after the change in March', '2026-04-02T10:00:00+02:00', '2026-03-26T08:00:00.000Z'],
    ['before the change in October', '2026-10-23T10:00:00+02:00', '2026-10-16T07:00:00.000Z'],
    ['after the change in October', '2026-10-30T10:00:00+01:00', '2026-10-23T07:00:00.000Z'],
  ])('waits until 09:00 local for the follow-ups of a meeting %s', async (_when, startsAt, fireAt) => {
    await given(meetingScheduled('styregruppen-dst', 'styregruppen', startsAt));
    expect((await scheduled(queue))['follow-ups-due--styregruppen-dst']).toEqual({ fireAt, delay: Date.parse(fireAt) - NOW });
  });

  it('given Redis lost its jobs, then reconciling puts back the future ones from the view, moves none, and adds nothing twice', async () => {
    await given(
      meetingScheduled('styregruppen-2025-12-12', 'styregruppen', '2025-12-12T09:00:00+01:00'),
      meetingScheduled('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T12:00:00+02:00'),
      followUpAssigned('kontakt-kora', 'ventelister', { due: '2026-01-15' }),
    );
    const before = await scheduled(queue);
    await queue.queue.obliterate({ force: true });
    expect(await scheduled(queue)).toEqual({});

    expect(await scheduler.reconcile(NOW)).toEqual({ added: 4, moved: 0 });
    expect(await scheduled(queue)).toEqual(before);
    expect(await scheduler.reconcile(NOW)).toEqual({ added: 0, moved: 0 });
    expect(await queue.queue.getJobScheduler(DAILY_JOB)).toMatchObject({ pattern: '0 7 * * *', tz: 'Europe/Copenhagen' });
  });
});
