import { loadReminderSettings } from '@app/config';
import { RecordedEvent, SqliteEventStore } from '@app/event-store';
import { Projection, ReadModels } from '@app/read-side';
import { ReminderQueue } from '@app/workflows/reminders/reminder-queue';
import { ReminderScheduler } from '@app/workflows/reminders/reminder-scheduler';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';
import { SmtpTestServer } from '../support/smtp-test-server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ZONE = 'Europe/Copenhagen';
const settings = loadReminderSettings(resolve(__dirname, '../../config/reminders.json'));

const readLog = async (dataDir: string): Promise<RecordedEvent[]> => {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) events.push(...page);
  await store.close();
  return events;
};

const settled = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * "Send a reminder now" end to end: a chair asks through the API, the worker's scheduler and sender (in the
 * same app) mail the follow-up's owners at once, over a real SMTP server, with the jobs in real Redis under a
 * key prefix of this test's own.
 */
describe('a reminder sent now on request', () => {
  let api: ApiUnderTest;
  let smtp: SmtpTestServer;
  const prefixes: string[] = [];
  let prefix: string;
  let chair: { id: string; token: string };
  let caseId: string;

  const as = (token: string) => request.agent(api.app.getHttpServer()).set('Authorization', `Bearer ${token}`);
  const createAccount = async (email: string, role: string, forumIds: string[]): Promise<{ id: string; token: string }> => {
    const password = `${role}-kodeord-til-test`;
    const { id } = (await api.http().post('/api/accounts').send({ email, name: email.split('@')[0], role, forumIds, password }).expect(201)).body;
    return { id, token: await api.signIn(email, password) };
  };
  /** Due in a month: its own reminder (a week before) is far off, so every mail here is one asked for. */
  const assign = async (owners: object[]): Promise<string> => {
    const due = DateTime.now().setZone(ZONE).plus({ days: 30 }).toISODate() as string;
    return (await api.http().post(`/api/cases/${caseId}/follow-ups`).send({ description: 'Opgørelse af ventelister på botilbud', owners, due }).expect(201)).body.id;
  };
  const mailsTo = (address: string) => smtp.accepted.filter((mail) => mail.envelope.to[0] === address);

  beforeEach(async () => {
    smtp = await SmtpTestServer.start();
    prefix = `test-remind-now-${randomUUID().slice(0, 8)}`;
    prefixes.push(prefix);
    api = await startApi({
      now: DateTime.now().setZone(ZONE).toISO() as string,
      withWorker: true,
      withReminders: true,
      env: { REDIS_PREFIX: prefix, SMTP_URL: smtp.url, REDIS_URL },
    });
    chair = await createAccount('formand@styregruppen.test', 'chair', ['styregruppen']);
    caseId = (await api.http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Ventelister på botilbud for voksne', kind: 'decision' }).expect(201)).body.id;
  });

  afterEach(async () => {
    await api.close();
    await smtp.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    for (const each of prefixes) expect(await redis.keys(`${each}:*`)).toEqual([]);
    redis.disconnect();
  });

  it("mails the owners at once, with the follow-up and its link, and the secretariat for an owner it cannot reach; the event names the chair", async () => {
    const followUpId = await assign([{ name: 'Peter Lind' }, { name: 'Lejre Boligselskab' }]);

    const answer = (await as(chair.token).post(`/api/follow-ups/${followUpId}/remind`).send({}).expect(200)).body;
    expect(answer).toEqual({ id: followUpId, revision: 1, position: expect.any(Number) });

    await eventually(async () => expect(smtp.accepted).toHaveLength(2), 15_000);
    const [toOwner] = mailsTo('peter.lind@slagelse.example');
    expect(toOwner.text).toContain('Opgørelse af ventelister på botilbud');
    expect(toOwner.text).toContain('Ventelister på botilbud for voksne');
    const link = /Markér som udført: (\S+)/.exec(toOwner.text ?? '')?.[1];
    expect(link).toMatch(/\/links\/udfoer\//);
    const page = await request(api.app.getHttpServer()).get(new URL(link as string).pathname).expect(200);
    expect(page.text).toContain('Opgørelse af ventelister på botilbud');
    const [toSecretariat] = mailsTo('sekretariat@rammeaftale.example');
    expect(toSecretariat.text).toContain('Lejre Boligselskab kunne ikke nås');

    const log = await readLog(api.dataDir);
    const requested = log.filter((event) => event.type === 'FollowUpReminderRequested');
    expect(requested).toEqual([expect.objectContaining({ data: expect.objectContaining({ followUpId, requestedBy: chair.id }), metadata: expect.objectContaining({ userId: chair.id }) })]);
    await eventually(async () =>
      expect(
        (await readLog(api.dataDir))
          .filter((event) => event.type === 'ReminderSent')
          .map((event) => event.data as { kind: string; recipient: string })
          .map(({ kind, recipient }) => `${kind} ${recipient}`)
          .sort(),
      ).toEqual(['follow-up-requested peter.lind@slagelse.example', 'follow-up-requested sekretariat@rammeaftale.example']),
    );
  }, 30_000);

  it('sends again for a second request, but once for a request handed over again, with its job kept or gone', async () => {
    const followUpId = await assign([{ name: 'Peter Lind' }]);
    await as(chair.token).post(`/api/follow-ups/${followUpId}/remind`).send({}).expect(200);
    await eventually(async () => expect(smtp.accepted).toHaveLength(1), 15_000);
    await api.http().post(`/api/follow-ups/${followUpId}/remind`).send({}).expect(200);
    await eventually(async () => expect(smtp.accepted).toHaveLength(2), 15_000);
    expect(smtp.accepted.map((mail) => mail.envelope.to[0])).toEqual(['peter.lind@slagelse.example', 'peter.lind@slagelse.example']);
    expect(new Set(smtp.accepted.map((mail) => mail.messageId)).size).toBe(2);

    // The first request's event handed to the scheduler again, as after a restart before its checkpoint was saved.
    const [first] = (await readLog(api.dataDir)).filter((event) => event.type === 'FollowUpReminderRequested');
    const queue = new ReminderQueue(REDIS_URL, prefix, settings.delivery);
    try {
      const scheduler = new ReminderScheduler(queue, new ReadModels([] as Projection<unknown>[]), settings, { meetingTimeZone: ZONE });
      const jobId = `follow-up-requested--${followUpId}.${first.id}`;
      expect(await (await queue.queue.getJob(jobId))?.getState()).toBe('completed');
      await scheduler.onEvent(first);
      expect(await (await queue.queue.getJob(jobId))?.getState()).toBe('completed');

      // A week on, the finished job is gone from Redis: the job runs again, and the ledger says the mail went out.
      await (await queue.queue.getJob(jobId))?.remove();
      await scheduler.onEvent(first);
      await eventually(async () => expect(await (await queue.queue.getJob(jobId))?.getState()).toBe('completed'), 15_000);
    } finally {
      await queue.close();
    }
    await settled(500);
    expect(smtp.received).toHaveLength(2);
  }, 40_000);

  it("is sent from the button on the chair's overview, which then says so", async () => {
    const followUpId = await assign([{ name: 'Peter Lind' }]);
    api.clock.set(DateTime.now().setZone(ZONE).plus({ days: 32 }).toISO() as string);
    const browser = request.agent(api.app.getHttpServer());
    const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;

    const signInForm = (await browser.get('/log-ind').expect(200)).text;
    await browser.post('/log-ind').type('form').send({ email: 'formand@styregruppen.test', password: 'chair-kodeord-til-test', _csrf: csrfOf(signInForm) }).expect(303);
    const overview = (await browser.get('/oversigt').expect(200)).text;
    expect(overview).toContain(`action="/opfoelgninger/${followUpId}/paamind"`);

    const sent = await browser.post(`/opfoelgninger/${followUpId}/paamind`).type('form').send({ _csrf: csrfOf(overview), tilbage: '/oversigt' }).expect(303);
    expect(sent.headers.location).toBe('/oversigt?ok=paamindet');
    expect((await browser.get(sent.headers.location).expect(200)).text).toContain('Påmindelsen er sendt til ejeren.');
    await eventually(async () => expect(mailsTo('peter.lind@slagelse.example')).toHaveLength(1), 15_000);
    expect(mailsTo('peter.lind@slagelse.example')[0].text).toContain('overskredet med 2 dage');
  }, 30_000);

  it('refuses a member, even an owner, and a chair of another forum, with 403, appending nothing and mailing no one', async () => {
    const member = await createAccount('peter.lind@slagelse.example', 'member', ['styregruppen']);
    const otherChair = await createAccount('formand@k17.test', 'chair', ['k17']);
    const followUpId = await assign([{ name: 'Peter Lind' }]);
    const before = (await readLog(api.dataDir)).length;

    for (const token of [member.token, otherChair.token]) {
      const refused = (await as(token).post(`/api/follow-ups/${followUpId}/remind`).send({}).expect(403)).body;
      expect(refused).toMatchObject({ statusCode: 403, code: 'auth.forbidden' });
    }
    expect(await readLog(api.dataDir)).toHaveLength(before);
    await settled(1000);
    expect(smtp.received).toEqual([]);
  }, 30_000);

  it('refuses a follow-up that is done, or cancelled, with 409 and a Danish reason, appending nothing and mailing no one', async () => {
    const done = await assign([{ name: 'Peter Lind' }]);
    await as(chair.token).post(`/api/follow-ups/${done}/complete`).send({ note: 'Opgørelsen er sendt' }).expect(200);
    const cancelled = await assign([{ name: 'Anne Holm' }]);
    await api.http().post(`/api/follow-ups/${cancelled}/cancel`).send({ reason: 'Løftes i KKR Sjælland' }).expect(200);
    const before = (await readLog(api.dataDir)).length;

    expect((await as(chair.token).post(`/api/follow-ups/${done}/remind`).send({}).expect(409)).body).toEqual({
      statusCode: 409,
      code: 'follow_up.done',
      message: 'Opfølgningen er allerede udført.',
    });
    expect((await as(chair.token).post(`/api/follow-ups/${cancelled}/remind`).send({}).expect(409)).body).toMatchObject({ code: 'follow_up.cancelled', message: 'Opfølgningen er annulleret.' });
    await as(chair.token).post(`/api/follow-ups/ukendt-opfoelgning/remind`).send({}).expect(404);
    expect(await readLog(api.dataDir)).toHaveLength(before);
    await settled(1000);
    expect(smtp.received).toEqual([]);
  }, 30_000);
});
