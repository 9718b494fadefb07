/**
 * npm run bench:pages
 *
 * How fast the pages answer on a log of a busy decade: 10,000 cases up the chain of forums in
 * config/forums.json from Styregruppen, and 20,000 follow-ups, many of them overdue
 * (test/bench/pages/generator.ts). The log is written with the SQLite adapter's appendAll, thousands of
 * events a transaction, into events.db of a fresh DATA_DIR; the API as it ships (apps/api/src/main.ts) then
 * starts on it, rebuilding its read models from the log, and is signed in through the sign-in page's form as
 * the secretariat and as the chair of the chain's first forum. One client asks the pages in turn, one
 * request at a time, after a warm-up. Each page's p50 and p99 (time to the whole body) are printed beside
 * the target, under 300 ms, with the API's CPU time per request of the page (its user and system time from
 * /proc, summed over the page's requests), which other work on a shared machine sways less than the clock.
 *
 * Environment: BENCH_FORUM (styregruppen, where the chain starts), BENCH_CASES (10000), BENCH_FOLLOW_UPS
 * (20000), BENCH_YEARS (10), BENCH_SEED (1), BENCH_REQUESTS (200 per page), BENCH_WARMUP (20 per page),
 * BENCH_CPU_PROF=<dir> (the API runs with --cpu-prof and writes a V8 CPU profile of its whole run there).
 */
import { SqliteEventStore, type StreamBatch } from '@app/event-store';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateLog, chainFrom, type ChainForum, type GeneratedLog } from './pages/generator';
import { printTable } from './store/report';
import { cpuMicros, freePort } from './support/processes';

const ROOT = resolve(__dirname, '../..');
const TARGET_MS = 300;
const ADMIN = {
  email: 'sekretariat@bench.example',
  password: 'benchmarkens-kodeord',
};
const CHAIR = {
  email: 'formand@bench.example',
  password: 'formandens-kodeord',
};
const APPEND_CHUNK = 5_000;

const intFromEnv = (name: string, fallback: number, min: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
};

const config = {
  cases: intFromEnv('BENCH_CASES', 10_000, 10),
  followUps: intFromEnv('BENCH_FOLLOW_UPS', 20_000, 0),
  years: intFromEnv('BENCH_YEARS', 10, 1),
  seed: intFromEnv('BENCH_SEED', 1, 0),
  requests: intFromEnv('BENCH_REQUESTS', 200, 1),
  warmup: intFromEnv('BENCH_WARMUP', 20, 0),
  firstForum: process.env.BENCH_FORUM || 'styregruppen',
  cpuProfileDir: process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined,
};

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Appends the log in time order, each event with its stream's exact revision, thousands to a transaction. */
const writeLog = async (file: string, log: GeneratedLog): Promise<void> => {
  const store = new SqliteEventStore({ file });
  const revisions = new Map<string, number>();
  try {
    for (let start = 0; start < log.events.length; start += APPEND_CHUNK) {
      const batches: StreamBatch[] = log.events.slice(start, start + APPEND_CHUNK).map(({ streamId, event, metadata }) => {
        const revision = revisions.get(streamId) ?? -1;
        revisions.set(streamId, revision + 1);
        return {
          streamId,
          events: [{ type: event.type, data: event.data, metadata }],
          expectedRevision: revision === -1 ? 'no_stream' : revision,
        };
      });
      await store.appendAll(batches);
    }
    const head = await store.headPosition();
    if (head !== log.events.length) throw new Error(`The log's head is at ${head} after writing ${log.events.length} events`);
  } finally {
    await store.close();
  }
};

interface Api {
  child: ChildProcess;
  port: number;
  stderr: string[];
}

const startApi = async (dataDir: string): Promise<Api> => {
  const port = await freePort();
  const stderr: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    // No worker runs beside it: /health would call the absent worker stuck.
    WORKER_MAX_LAG_SECONDS: '86400',
    REDIS_PREFIX: `bench-pages-${randomBytes(4).toString('hex')}`,
  };
  // The pages do not need the reminders; without Redis the API leaves nothing behind.
  delete env.REDIS_URL;
  const execArgv = ['-r', '@swc-node/register', ...(config.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${config.cpuProfileDir}`] : [])];
  const child = fork(join(ROOT, 'apps/api/src/main.ts'), [], {
    cwd: ROOT,
    execArgv,
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API stopped at start (exit ${child.exitCode}):\n${stderr.join('')}`);
    const status = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return { child, port, stderr };
    if (Date.now() > deadline) throw new Error(`The API did not answer /health with 200 within five minutes (last: ${status}):\n${stderr.join('')}`);
    await sleep(250);
  }
};

const stopApi = async (api: Api): Promise<void> => {
  // SIGINT lets Node write the CPU profile on the way out.
  api.child.kill(config.cpuProfileDir ? 'SIGINT' : 'SIGTERM');
  const exited = new Promise<void>((done) => (api.child.exitCode !== null ? done() : api.child.once('exit', () => done())));
  await Promise.race([exited, sleep(15_000)]);
  if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
};

const cookieOf = (response: Response, name: string): string | undefined =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** Signs in as a browser does: the form and its CSRF cookie, then the form posted back; gives the session cookie. */
const signIn = async (port: number, account: { email: string; password: string }): Promise<string> => {
  const form = await fetch(`http://127.0.0.1:${port}/log-ind`);
  const csrfCookie = cookieOf(form, 'bo_csrf');
  const csrfField = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrfCookie || !csrfField) throw new Error('The sign-in page gave no CSRF cookie or no _csrf field');
  const response = await fetch(`http://127.0.0.1:${port}/log-ind`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `bo_csrf=${csrfCookie}`,
    },
    body: new URLSearchParams({
      email: account.email,
      password: account.password,
      _csrf: csrfField,
    }).toString(),
  });
  const session = cookieOf(response, 'bo_session');
  if (response.status !== 303 || !session) throw new Error(`Signing in as ${account.email} answered ${response.status}: ${await response.text()}`);
  return `bo_csrf=${csrfCookie}; bo_session=${session}`;
};

const createChair = async (port: number, forumId: string): Promise<void> => {
  const tokenResponse = await fetch(`http://127.0.0.1:${port}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (tokenResponse.status !== 201) throw new Error(`POST /api/auth/token answered ${tokenResponse.status}: ${await tokenResponse.text()}`);
  const { token } = (await tokenResponse.json()) as { token: string };
  const created = await fetch(`http://127.0.0.1:${port}/api/accounts`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      ...CHAIR,
      name: 'Formand i benchmarken',
      role: 'chair',
      forumIds: [forumId],
    }),
  });
  if (created.status !== 201) throw new Error(`POST /api/accounts answered ${created.status}: ${await created.text()}`);
};

interface Page {
  label: string;
  /** A path per request: the case page goes through many cases, so no one case's stream stays hot. */
  path: (i: number) => string;
  cookie: string;
  /** Text the page must contain, so a fast error page is not taken for a fast page. */
  expect: string;
  samples: number[];
  /** The API's CPU time over this page's timed requests, where /proc tells. */
  cpu?: number;
  bytes: number;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];

const timeOne = async (port: number, page: Page, i: number): Promise<number> => {
  const t = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}${page.path(i)}`, {
    headers: { cookie: page.cookie },
    redirect: 'manual',
  });
  const body = await response.text();
  const ms = performance.now() - t;
  if (response.status !== 200 || !body.includes(page.expect))
    throw new Error(`${page.label} (${page.path(i)}) answered ${response.status} without "${page.expect}":\n${body.slice(0, 400)}`);
  page.bytes = body.length;
  return ms;
};

const main = async (): Promise<void> => {
  console.log('Pages benchmark: the board, the overview and a case page on 10,000 cases and 20,000 follow-ups');
  console.log(`  Node ${process.version}, ${cpus().length} CPUs, load average ${load()} at start`);
  const forums = (
    JSON.parse(readFileSync(join(ROOT, 'config/forums.json'), 'utf8')) as {
      forums: ChainForum[];
    }
  ).forums;
  const chain = chainFrom(forums, config.firstForum);
  const now = Date.now();
  let t = performance.now();
  const log = generateLog(chain, {
    seed: config.seed,
    cases: config.cases,
    followUps: config.followUps,
    now,
    years: config.years,
  });
  const s = log.summary;
  console.log(
    `  log: ${log.events.length.toLocaleString('en-US')} events over ${config.years} years of ${chain.map((forum) => forum.name).join(' → ')} (seed ${config.seed}), generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  console.log(
    `    ${s.meetings} meetings (${s.upcomingMeetings} to come); ${s.cases.toLocaleString('en-US')} cases: ${Object.entries(s.byStage)
      .map(([stage, n]) => `${n.toLocaleString('en-US')} ${stage}`)
      .join(', ')}; ${s.postponed.toLocaleString('en-US')} postponements, ${s.forwarded.toLocaleString('en-US')} forwards`,
  );
  console.log(
    `    ${s.followUps.toLocaleString('en-US')} follow-ups, ${s.openFollowUps.toLocaleString('en-US')} open, ${s.overdueFollowUps.toLocaleString('en-US')} overdue today (${Object.entries(
      s.overdueByForum,
    )
      .map(([forumId, n]) => `${forumId} ${n}`)
      .join(', ')})`,
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'bench-pages-'));
  let api: Api | undefined;
  try {
    const file = join(dataDir, 'events.db');
    t = performance.now();
    await writeLog(file, log);
    const size = ['', '-wal'].map((suffix) => (existsSync(`${file}${suffix}`) ? statSync(`${file}${suffix}`).size : 0)).reduce((a, b) => a + b, 0);
    console.log(
      `  written with SqliteEventStore.appendAll, ${APPEND_CHUNK.toLocaleString('en-US')} events a transaction, in ${((performance.now() - t) / 1000).toFixed(1)} s: ${mb(size)} (events.db and its WAL)`,
    );

    t = performance.now();
    api = await startApi(dataDir);
    console.log(`  the API started on it and rebuilt its read models in ${((performance.now() - t) / 1000).toFixed(1)} s; load average ${load()}`);
    const chairForum = chain[0];
    await createChair(api.port, chairForum.id);
    const secretariat = await signIn(api.port, ADMIN);
    const chair = await signIn(api.port, CHAIR);
    console.log(`  signed in through /log-ind as the secretariat and as the chair of ${chairForum.name}`);

    // A search that few cases match: the board reads every case to fill its page, the most a search costs.
    const rare = 'spiseforstyrrelser evaluering';
    const caseIds = log.caseIds.filter((_, i) => i % Math.max(1, Math.floor(log.caseIds.length / 500)) === 0);
    const pages: Page[] = [
      {
        label: 'GET /tavle (secretariat)',
        path: () => '/tavle',
        cookie: secretariat,
        expect: 'Tavle',
        samples: [],
        bytes: 0,
      },
      {
        label: `GET /tavle?q=botilbud (secretariat)`,
        path: () => '/tavle?q=botilbud',
        cookie: secretariat,
        expect: 'Tavle',
        samples: [],
        bytes: 0,
      },
      {
        label: `GET /tavle?q=${rare.replace(' ', '+')}`,
        path: () => `/tavle?${new URLSearchParams({ q: rare }).toString()}`,
        cookie: secretariat,
        expect: 'Tavle',
        samples: [],
        bytes: 0,
      },
      {
        label: `GET /tavle (chair)`,
        path: () => '/tavle',
        cookie: chair,
        expect: 'Sager i dine fora',
        samples: [],
        bytes: 0,
      },
      {
        label: 'GET /oversigt (chair)',
        path: () => '/oversigt',
        cookie: chair,
        expect: 'Overskredne opfølgninger',
        samples: [],
        bytes: 0,
      },
      {
        label: 'GET /oversigt (secretariat)',
        path: () => '/oversigt',
        cookie: secretariat,
        expect: 'Overskredne opfølgninger',
        samples: [],
        bytes: 0,
      },
      {
        label: 'GET /sager/:id (secretariat)',
        path: (i) => `/sager/${caseIds[i % caseIds.length]}`,
        cookie: secretariat,
        expect: 'Vejen gennem fora',
        samples: [],
        bytes: 0,
      },
      {
        label: 'GET /moeder/:id (secretariat)',
        path: (i) => `/moeder/${log.upcomingMeetingIds[i % log.upcomingMeetingIds.length]}`,
        cookie: secretariat,
        expect: 'Dagsorden',
        samples: [],
        bytes: 0,
      },
    ];

    for (let i = 0; i < config.warmup; i++) for (const page of pages) await timeOne(api.port, page, i);
    const before = load();
    t = performance.now();
    // In turns, so a burst of outside load on the shared machine lands on every page alike.
    const pid = api.child.pid;
    for (let i = 0; i < config.requests; i++) {
      for (const page of pages) {
        const cpuBefore = cpuMicros(pid);
        page.samples.push(await timeOne(api.port, page, i));
        const cpuAfter = cpuMicros(pid);
        if (cpuBefore !== undefined && cpuAfter !== undefined) page.cpu = (page.cpu ?? 0) + (cpuAfter - cpuBefore) / 1000;
      }
    }
    console.log(
      `  ${config.warmup} warm-up and ${config.requests} timed requests per page, in turns, one at a time, in ${((performance.now() - t) / 1000).toFixed(1)} s; load average ${before} before, ${load()} after`,
    );
    console.log('');

    const rows = pages.map((page) => {
      const sorted = [...page.samples].sort((a, b) => a - b);
      const p99 = percentile(sorted, 0.99);
      return {
        label: page.label,
        cells: [
          percentile(sorted, 0.5).toFixed(1),
          p99.toFixed(1),
          sorted[sorted.length - 1].toFixed(1),
          page.cpu === undefined ? 'n/a' : (page.cpu / page.samples.length).toFixed(1),
          `${Math.round(page.bytes / 1024)} KB`,
          p99 < TARGET_MS ? 'yes' : 'NO',
        ],
      };
    });
    printTable('ms, time to the whole page', ['p50', 'p99', 'max', 'API CPU per request', 'page size', `p99 < ${TARGET_MS} ms`], rows);
    const missed = rows.filter((row) => row.cells[5] === 'NO');
    console.log('');
    console.log(missed.length === 0 ? `every page under ${TARGET_MS} ms at p99` : `MISSED: ${missed.map((row) => row.label).join(', ')}`);
    if (missed.length > 0) process.exitCode = 1;
  } finally {
    if (api) await stopApi(api);
    if (config.cpuProfileDir) console.log(`  CPU profile of the API in ${config.cpuProfileDir}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
