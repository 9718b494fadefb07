/**
 * Reminder benchmark: `npm run bench:reminders`. Needs a Redis (REDIS_URL, default redis://127.0.0.1:6379);
 * everything it writes goes under a key prefix of its own and is removed at the end.
 *
 * 1. Scheduling: 10,000 meetings scheduled one event at a time through the scheduler, as the worker follows
 *    the log (three reminders each), then all of them again from an empty Redis through reconcile, as after
 *    Redis lost its jobs. Prints meetings per second. Target: 10,000 meetings in under 10 s.
 * 2. Lateness: 1,000 meetings whose agenda reminders fire 2 to 6 seconds from now, taken by a BullMQ worker
 *    with the worker's own settings; prints how late each fired against its time. Target: p99 under 1 s.
 *
 * Environment: BENCH_MEETINGS (10000), BENCH_FIRING (1000), REDIS_URL.
 */
import { loadReminderSettings } from '@app/config';
import { MeetingScheduled } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { followUpsProjection, meetingsProjection, Projection, ReadModels } from '@app/read-side';
import { REMINDER_QUEUE_NAME, ReminderJobData, ReminderQueue } from '@app/workflows/reminders/reminder-queue';
import { ReminderScheduler } from '@app/workflows/reminders/reminder-scheduler';
import { redisConnection } from '@app/workflows/reminders/redis-connection';
import { Worker } from 'bullmq';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 10_000);
const FIRING = Number(process.env.BENCH_FIRING ?? 1_000);
const ZONE = 'Europe/Copenhagen';
const FORUMS = ['styregruppen', 'k17', 'kkr-sjaelland', 'kl-koordinationsforum', 'direktoer-og-chefforum', 'implementeringsgruppen', 'oekonomigruppen', 'kkr-dialogforum'];
const settings = loadReminderSettings(resolve(__dirname, '../../config/reminders.json'));

let position = 0;
const meetingEvent = (meetingId: string, startsAt: string): RecordedEvent => {
  position += 1;
  const data: MeetingScheduled['data'] = { meetingId, forumId: FORUMS[position % FORUMS.length], startsAt, scheduledAt: new Date().toISOString() };
  return { id: randomUUID(), streamId: `meeting-${meetingId}`, type: 'MeetingScheduled', revision: 0, position, data, metadata: {}, recordedAt: new Date() };
};

const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const main = async (): Promise<void> => {
  const prefix = `bench-reminders-${randomUUID().slice(0, 8)}`;
  console.log('Reminder benchmark');
  console.log(`  Node ${process.version}, Redis at ${REDIS_URL}, key prefix ${prefix}, load average ${load()} at start`);
  const queue = new ReminderQueue(REDIS_URL, prefix, settings.delivery);
  try {
    // 1. Scheduling, event by event, then all at once from an empty Redis.
    const view = new ReadModels([meetingsProjection, followUpsProjection] as Projection<unknown>[]);
    const scheduler = new ReminderScheduler(queue, view, settings, { meetingTimeZone: ZONE });
    const firstMonday = DateTime.now().setZone(ZONE).plus({ days: 30 }).startOf('week').set({ hour: 9 });
    const events = Array.from({ length: MEETINGS }, (_, index) => meetingEvent(`bench-${index}`, firstMonday.plus({ days: Math.floor(index / 8) }).toISO() as string));
    let started = performance.now();
    for (const event of events) {
      view.apply(event);
      await scheduler.onEvent(event);
    }
    const live = (performance.now() - started) / 1000;
    const jobs = await queue.queue.getJobCountByTypes('delayed');
    console.log(`\nscheduling, event by event: ${MEETINGS} meetings (${jobs} delayed jobs) in ${live.toFixed(2)} s = ${Math.round(MEETINGS / live)} meetings/s`);
    await queue.queue.obliterate({ force: true });
    started = performance.now();
    const { added } = await scheduler.reconcile();
    const reconciled = (performance.now() - started) / 1000;
    console.log(`scheduling, all at once after Redis lost its jobs: ${added} jobs for ${MEETINGS} meetings in ${reconciled.toFixed(2)} s = ${Math.round(MEETINGS / reconciled)} meetings/s`);
    await queue.queue.obliterate({ force: true });

    // 2. Lateness of reminders that fire within seconds.
    const lateness: number[] = [];
    const worker = new Worker<ReminderJobData>(
      REMINDER_QUEUE_NAME,
      async (job) => {
        if (job.data.kind === 'agenda') lateness.push(Date.now() - Date.parse(job.data.fireAt));
      },
      { connection: redisConnection(REDIS_URL), prefix, lockDuration: settings.delivery.lockSeconds * 1000, stalledInterval: settings.delivery.lockSeconds * 1000 },
    );
    const now = DateTime.now().setZone(ZONE);
    const soon = Array.from({ length: FIRING }, (_, index) =>
      meetingEvent(`firing-${index}`, now.plus({ days: 5, milliseconds: 2000 + Math.round((4000 * index) / FIRING) }).toISO() as string),
    );
    for (const event of soon) {
      view.apply(event);
      await scheduler.onEvent(event);
    }
    const deadline = Date.now() + 30_000;
    while (lateness.length < FIRING && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    await worker.close();
    const sorted = [...lateness].sort((a, b) => a - b);
    console.log(`\nlateness of ${sorted.length} of ${FIRING} agenda reminders fired 2 to 6 s ahead, ms: p50 ${percentile(sorted, 50)}, p99 ${percentile(sorted, 99)}, max ${sorted[sorted.length - 1]}`);

    const scheduledInTime = live < 10 && reconciled < 10;
    const lateInTime = sorted.length === FIRING && percentile(sorted, 99) < 1000;
    console.log(`\ntargets: ${MEETINGS} meetings scheduled in under 10 s: ${scheduledInTime ? 'met' : 'NOT met'}; p99 lateness under 1 s: ${lateInTime ? 'met' : 'NOT met'}`);
    console.log(`load average ${load()} at end`);
  } finally {
    await queue.queue.obliterate({ force: true });
    await queue.close();
  }
};

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
