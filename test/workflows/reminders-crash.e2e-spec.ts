import { loadForums } from '@app/config';
import { SqliteEventStore } from '@app/event-store';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';
import { SmtpTestServer } from '../support/smtp-test-server';

const root = resolve(__dirname, '../..');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ZONE = 'Europe/Copenhagen';
const k17 = loadForums(resolve(root, 'config/forums.json')).find((forum) => forum.id === 'k17')!.members.map((member) => member.email).sort();

/** The worker as `npm start` runs it: a process of its own, here killed with SIGKILL and started again. */
const startWorker = (env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<void> } => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(root, 'apps/worker/src/main.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<void>((done, fail) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Reminders on')) done();
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.on('exit', () => fail(new Error(`The worker stopped before its reminders started:\n${output}`)));
  });
  return { child, ready };
};

describe('a worker killed with SIGKILL while it sends a reminder', () => {
  let api: ApiUnderTest;
  let smtp: SmtpTestServer;
  let worker: ChildProcess | undefined;
  const prefix = `test-reminders-crash-${randomUUID().slice(0, 8)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'reminders-crash-'));

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await api?.close();
    await smtp?.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('neither loses nor repeats a mail: the one cut off before the server answered goes out once, after the restart', async () => {
    smtp = await SmtpTestServer.start();
    const held = smtp.holdNext();
    const remindersFile = join(dataDir, 'reminders.json');
    const shipped = JSON.parse(readFileSync(resolve(root, 'config/reminders.json'), 'utf8'));
    writeFileSync(remindersFile, JSON.stringify({ ...shipped, delivery: { attempts: 5, firstRetrySeconds: 1, claimStaleAfterSeconds: 2, lockSeconds: 2 } }));
    const env = { ...process.env, DATA_DIR: dataDir, REDIS_URL, REDIS_PREFIX: prefix, SMTP_URL: smtp.url, REMINDERS_FILE: remindersFile };
    api = await startApi({ now: DateTime.now().setZone(ZONE).toISO() as string, dataDir, env: { REDIS_URL, REDIS_PREFIX: prefix, SMTP_URL: smtp.url, REMINDERS_FILE: remindersFile } });

    const first = startWorker(env);
    worker = first.child;
    await first.ready;
    const startsAt = DateTime.now().setZone(ZONE).plus({ days: 5, seconds: 2 }).set({ millisecond: 0 }).toISO({ suppressMilliseconds: true });
    await api.http().post('/api/meetings').send({ forumId: 'k17', startsAt }).expect(201);

    const cutOff = await held.arrived;
    first.child.kill('SIGKILL');
    await new Promise((done) => first.child.once('exit', done));
    expect(smtp.accepted).toEqual([]);

    const second = startWorker(env);
    worker = second.child;
    await second.ready;
    await eventually(async () => expect(smtp.accepted.map((mail) => mail.envelope.to[0]).sort()).toEqual(k17), 30_000);
    expect(smtp.accepted.map((mail) => mail.envelope.to[0])).toContain(cutOff.envelope.to[0]);
    expect(new Set(smtp.accepted.map((mail) => mail.messageId)).size).toBe(k17.length);

    // Each mail is recorded as sent just after the server's 250, so the log may trail the server by a moment.
    await eventually(async () => {
      const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
      const sent = (await store.readAll({ maxCount: 10_000 })).filter((event) => event.type === 'ReminderSent');
      await store.close();
      expect(sent.map((event) => (event.data as { recipient: string }).recipient).sort()).toEqual(k17);
    });
  }, 90_000);
});
