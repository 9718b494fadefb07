import { loadForums } from '@app/config';
import { RecordedEvent, SqliteEventStore } from '@app/event-store';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';
import { SmtpTestServer } from '../support/smtp-test-server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ZONE = 'Europe/Copenhagen';
const members = loadForums(resolve(__dirname, '../../config/forums.json')).find((forum) => forum.id === 'styregruppen')!.members;

const readLog = async (dataDir: string): Promise<RecordedEvent[]> => {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) events.push(...page);
  await store.close();
  return events;
};

/** A start time whose agenda reminder (five days before, at the start's clock time) fires `seconds` from now. */
const agendaIn = (seconds: number): string => DateTime.now().setZone(ZONE).plus({ days: 5, seconds }).set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }) as string;

/**
 * The reminders end to end: the API, the worker's scheduler and sender in one app, real Redis under a key
 * prefix of this test's own, a real SMTP server. Reminder times are real: a meeting five days and a few
 * seconds ahead has its agenda mailed a few seconds from now.
 */
describe('reminders', () => {
  let api: ApiUnderTest;
  let smtp: SmtpTestServer;
  let prefix: string;
  const http = () => api.http();
  const post = async (path: string, body: object, status = 200) => (await http().post(path).send(body).expect(status)).body;

  const start = async () => {
    prefix = `test-reminders-${randomUUID().slice(0, 8)}`;
    const shipped = JSON.parse(readFileSync(resolve(__dirname, '../../config/reminders.json'), 'utf8'));
    const remindersFile = join(tmpdir(), `${prefix}.json`);
    writeFileSync(remindersFile, JSON.stringify({ ...shipped, delivery: { attempts: 3, firstRetrySeconds: 1, claimStaleAfterSeconds: 2, lockSeconds: 2 } }));
    api = await startApi({
      now: DateTime.now().setZone(ZONE).toISO() as string,
      withWorker: true,
      withReminders: true,
      env: { REDIS_PREFIX: prefix, SMTP_URL: smtp.url, REMINDERS_FILE: remindersFile, REDIS_URL },
    });
  };

  const jobsOf = async (): Promise<Record<string, string>> => {
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}:reminders:*`);
      return Object.fromEntries(await Promise.all(keys.filter((key) => /:reminders:[^:]+--/.test(key)).map(async (key) => [key.split(':').pop() as string, (await redis.hget(key, 'data')) ?? ''])));
    } finally {
      redis.disconnect();
    }
  };

  beforeEach(async () => {
    smtp = await SmtpTestServer.start();
    await start();
  });

  afterEach(async () => {
    await api.close();
    await smtp.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('mails the agenda five days before, to each member of the forum, with the cases on it and the meeting as an .ics', async () => {
    const meetingId = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: agendaIn(3), place: 'Ringsted Rådhus' }, 201)).id;
    const caseId = (await post('/api/cases', { forumId: 'styregruppen', title: 'Kapacitet på botilbud for voksne', kind: 'discussion', presenter: 'Slagelse Kommune' }, 201)).id;
    await post(`/api/cases/${caseId}/schedule`, { meetingId });

    await eventually(async () => expect(smtp.accepted.filter((mail) => /dagsorden/i.test(mail.subject ?? ''))).toHaveLength(members.length), 15_000);
    const agendas = smtp.accepted.filter((mail) => /dagsorden/i.test(mail.subject ?? ''));
    expect(agendas.map((mail) => mail.envelope.to[0]).sort()).toEqual(members.map((member) => member.email).sort());
    for (const mail of agendas) {
      expect(mail.text).toContain('Kapacitet på botilbud for voksne');
      expect(mail.text).toContain('Ringsted Rådhus');
      const [invitation] = mail.attachments;
      expect(invitation.contentType).toMatch(/^text\/calendar/);
      expect(invitation.content.toString('utf8')).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z[\s\S]*END:VEVENT/);
    }
    expect(new Set(agendas.map((mail) => mail.messageId)).size).toBe(members.length);
    // The material deadline (14 days before) has passed already and fires at once, to whichever presenters the agenda holds by then.
    const sent = (await readLog(api.dataDir)).filter((event) => event.type === 'ReminderSent' && (event.data as { kind: string }).kind === 'agenda');
    expect(sent.map((event) => (event.data as { recipient: string }).recipient).sort()).toEqual(members.map((member) => member.email).sort());
  }, 30_000);

  it('moves the reminders of a meeting that is moved, and sends nothing at the old time', async () => {
    const meetingId = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: agendaIn(3) }, 201)).id;
    const later = agendaIn(3600);
    await post(`/api/meetings/${meetingId}/reschedule`, { startsAt: later });
    await eventually(async () => expect(JSON.parse((await jobsOf())[`agenda--${meetingId}`] ?? '{}').fireAt).toBe(DateTime.fromISO(later).minus({ days: 5 }).toUTC().toISO()));
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(smtp.received).toEqual([]);
  }, 30_000);

  it('removes the reminders of a meeting that is cancelled, and sends nothing', async () => {
    const meetingId = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: agendaIn(4) }, 201)).id;
    await eventually(async () => expect(Object.keys(await jobsOf())).toContain(`agenda--${meetingId}`));
    await post(`/api/meetings/${meetingId}/cancel`, { reason: 'For få deltagere' });
    await eventually(async () => expect(Object.keys(await jobsOf())).not.toContain(`agenda--${meetingId}`));
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(smtp.received).toEqual([]);
  }, 30_000);

  it('tries again while the SMTP server turns mail away for now, and then sends each mail once', async () => {
    smtp.failAll(451);
    await post('/api/meetings', { forumId: 'styregruppen', startsAt: agendaIn(2) }, 201);
    await eventually(async () => expect(smtp.received.length).toBeGreaterThanOrEqual(1), 10_000);
    smtp.acceptAll();
    await eventually(async () => expect(smtp.accepted).toHaveLength(members.length), 15_000);
    expect(new Set(smtp.accepted.map((mail) => mail.messageId)).size).toBe(members.length);
    expect((await readLog(api.dataDir)).filter((event) => event.type === 'ReminderFailed')).toEqual([]);
  }, 30_000);

  it('records a mail the SMTP server refuses for good as failed, and /health reports it', async () => {
    smtp.failAll(550);
    await post('/api/meetings', { forumId: 'styregruppen', startsAt: agendaIn(2) }, 201);
    await eventually(async () => expect((await readLog(api.dataDir)).filter((event) => event.type === 'ReminderFailed')).toHaveLength(members.length), 15_000);
    const health = (await http().get('/health').expect(200)).body;
    expect(health.details).toMatchObject({
      reminders: { status: 'up', state: 'on', failedMails: members.length, lastFailure: { error: expect.stringMatching(/550/) } },
      redis: { status: 'up' },
      mail: { status: 'up', transport: 'smtp' },
    });
  }, 30_000);

  it('records a mail still turned away after the last try as failed, never retrying it for ever', async () => {
    smtp.failAll(451);
    await post('/api/meetings', { forumId: 'styregruppen', startsAt: agendaIn(2) }, 201);
    await eventually(async () => expect((await readLog(api.dataDir)).filter((event) => event.type === 'ReminderFailed')).toHaveLength(members.length), 20_000);
    const tries = smtp.received.length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(smtp.received.length).toBe(tries);
    expect(smtp.accepted).toEqual([]);
  }, 30_000);

  it('climbs the escalation ladder of an overdue follow-up once: each step an event and its mails, the last a status case on the next agenda', async () => {
    const meetingId = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: DateTime.now().plus({ days: 60 }).toISO() }, 201)).id;
    const caseId = (await post('/api/cases', { forumId: 'styregruppen', title: 'Ventelister på botilbud', kind: 'decision' }, 201)).id;
    const due = DateTime.now().setZone(ZONE).plus({ days: 2 }).toISODate() as string;
    const owners = [{ name: 'Slagelse Kommune' }, { name: 'Lejre Boligselskab' }];
    const followUpId = (await post(`/api/cases/${caseId}/follow-ups`, { description: 'Opgørelse af ventelister', owners, due }, 201)).id;
    // 22 days past the due date: every step of the ladder (1, 7, 14 and 21 days) has been reached.
    api.clock.set(DateTime.fromISO(due, { zone: ZONE }).plus({ days: 22, hours: 7 }).toISO() as string);

    const daily = async () => {
      const redis = new Redis(REDIS_URL);
      const { Queue } = await import('bullmq');
      const queue = new Queue('reminders', { connection: redis, prefix });
      await queue.add('daily', { kind: 'daily', subjectId: 'daily', fireAt: '' });
      await queue.close();
      redis.disconnect();
    };
    await daily();
    await eventually(async () => {
      const escalations = (await readLog(api.dataDir)).filter((event) => event.type === 'FollowUpEscalated').map((event) => (event.data as { level: string }).level);
      expect(escalations).toEqual(['owner', 'secretariat', 'chair', 'agenda']);
    }, 15_000);
    await eventually(async () => {
      // Assigned two days before its due date, the follow-up's reminder went out at once: to the owner with an
      // address, and the secretariat for the one without. Then the ladder: the same two (owner step), the
      // secretariat (its own step), the chair; and the chair's digest.
      expect(smtp.accepted.map((mail) => mail.envelope.to[0]).sort()).toEqual(
        [
          ...['rammeaftale@slagelse.example', 'sekretariat@rammeaftale.example'],
          ...['rammeaftale@slagelse.example', 'sekretariat@rammeaftale.example'],
          'sekretariat@rammeaftale.example',
          'formand@styregruppen.example',
          'formand@styregruppen.example',
        ].sort(),
      );
    }, 15_000);
    const toSecretariat = smtp.accepted.filter((mail) => mail.envelope.to[0] === 'sekretariat@rammeaftale.example');
    expect(toSecretariat.filter((mail) => mail.text?.includes('Lejre Boligselskab') && mail.text.includes('ingen e-mailadresse')).length).toBeGreaterThanOrEqual(2);
    const agenda = (await http().get(`/api/meetings/${meetingId}/agenda`).expect(200)).body;
    expect(agenda.items).toEqual([expect.objectContaining({ caseId: `status-${followUpId}`, title: 'Status på opfølgning: Opgørelse af ventelister' })]);

    // The next day's job finds every step taken: no event, no mail twice.
    const mails = smtp.accepted.length;
    await daily();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await readLog(api.dataDir)).filter((event) => event.type === 'FollowUpEscalated')).toHaveLength(4);
    expect(smtp.accepted).toHaveLength(mails);
  }, 40_000);

  it('leaves no connection to Redis open once it has stopped', async () => {
    const openConnections = async (): Promise<string[]> => {
      const redis = new Redis(REDIS_URL);
      try {
        return ((await redis.client('LIST')) as string).split('\n').filter((line) => line.includes(`name=${prefix}-`));
      } finally {
        redis.disconnect();
      }
    };
    await eventually(async () => expect((await openConnections()).length).toBeGreaterThan(0));
    await api.close();
    await eventually(async () => expect(await openConnections()).toEqual([]));
  });

  it('puts back the jobs Redis lost, from the log, when Redis comes back', async () => {
    const meetingId = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: agendaIn(3600) }, 201)).id;
    await eventually(async () => expect(Object.keys(await jobsOf()).sort()).toEqual([`agenda--${meetingId}`, `follow-ups-due--${meetingId}`, `material-deadline--${meetingId}`]));

    // A restart of Redis without persistence: every key gone, every connection dropped.
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    await redis.del(...keys);
    const clients = (await redis.client('LIST')) as string;
    for (const id of clients.split('\n').filter((line) => line.includes(`name=${prefix}-`)).map((line) => /id=(\d+)/.exec(line)?.[1])) {
      if (id) await redis.client('KILL', 'ID', id);
    }
    redis.disconnect();

    await eventually(async () => expect(Object.keys(await jobsOf()).sort()).toEqual([`agenda--${meetingId}`, `follow-ups-due--${meetingId}`, `material-deadline--${meetingId}`]), 15_000);
  }, 30_000);
});
