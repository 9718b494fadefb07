/**
 * What "no stall" means for people using the API on a log of a million events: the event loop's longest
 * stall while a snapshot is written (measured with perf_hooks.monitorEventLoopDelay), how soon a freshly
 * started API answers at all, and how soon a restart from a snapshot serves again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { SqliteEventStore } from '@app/event-store';
import { ProjectionRunner, ReadModels, saveSnapshot, SNAPSHOT_EVERY_EVENTS, type Projection } from '@app/read-side';
import { buildWhereStale } from '../../support/built-product';
import { collectGarbage } from '../store/workload';

export const TARGET_STALL_MS = 100;
export const TARGET_FIRST_ANSWER_MS = 1000;
export const TARGET_RESTART_MS = 3000;

const MB = 1024 * 1024;
const mb = (bytes: number): string => `${Math.round(bytes / MB).toLocaleString('en-US')} MB`;
const ms = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;
const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

interface Window<T> {
  result: T;
  ms: number;
  /** The longest the event loop was held, by timers 10 ms apart. */
  longestStallMs: number;
  rssBefore: number;
  /** The most RSS seen, sampled as often as the loop lets a 20 ms timer run. */
  peakRss: number;
}

/** Runs `work` and says how long the event loop was held at most meanwhile, and how much memory it took. */
const watched = async <T>(work: () => Promise<T>): Promise<Window<T>> => {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  delay.enable();
  const t = performance.now();
  try {
    const result = await work();
    return {
      result,
      ms: performance.now() - t,
      longestStallMs: delay.max / 1e6,
      rssBefore,
      peakRss: Math.max(peakRss, process.memoryUsage.rss()),
    };
  } finally {
    delay.disable();
    clearInterval(sampler);
  }
};

export interface NoStallOutcome {
  longestStallMs: number;
  firstAnswerMs: number;
  restartMs: number;
}

/**
 * In this process: read models folded from the log, then written as a snapshot the way the projection runner
 * writes one at each crossing (the lists of keys and values copied, then written a line at a time), then a
 * runner started from that snapshot. Then the built API, started twice as a process of its own on a copy of
 * the log: once without a snapshot and once with the one it wrote.
 */
export async function measureNoStall(store: SqliteEventStore, logFile: string, projections: Projection<unknown>[], dir: string, events: number): Promise<NoStallOutcome> {
  console.log(`no stall at ${events.toLocaleString('en-US')} events (load average ${load()} at start)`);
  const file = path.join(dir, 'read-models.no-stall.json');
  fs.rmSync(file, { force: true });

  const crossing = await foldAndWrite(store, projections, file);
  // The folded models are let go: the restart below, like an API's, holds one set of models, not two.
  collectGarbage();

  const runner = new ProjectionRunner(store, projections, {
    file,
    everyEvents: SNAPSHOT_EVERY_EVENTS,
  });
  const restore = await watched(async () => {
    runner.onApplicationBootstrap();
    await runner.caughtUp();
  });
  console.log(
    `  runner restarted from that snapshot:            ${ms(restore.ms).padStart(9)}; longest event-loop stall ${ms(restore.longestStallMs)}; at position ${runner.position.toLocaleString('en-US')}`,
  );
  await runner.onApplicationShutdown();
  fs.rmSync(file, { force: true });
  collectGarbage();

  const api = await measureApiStarts(logFile, dir, events);
  const longestStallMs = crossing.longestStallMs;
  console.log(
    `no stall: snapshot stall ${ms(longestStallMs)} (target < ${TARGET_STALL_MS} ms: ${verdict(longestStallMs < TARGET_STALL_MS)}); ` +
      `first answer ${ms(api.first.firstAnswerMs)} after spawn (target < ${TARGET_FIRST_ANSWER_MS} ms: ${verdict(api.first.firstAnswerMs < TARGET_FIRST_ANSWER_MS)}; ` +
      `on an empty log ${ms(api.floor.firstAnswerMs)} in the same run); restart from a snapshot ${ms(api.again.readyMs)} after spawn ` +
      `(target < ${TARGET_RESTART_MS} ms: ${verdict(api.again.readyMs < TARGET_RESTART_MS)}; ${ms(api.again.readyMs - api.again.firstAnswerMs)} of it after the first answer); load average ${load()}`,
  );
  return { longestStallMs, firstAnswerMs: api.first.firstAnswerMs, restartMs: api.again.readyMs };
}

/** The log folded a page at a time, then written as the runner writes a snapshot at each crossing; the longest stall of the write. */
async function foldAndWrite(store: SqliteEventStore, projections: Projection<unknown>[], file: string): Promise<Window<void>> {
  const models = new ReadModels(projections);
  const fold = await watched(() => models.catchUp(store, Number.MAX_SAFE_INTEGER));
  console.log(`  fold of the log, a page at a time:              ${ms(fold.ms).padStart(9)}; longest event-loop stall ${ms(fold.longestStallMs)}; peak RSS ${mb(fold.peakRss)}`);
  const crossing = await watched(async () => {
    const frozen = models.frozen();
    if (frozen) await saveSnapshot(file, frozen);
  });
  const size = fs.statSync(file).size;
  console.log(
    `  snapshot written while serving (${mb(size)}):      ${ms(crossing.ms).padStart(9)}; longest event-loop stall ${ms(crossing.longestStallMs)} | target < ${TARGET_STALL_MS} ms: ` +
      `${verdict(crossing.longestStallMs < TARGET_STALL_MS)}; RSS ${mb(crossing.rssBefore)} before, ${mb(crossing.peakRss)} at most (+${mb(crossing.peakRss - crossing.rssBefore)}); load ${load()}`,
  );
  return crossing;
}

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

interface ApiStart {
  /** From spawning the process to its first HTTP answer (any status). */
  firstAnswerMs: number;
  firstStatus: number;
  /** From spawning the process to the read models caught up (readModels up in /health/ready). */
  readyMs: number;
  /** The slowest /health/live answer from the first to the end of the watch, as a client saw it. */
  slowestLiveMs: number;
  /** Answers 503 with Retry-After seen on a read route while the read models caught up. */
  catchingUp: number;
}

/** Asks /health/live every 20 ms, and /health/ready and a read route every 100 ms, from spawn until `until` says so. */
async function watchStart(child: ChildProcess, port: number, until: (state: { ready: boolean; sinceReadyMs: number }) => boolean): Promise<ApiStart> {
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  let firstAnswerMs = Number.NaN;
  let firstStatus = 0;
  let readyMs = Number.NaN;
  let slowestLiveMs = 0;
  let catchingUp = 0;
  let exited = false;
  child.once('exit', () => (exited = true));
  let lastReadyCheck = 0;
  for (;;) {
    if (exited) throw new Error('The API exited while it was watched');
    const ready = !Number.isNaN(readyMs);
    if (
      until({
        ready,
        sinceReadyMs: ready ? performance.now() - t0 - readyMs : 0,
      })
    )
      break;
    const asked = performance.now();
    try {
      const answer = await fetch(`${base}/health/live`, {
        signal: AbortSignal.timeout(10_000),
      });
      await answer.arrayBuffer();
      const now = performance.now();
      if (Number.isNaN(firstAnswerMs)) {
        firstAnswerMs = now - t0;
        firstStatus = answer.status;
      } else slowestLiveMs = Math.max(slowestLiveMs, now - asked);
      if (!ready && now - lastReadyCheck >= 100) {
        lastReadyCheck = now;
        const [health, query] = await Promise.all([fetch(`${base}/health/ready`), fetch(`${base}/api/meetings`)]);
        const body = (await health.json()) as {
          details?: { readModels?: { status?: string } };
        };
        await query.arrayBuffer();
        if (query.status === 503 && query.headers.get('retry-after')) catchingUp += 1;
        if (body.details?.readModels?.status === 'up') readyMs = performance.now() - t0;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(20);
  }
  return { firstAnswerMs, firstStatus, readyMs, slowestLiveMs, catchingUp };
}

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * The built API on an empty log, which says what starting Node and Nest costs on this machine now; then on a
 * copy of the log, without a snapshot, and again from the one it wrote.
 */
async function measureApiStarts(logFile: string, dir: string, events: number): Promise<{ floor: ApiStart; first: ApiStart; again: ApiStart }> {
  const root = path.join(__dirname, '..', '..', '..');
  const main = path.join(root, 'dist/apps/api/src/main.js');
  await buildWhereStale(main);
  const emptyDir = fs.mkdtempSync(path.join(dir, 'api-empty-'));
  const dataDir = fs.mkdtempSync(path.join(dir, 'api-'));
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: 'sekretariat@bench.example',
      ADMIN_PASSWORD: 'benchmarkens-kodeord',
      // No worker runs beside it here: its lag is not what is measured.
      WORKER_MAX_LAG_SECONDS: '86400',
    };
    delete env.REDIS_URL;
    delete env.EVENTSTORE_CONNECTION_STRING;
    const snapshot = path.join(dataDir, 'read-models.json');
    const start = async (label: string, data: string, until: (state: { ready: boolean; sinceReadyMs: number }) => boolean): Promise<ApiStart> => {
      const port = await freePort();
      const child = spawn(process.execPath, [main], { cwd: root, env: { ...env, DATA_DIR: data, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
      try {
        const seen = await watchStart(child, port, until);
        console.log(
          `  ${label.padEnd(47)} first answer (${seen.firstStatus}) ${ms(seen.firstAnswerMs).padStart(8)} after spawn; read models caught up ${ms(seen.readyMs).padStart(9)}; ` +
            `${seen.catchingUp} read-route answers 503 + Retry-After meanwhile; slowest /health/live ${ms(seen.slowestLiveMs)}; load ${load()}`,
        );
        return seen;
      } finally {
        await stop(child);
      }
    };
    const floor = await start('API on an empty log (what a start costs here)', emptyDir, ({ ready, sinceReadyMs }) => ready && sinceReadyMs > 500);
    // A copy: the API makes its first account in the log, and the benchmark's log must stay as generated.
    fs.copyFileSync(logFile, path.join(dataDir, 'events.db'));
    // Watched until the snapshot it writes once caught up is in place, and a moment after. A log shorter than
    // the events between two snapshots gets its snapshot when the API stops.
    const savesOnceCaughtUp = events >= SNAPSHOT_EVERY_EVENTS;
    const first = await start('API, first start (folds the log, saves)', dataDir, ({ ready, sinceReadyMs }) => ready && (!savesOnceCaughtUp || fs.existsSync(snapshot)) && sinceReadyMs > 500);
    if (!fs.existsSync(snapshot)) throw new Error(`The API left no snapshot at ${snapshot} when it stopped`);
    const again = await start('API, restart from its snapshot', dataDir, ({ ready, sinceReadyMs }) => ready && sinceReadyMs > 500);
    return { floor, first, again };
  } finally {
    fs.rmSync(emptyDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
