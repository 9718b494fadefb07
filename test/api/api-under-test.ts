import { CLOCK, Clock } from '@app/commands';
import { APP_CONFIG, loadAppConfig, LOG_DESTINATION } from '@app/config';
import { EVENT_STORE, EventStore, InMemoryEventStore, InMemoryLog } from '@app/event-store';
import { ProjectionRunner } from '@app/read-side';
import { ProcessManagersModule, RemindersModule } from '@app/workflows';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi, httpAdapter } from '../../apps/api/src/configure-api';

/** A clock the test moves by hand, so "before the meeting" and "after the meeting" are facts, not races. */
export class TestClock implements Clock {
  constructor(private current: string) {}
  now(): string {
    return this.current;
  }
  set(time: string): void {
    this.current = time;
  }
}

/** The secretariat account every API under test starts with, made from ADMIN_EMAIL and ADMIN_PASSWORD. */
export const TEST_ADMIN = { email: 'sekretariat@test.example', password: 'sekretariatets-kodeord' };

export interface RouteOfApp {
  /** Lower case, as supertest names its methods. */
  method: string;
  path: string;
}

export interface ApiUnderTest {
  app: NestFastifyApplication;
  /** Every route the app has, as Fastify registered them: routes added later are in it too. */
  routes: RouteOfApp[];
  clock: TestClock;
  dataDir: string;
  /** A token of the secretariat account. */
  token: string;
  /** Requests signed in as the secretariat. */
  http(): TestAgent;
  /** A token for another account, by e-mail and password. */
  signIn(email: string, password: string): Promise<string>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface ApiOptions {
  now?: string;
  dataDir?: string;
  /** Also run the worker's process managers in the same app, as `npm start` runs them beside the API. */
  withWorker?: boolean;
  /** Also run the worker's reminders (scheduler and sender) in the same app. */
  withReminders?: boolean;
  /** Further variables of the environment, e.g. FORUMS_FILE. */
  env?: Record<string, string>;
  /** Sign in as the secretariat of ADMIN_EMAIL at start (true unless the test makes its accounts otherwise). */
  asSecretariat?: boolean;
  /**
   * Run on this in-memory log instead of the SQLite file in DATA_DIR, e.g. one whose positions are byte offsets
   * as EventStoreDB's are; hand the same log to the next start to start again on it.
   */
  log?: InMemoryLog;
  /** Run on this store, e.g. one whose reads the test holds back, instead of the SQLite file in DATA_DIR. */
  store?: EventStore;
  /**
   * Wait until the read models have caught up before answering (true): with false the API answers at once,
   * as it listens while it folds the log, and `token` is empty.
   */
  caughtUp?: boolean;
  /** Run on this EventStoreDB/KurrentDB server instead of the SQLite file in DATA_DIR. */
  eventStoreConnectionString?: string;
  /**
   * Every log line the app writes, as written (JSON, e-mail addresses redacted), at LOG_LEVEL or `info`. Without
   * it, warnings and errors go to stderr and the rest nowhere.
   */
  logs?: string[];
}

/** The real API on a real SQLite file in a fresh temporary DATA_DIR, or on the in-memory log or the server it is given. */
export const startApi = async (options: ApiOptions | string = {}): Promise<ApiUnderTest> => {
  const {
    now = '2025-04-20T09:00:00+02:00',
    dataDir = mkdtempSync(join(tmpdir(), 'api-e2e-')),
    withWorker = false,
    withReminders = false,
    env = {},
    asSecretariat = true,
    log,
    store,
    caughtUp = true,
    eventStoreConnectionString,
    logs,
  } = typeof options === 'string' ? { now: options } : options;
  const clock = new TestClock(now);
  let builder = Test.createTestingModule({ imports: [ApiModule, ...(withWorker ? [ProcessManagersModule] : []), ...(withReminders ? [RemindersModule] : [])] })
    .overrideProvider(APP_CONFIG)
    // Without a worker, nothing handles the events: /health would call the absent worker stuck a minute in.
    .useValue(
      loadAppConfig({
        ...(withWorker ? {} : { WORKER_MAX_LAG_SECONDS: '3600' }),
        ...(eventStoreConnectionString && { EVENTSTORE_CONNECTION_STRING: eventStoreConnectionString }),
        ADMIN_EMAIL: TEST_ADMIN.email,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        LOG_LEVEL: logs ? 'info' : 'warn',
        ...env,
        DATA_DIR: dataDir,
      }),
    )
    .overrideProvider(CLOCK)
    .useValue(clock)
    .overrideProvider(LOG_DESTINATION)
    .useValue(logs ? lineCollector(logs) : pino.destination({ dest: 2, sync: true }));
  if (log) builder = builder.overrideProvider(EVENT_STORE).useValue(new InMemoryEventStore(log));
  if (store) builder = builder.overrideProvider(EVENT_STORE).useValue(store);
  const moduleRef = await builder.compile();
  const app = configureApi(moduleRef.createNestApplication<NestFastifyApplication>(httpAdapter(), { bufferLogs: true }));
  const routes: RouteOfApp[] = [];
  // Fastify answers HEAD for every GET by a route of its own; the GET is walked.
  app.getHttpAdapter().getInstance().addHook('onRoute', ({ method, url }) => {
    for (const each of [method].flat()) if (each !== 'HEAD') routes.push({ method: each.toLowerCase(), path: url });
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  if (caughtUp) await app.get(ProjectionRunner).whenReady();
  const signIn = async (email: string, password: string): Promise<string> =>
    (await request(app.getHttpServer()).post('/api/auth/token').send({ email, password }).expect(201)).body.token as string;
  const token = asSecretariat && caughtUp ? await signIn(TEST_ADMIN.email, TEST_ADMIN.password) : '';
  return {
    app,
    routes,
    token,
    http: () => request.agent(app.getHttpServer()).set('Authorization', `Bearer ${token}`),
    signIn,
    clock,
    dataDir,
    close: async ({ keepData = false } = {}) => {
      await app.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** Collects what pino writes, a line at a time. */
const lineCollector = (lines: string[]): Writable =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

/** Polls until `check` passes: for what the process managers do a moment after a command. */
export const eventually = async (check: () => Promise<void>, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};
