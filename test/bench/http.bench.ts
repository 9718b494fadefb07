/**
 * npm run bench:http
 *
 * Requests per second and latency of the API as it ships (apps/api/src/main.ts, signed in with a bearer token
 * like every client), side by side with a raw node:http server doing the same work on the same SQLite schema
 * through the same adapter (test/bench/http/raw-server.ts), on three paths:
 *   command  POST /api/cases          read the new case's stream, check the revision, append CaseProposed
 *   query    GET /api/cases/:id       read one case's stream and fold its details
 *   health   GET /health              the raw peer only asks the store for its head; the API also asks the
 *                                      worker's checkpoint and, where the reminders are on, Redis
 * Targets: the command and the query at 0.5x raw or better, and p99 under 50 ms at 10 clients.
 *
 * Each server is a process of its own on a fresh DATA_DIR; autocannon drives it from this process. The two
 * never run at once: every cell (clients x path) is measured in rounds, the two taking turns and the first
 * place alternating, and the median round is shown. A burst of outside load on a shared machine then lands
 * on both alike. CPU per request is the server process's user+system time over the requests it answered,
 * which a busy machine disturbs less than the rate.
 *
 * Environment: BENCH_SECONDS (5, per run), BENCH_ROUNDS (3), BENCH_CLIENTS (1,10,50), BENCH_WARMUP_SECONDS (3),
 * BENCH_PATHS (command,query,health), BENCH_CPU_PROF=<dir> (the API runs with --cpu-prof and writes a V8 CPU profile
 * of its whole run there).
 */
import { issueToken } from '@app/access';
import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fmtRate, fmtRatio, median, printTable, Row } from './store/report';
import { cpuMicros, freePort } from './support/processes';

const ROOT = resolve(__dirname, '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,10,50').split(',').map(Number);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ADMIN = { email: 'bench@bench.example', password: 'benchmarkens-kodeord' };
const PROPOSAL = JSON.stringify({ forumId: 'styregruppen', title: 'Takstanalyse for botilbud', kind: 'decision' });
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;
const TARGET_P99_CLIENTS = 10;

type Key = 'raw' | 'app';

interface Server {
  key: Key;
  label: string;
  child: ChildProcess;
  port: number;
  token: string;
  caseId: string;
  dataDir: string;
  stderr: string[];
}

interface Path {
  name: string;
  title: string;
  request: (server: Server) => Pick<autocannon.Options, 'method' | 'headers' | 'body'> & { path: string };
}

interface Run {
  rate: number;
  p50: number;
  p99: number;
  cpuMicrosPerRequest?: number;
  failures: number;
}

const ALL_PATHS: Path[] = [
  {
    name: 'command',
    title: 'POST /api/cases',
    request: ({ token }) => ({ path: '/api/cases', method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: PROPOSAL }),
  },
  { name: 'query', title: 'GET /api/cases/:id', request: ({ token, caseId }) => ({ path: `/api/cases/${caseId}`, method: 'GET', headers: { authorization: `Bearer ${token}` } }) },
  { name: 'health', title: 'GET /health', request: () => ({ path: '/health', method: 'GET' }) },
];
const PATHS = ALL_PATHS.filter((path) => (process.env.BENCH_PATHS ?? 'command,query,health').split(',').includes(path.name));

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

const call = async (port: number, path: string, init: RequestInit = {}): Promise<Response> => fetch(`http://127.0.0.1:${port}${path}`, init);

const spawnServer = (file: string, env: Record<string, string>, profile = false): { child: ChildProcess; stderr: string[] } => {
  const stderr: string[] = [];
  const execArgv = ['-r', '@swc-node/register', ...(profile && CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [])];
  const child = fork(file, [], { cwd: ROOT, execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  return { child, stderr };
};

const untilExit = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', () => done()));

/** Polls until the server answers `path` with 200, or gives up with what the server wrote to stderr. */
const untilAnswering = async (port: number, path: string, child: ChildProcess, stderr: string[]): Promise<void> => {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server stopped at start (exit ${child.exitCode}):\n${stderr.join('')}`);
    const status = await call(port, path).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`The server did not answer ${path} with 200 within two minutes (last: ${status}):\n${stderr.join('')}`);
    await sleep(200);
  }
};

const proposeCase = async (port: number, token: string): Promise<string> => {
  const response = await call(port, '/api/cases', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: PROPOSAL });
  if (response.status !== 201) throw new Error(`POST /api/cases answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
};

const startApp = async (): Promise<Server> => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-app-'));
  const { child, stderr } = spawnServer(join(ROOT, 'apps/api/src/main.ts'), {
    PORT: String(port),
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    // No worker runs beside it: /health would call the absent worker stuck a minute in.
    WORKER_MAX_LAG_SECONDS: '86400',
    REDIS_PREFIX: `bench-http-${randomBytes(4).toString('hex')}`,
  }, true);
  await untilAnswering(port, '/health', child, stderr);
  const signIn = await call(port, '/api/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (signIn.status !== 201) throw new Error(`Signing in answered ${signIn.status}: ${await signIn.text()}`);
  const { token } = (await signIn.json()) as { token: string };
  return { key: 'app', label: 'API', child, port, token, caseId: await proposeCase(port, token), dataDir, stderr };
};

const startRaw = async (): Promise<Server> => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-raw-'));
  const secret = randomBytes(32).toString('base64url');
  const { child, stderr } = spawnServer(join(__dirname, 'http/raw-server.ts'), { PORT: String(port), DATA_DIR: dataDir, BENCH_TOKEN_SECRET: secret });
  await untilAnswering(port, '/health', child, stderr);
  const token = issueToken(secret, { accountId: 'bench', credentialsVersion: 0, expiresAt: Date.now() + 86_400_000 });
  return { key: 'raw', label: 'raw node:http', child, port, token, caseId: await proposeCase(port, token), dataDir, stderr };
};

const stop = async (server: Server): Promise<void> => {
  server.child.kill('SIGTERM');
  await Promise.race([untilExit(server.child), sleep(10_000)]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(server.dataDir, { recursive: true, force: true });
};

const measure = async (server: Server, path: Path, connections: number, seconds: number): Promise<Run> => {
  const { path: url, ...request } = path.request(server);
  // autocannon's own percentiles are whole milliseconds; its response events carry the time to the microsecond.
  const latencies: number[] = [];
  const cpuBefore = cpuMicros(server.child.pid);
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon({ url: `http://127.0.0.1:${server.port}${url}`, ...request, connections, duration: seconds }, (error, finished) => (error ? fail(error) : done(finished)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const cpuAfter = cpuMicros(server.child.pid);
  const answered = result['2xx'];
  latencies.sort((a, b) => a - b);
  return {
    rate: answered / result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMicrosPerRequest: cpuBefore === undefined || cpuAfter === undefined || answered === 0 ? undefined : (cpuAfter - cpuBefore) / answered,
    failures: result.non2xx + result.errors,
  };
};

const percentile = (sorted: number[], p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const fmtMs = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const fmtMicros = (value: number | undefined): string => (value === undefined ? 'n/a' : `${Math.round(value)} µs`);

const main = async (): Promise<void> => {
  console.log('HTTP benchmark: the API beside a raw node:http server, on the same SQLite adapter');
  console.log(`  Node ${process.version}, ${cpus().length} CPUs, load average ${load()} at start`);
  console.log(`  ${ROUNDS} rounds of ${SECONDS} s per cell, taking turns; clients ${CLIENTS.join(', ')}; autocannon, one request in flight per client`);
  const servers: Server[] = [];
  try {
    servers.push(await startRaw());
    servers.push(await startApp());
    const reminders = ((await (await call(servers[1].port, '/health')).json()) as { details?: { reminders?: { state?: string } } }).details?.reminders?.state;
    console.log(`  the API's reminders are ${reminders ?? 'unknown'} (its /health ${reminders === 'on' ? 'pings Redis' : 'does not ask Redis'})`);
    for (const path of PATHS) for (const server of servers) await measure(server, path, TARGET_P99_CLIENTS, WARMUP_SECONDS);

    const runs = new Map<string, Run[]>();
    const cell = (key: Key, path: Path, clients: number): Run[] => {
      const name = `${key} ${path.name} ${clients}`;
      if (!runs.has(name)) runs.set(name, []);
      return runs.get(name) as Run[];
    };
    let turn = 0;
    for (const clients of CLIENTS) {
      for (const path of PATHS) {
        for (let round = 0; round < ROUNDS; round++) {
          const order = turn++ % 2 === 0 ? servers : [...servers].reverse();
          for (const server of order) cell(server.key, path, clients).push(await measure(server, path, clients, SECONDS));
        }
      }
      console.log(`  measured ${clients} client${clients === 1 ? '' : 's'}; load average ${load()}`);
    }

    const summary = (key: Key, path: Path, clients: number) => {
      const cellRuns = cell(key, path, clients);
      return {
        rate: median(cellRuns.map((run) => run.rate)),
        p50: median(cellRuns.map((run) => run.p50)),
        p99: median(cellRuns.map((run) => run.p99)),
        cpu: median(cellRuns.flatMap((run) => (run.cpuMicrosPerRequest === undefined ? [] : [run.cpuMicrosPerRequest]))),
        failures: cellRuns.reduce((sum, run) => sum + run.failures, 0),
      };
    };

    const verdicts: string[] = [];
    for (const path of PATHS) {
      console.log();
      const rows: Row[] = CLIENTS.map((clients) => {
        const raw = summary('raw', path, clients);
        const app = summary('app', path, clients);
        const ratio = raw.rate && app.rate !== undefined ? app.rate / raw.rate : undefined;
        if (path.name !== 'health') {
          verdicts.push(`${path.title} at ${clients} client${clients === 1 ? '' : 's'}: ${fmtRatio(ratio)} raw, target ${TARGET_RATIO}x: ${ratio !== undefined && ratio >= TARGET_RATIO ? 'met' : 'MISSED'}`);
          if (clients === TARGET_P99_CLIENTS) {
            verdicts.push(`${path.title} p99 at ${clients} clients: ${fmtMs(app.p99)}, target < ${TARGET_P99_MS} ms: ${app.p99 !== undefined && app.p99 < TARGET_P99_MS ? 'met' : 'MISSED'}`);
          }
        }
        if (raw.failures + app.failures > 0) verdicts.push(`${path.title} at ${clients} clients: ${raw.failures} failed requests on the raw server, ${app.failures} on the API (counted out of the rates)`);
        return {
          label: String(clients),
          cells: [fmtRate(raw.rate), fmtMs(raw.p50), fmtMs(raw.p99), fmtMicros(raw.cpu), fmtRate(app.rate), fmtMs(app.p50), fmtMs(app.p99), fmtMicros(app.cpu), fmtRatio(ratio)],
        };
      });
      console.log(`${path.title} (${path.name})`);
      printTable('clients', ['raw req/s', 'raw p50', 'raw p99', 'raw CPU/req', 'API req/s', 'API p50', 'API p99', 'API CPU/req', 'API/raw'], rows);
    }
    console.log();
    for (const verdict of verdicts) console.log(`  ${verdict}`);
    console.log(`  load average ${load()} at end`);
  } finally {
    await Promise.all(servers.map(stop));
  }
};

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
