/**
 * npm run bench:store
 *
 * Appends per second and full-log reads per second on our SQLite adapter, side by side with two raw
 * better-sqlite3 loops and with @event-driven-io/emmett-sqlite (a peer a user might pick). The lean loop runs
 * on the leanest schema that still keeps a global order, checks the expected revision and answers retries
 * (the physical limit); the raw loop does the adapter's statements on the adapter's own schema (what the
 * adapter's code costs beyond its schema). Targets: ours >= 0.8x lean and >= 0.8x raw, and ahead of the peer.
 *
 * Each contender has a fresh file in a temporary folder and the same workload. Every timed phase is cut into
 * rounds and the contenders take turns within each round (first place rotating), never running at once:
 * they would share two cores and one disk. Taking turns makes the ratios fair on a machine that is busy with
 * other work, since a burst of outside load then lands on every contender of that round alike.
 *
 * Sizes come from the environment (see readConfig()): BENCH_SYNCHRONOUS (NORMAL|FULL), BENCH_STREAMS,
 * BENCH_SINGLES, BENCH_BATCHES, BENCH_BATCH_SIZE, BENCH_ROUNDS, BENCH_READS, BENCH_PAGE_SIZE,
 * BENCH_WARMUP_SINGLES, BENCH_WARMUP_BATCHES, BENCH_EMMETT_DEFAULTS_SCALE (0 skips that run),
 * BENCH_ONLY (e.g. "lean,raw,ours": no peer, and none installed), BENCH_KEEP_FILES=1.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { loadEmmettPeer, type EmmettSetup } from './store/peer';
import { SqliteEventStore } from '@app/event-store';
import { OursContender } from './store/ours';
import { LeanLoop } from './store/lean-loop';
import { RawLoop, schemaOf } from './store/raw-loop';
import { fmtRate, fmtRatio, median, printTable } from './store/report';
import {
  collectGarbage,
  readConfig,
  runAppends,
  runReads,
  StreamSet,
  type BenchConfig,
  type Contender,
} from './store/workload';

type LaneKey = 'lean' | 'raw' | 'ours' | 'ours-older-file' | 'emmett' | 'emmett-defaults';

interface Sizes {
  warmupSingles: number;
  warmupBatches: number;
  singles: number;
  batches: number;
}

/** One contender and everything measured on it. */
interface Lane {
  key: LaneKey;
  contender: Contender;
  sizes: Sizes;
  warm: StreamSet;
  streams: StreamSet;
  seq: number;
  singlesDone: number;
  batchesDone: number;
  /** Per round, in that round's units per second. */
  singleRates: number[];
  batchEventRates: number[];
  readEventRates: number[];
  confirmedEvents: number;
  unconfirmedSingles: number;
  unconfirmedBatches: number;
  readEventsPerPass: number[];
  checksum: number;
  rows: number;
  mutedLogLines: number;
}

const TARGET_VS_LIMIT = 0.8;

function scaled(config: BenchConfig, factor: number): Sizes {
  const s = (n: number): number => Math.max(1, Math.round(n * factor));
  return {
    warmupSingles: s(config.warmupSingles),
    warmupBatches: s(config.warmupBatches),
    singles: s(config.singles),
    batches: s(config.batches),
  };
}

/** `total` operations cut into `rounds` near-equal shares that add up to it. */
function shares(total: number, rounds: number): number[] {
  return Array.from({ length: rounds }, (_, r) => Math.floor(total / rounds) + (r < total % rounds ? 1 : 0));
}

/** Each round starts with the next contender, so none is always the one after a garbage collection or a checkpoint. */
function rotated<T>(items: T[], round: number): T[] {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * emmett-sqlite console.logs the error of every failed transaction; that would bury the table, so its lines
 * are counted and reported instead of printed. Progress goes through process.stdout.write, unaffected.
 */
async function muted<T>(lane: Lane, fn: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = () => void lane.mutedLogLines++;
  try {
    return await fn();
  } finally {
    console.log = original;
  }
}

function newLane(key: LaneKey, contender: Contender, config: BenchConfig, sizes: Sizes): Lane {
  return {
    key,
    contender,
    sizes,
    // Warm-up on streams of their own, so the timed phase still includes creating its streams.
    warm: new StreamSet('warm', config.streams),
    streams: new StreamSet('case', config.streams),
    seq: 0,
    singlesDone: 0,
    batchesDone: 0,
    singleRates: [],
    batchEventRates: [],
    readEventRates: [],
    confirmedEvents: 0,
    unconfirmedSingles: 0,
    unconfirmedBatches: 0,
    readEventsPerPass: [],
    checksum: 0,
    rows: 0,
    mutedLogLines: 0,
  };
}

async function warmUp(lane: Lane, config: BenchConfig): Promise<void> {
  await muted(lane, async () => {
    const singles = await runAppends(lane.contender, lane.warm, lane.sizes.warmupSingles, 1, lane.seq);
    lane.seq += lane.sizes.warmupSingles;
    const batches = await runAppends(lane.contender, lane.warm, lane.sizes.warmupBatches, config.batchSize, lane.seq);
    lane.seq += lane.sizes.warmupBatches * config.batchSize;
    lane.confirmedEvents += singles.confirmedEvents + batches.confirmedEvents;
    lane.unconfirmedSingles += singles.refusedOps;
    lane.unconfirmedBatches += batches.refusedOps;
  });
}

async function appendRound(lane: Lane, ops: number, batchSize: number): Promise<void> {
  const single = batchSize === 1;
  collectGarbage();
  const outcome = await muted(lane, () =>
    runAppends(lane.contender, lane.streams, ops, batchSize, lane.seq, single ? lane.singlesDone : lane.batchesDone),
  );
  lane.seq += ops * batchSize;
  lane.confirmedEvents += outcome.confirmedEvents;
  if (single) {
    lane.singlesDone += ops;
    lane.unconfirmedSingles += outcome.refusedOps;
    lane.singleRates.push(outcome.confirmedOps / (outcome.ms / 1000));
  } else {
    lane.batchesDone += ops;
    lane.unconfirmedBatches += outcome.refusedOps;
    lane.batchEventRates.push(outcome.confirmedEvents / (outcome.ms / 1000));
  }
}

async function readRound(lane: Lane, pageSize: number): Promise<void> {
  collectGarbage();
  const outcome = await muted(lane, () => runReads(lane.contender, 1, pageSize));
  lane.readEventRates.push(outcome.events / (outcome.ms / 1000));
  lane.readEventsPerPass.push(outcome.events);
  lane.checksum = outcome.checksum;
}

function describeEmmett(setup: EmmettSetup): string {
  return `journal_mode=${setup.journalMode}, synchronous=${setup.synchronous}, SQLite ${setup.sqliteVersion}`;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
}

async function run(config: BenchConfig, dir: string): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const wants = (key: LaneKey): boolean => !only || only.includes(key);
  const fileFor = (name: string): string => path.join(dir, `${name}.db`);
  const full = scaled(config, 1);

  const memory = new Database(':memory:');
  const betterSqliteVersion = memory.prepare('SELECT sqlite_version()').pluck().get() as string;
  memory.close();

  // Let the adapter create its schema in a scratch file and copy it, so the raw loop runs on exactly that.
  const probeFile = fileFor('schema-probe');
  const probe = new SqliteEventStore({ file: probeFile, synchronous: config.synchronous });
  await probe.headPosition();
  await probe.close();
  const schema = schemaOf(probeFile);

  console.log('Event store benchmark');
  console.log(`  Node ${process.version}, ${os.cpus().length} CPUs, ${os.platform()} ${os.release()}, load average ${loadAverage()} at start`);
  console.log(`  SQLite ${betterSqliteVersion} via better-sqlite3 (lean, raw, ours)`);
  console.log(`  synchronous=${config.synchronous}, journal_mode=WAL for lean, raw, ours and emmett`);
  console.log(`  files in ${dir}`);
  console.log(`  lean schema: rowid order, UNIQUE(stream_id, revision), event ids unindexed`);
  console.log(`  raw schema: copied from a file the adapter created (${schema.length} statement${schema.length === 1 ? '' : 's'})`);
  console.log(
    `  workload: ${config.streams} streams; every append with the exact expected revision; warm-up ` +
      `${full.warmupSingles} single appends + ${full.warmupBatches} batches; timed ${full.singles} single appends, ` +
      `${full.batches} batches of ${config.batchSize}, each in ${config.rounds} rounds; ${config.reads} timed full-log ` +
      `reads in pages of ${config.pageSize} (after 1 untimed)`,
  );
  console.log('');

  const lanes: Lane[] = [];
  let emmettSetup: EmmettSetup | undefined;
  let emmettDefaultsSetup: EmmettSetup | undefined;
  if (wants('lean')) lanes.push(newLane('lean', new LeanLoop(fileFor('lean'), config.synchronous), config, full));
  if (wants('raw')) lanes.push(newLane('raw', new RawLoop(fileFor('raw'), config.synchronous, schema), config, full));
  if (wants('ours')) lanes.push(newLane('ours', new OursContender(fileFor('ours'), config.synchronous), config, full));
  if (wants('ours-older-file')) {
    const contender = new OursContender(fileFor('ours-older-file'), config.synchronous, { olderFile: true });
    lanes.push(newLane('ours-older-file', contender, config, full));
  }
  if (wants('emmett')) {
    const { contender, setup } = await loadEmmettPeer().openEmmettLikeForLike(fileFor('emmett'), config.synchronous);
    emmettSetup = setup;
    lanes.push(newLane('emmett', contender, config, full));
  }
  if (wants('emmett-defaults') && config.emmettDefaultsScale > 0) {
    const { contender, setup } = await loadEmmettPeer().openEmmettDefaults(fileFor('emmett-defaults'));
    emmettDefaultsSetup = setup;
    lanes.push(newLane('emmett-defaults', contender, config, scaled(config, config.emmettDefaultsScale)));
  }

  const progress = (text: string): void => void process.stdout.write(`  ${text}\n`);
  progress('warming up');
  for (const lane of lanes) await warmUp(lane, config);
  progress('single appends');
  for (let r = 0; r < config.rounds; r++) {
    for (const lane of rotated(lanes, r)) await appendRound(lane, shares(lane.sizes.singles, config.rounds)[r], 1);
  }
  progress(`batches of ${config.batchSize}`);
  for (let r = 0; r < config.rounds; r++) {
    for (const lane of rotated(lanes, r)) {
      await appendRound(lane, shares(lane.sizes.batches, config.rounds)[r], config.batchSize);
    }
  }
  progress('full-log reads');
  for (const lane of lanes) await muted(lane, () => runReads(lane.contender, 1, config.pageSize));
  for (let r = 0; r < config.reads; r++) {
    for (const lane of rotated(lanes, r)) await readRound(lane, config.pageSize);
  }
  for (const lane of lanes) {
    lane.rows = await lane.contender.countRows();
    await lane.contender.close();
  }
  console.log(`  load average ${loadAverage()} at end`);
  console.log('');

  const byKey = new Map(lanes.map((l) => [l.key, l]));
  const columnKeys: LaneKey[] = ['lean', 'raw', 'ours', 'ours-older-file', 'emmett', 'emmett-defaults'];
  const columns = ['lean', 'raw', 'ours', 'ours, older file†', 'emmett', 'emmett defaults*'];
  const metrics: { label: string; rates: (l: Lane) => number[] }[] = [
    { label: 'single appends/s', rates: (l) => l.singleRates },
    { label: `batch-of-${config.batchSize} events/s`, rates: (l) => l.batchEventRates },
    { label: 'full-log read events/s', rates: (l) => l.readEventRates },
  ];
  const cell = (key: LaneKey, f: (l: Lane) => string): string => {
    const lane = byKey.get(key);
    return lane ? f(lane) : 'n/a';
  };
  printTable(
    'median of rounds',
    columns,
    metrics.map((m) => ({ label: m.label, cells: columnKeys.map((k) => cell(k, (l) => fmtRate(median(m.rates(l))))) })),
  );
  console.log('');
  printTable(
    'spread, min..max',
    columns,
    metrics.map((m) => ({
      label: m.label,
      cells: columnKeys.map((k) =>
        cell(k, (l) => `${fmtRate(Math.min(...m.rates(l)))}..${fmtRate(Math.max(...m.rates(l)))}`),
      ),
    })),
  );
  console.log('');
  if (emmettSetup) console.log(`  emmett: one shared connection handed to its pool, ${describeEmmett(emmettSetup)}`);
  const emmettDefaults = byKey.get('emmett-defaults');
  if (emmettDefaultsSetup && emmettDefaults) {
    console.log(
      `  *emmett defaults: getSQLiteEventStore({ fileName }) alone: a connection per call, ${describeEmmett(emmettDefaultsSetup)}; ` +
        `${config.emmettDefaultsScale}x the counts (${emmettDefaults.sizes.singles} singles, ${emmettDefaults.sizes.batches} batches)`,
    );
  }
  if (byKey.has('ours-older-file')) {
    console.log('  †ours on a file made before given ids were kept apart (a unique index on every event id), used as it is');
  }
  if (!byKey.has('ours')) console.log('  ours: n/a: left out by BENCH_ONLY');
  console.log('');

  // Paired by round: within a round the contenders ran back to back, so outside load mostly cancels out.
  const ours = byKey.get('ours');
  const pairedRatio = (a: number[], b: number[]): number | undefined => median(a.map((x, i) => x / b[i]));
  const comparisons: { key: LaneKey; head: string; ok: (ratio: number) => boolean; target: string }[] = [
    { key: 'lean', head: 'ours/lean', ok: (r) => r >= TARGET_VS_LIMIT, target: `>= ${TARGET_VS_LIMIT}x lean` },
    { key: 'raw', head: 'ours/raw', ok: (r) => r >= TARGET_VS_LIMIT, target: `>= ${TARGET_VS_LIMIT}x raw` },
    { key: 'emmett', head: 'ours/emmett', ok: (r) => r > 1, target: '> emmett' },
  ];
  const ratioTitle = 'ratios, median of rounds';
  const labelWidth = Math.max(ratioTitle.length, ...metrics.map((m) => m.label.length));
  console.log(
    `${ratioTitle.padEnd(labelWidth)} | ${comparisons.map((c) => c.head).join(' | ')} | target: ${comparisons.map((c) => c.target).join(', ')}`,
  );
  let allMet = ours !== undefined && comparisons.every((c) => byKey.has(c.key));
  for (const m of metrics) {
    const cells: string[] = [];
    const verdicts: string[] = [];
    for (const c of comparisons) {
      const other = byKey.get(c.key);
      const ratio = ours && other ? pairedRatio(m.rates(ours), m.rates(other)) : undefined;
      cells.push(fmtRatio(ratio).padStart(c.head.length));
      if (ratio === undefined) continue;
      const met = c.ok(ratio);
      allMet &&= met;
      verdicts.push(`${met ? 'met' : 'MISSED'} vs ${c.key}`);
    }
    console.log(`${m.label.padEnd(labelWidth)} | ${cells.join(' | ')} | ${verdicts.join(', ') || 'n/a'}`);
  }
  const older = byKey.get('ours-older-file');
  const lean = byKey.get('lean');
  if (older && lean) {
    const ratios = metrics.map((m) => `${m.label} ${fmtRatio(pairedRatio(m.rates(older), m.rates(lean)))}`);
    console.log(`ours on an older file / lean (no target): ${ratios.join(', ')}`);
  }
  console.log(`targets: ${allMet ? 'ALL MET' : 'NOT ALL MET'}`);
  console.log('');

  // The figures mean something only if everyone did the same work and kept all of it. What the peer fails
  // to do is a finding about the peer (reported, left out of its figures); anything else is a broken run.
  const problems: string[] = [];
  const peerNotes: string[] = [];
  for (const lane of lanes) {
    const name = lane.contender.name;
    const isPeer = lane.key === 'emmett' || lane.key === 'emmett-defaults';
    if (lane.rows !== lane.confirmedEvents) problems.push(`${name}: ${lane.rows} rows in the log, ${lane.confirmedEvents} confirmed`);
    if (lane.readEventsPerPass.some((n) => n !== lane.rows)) {
      problems.push(`${name}: full reads gave ${lane.readEventsPerPass.join('/')} events, ${lane.rows} rows in the log`);
    }
    if (lane.unconfirmedSingles + lane.unconfirmedBatches > 0) {
      const why = [...(lane.contender.failures?.() ?? [])].map(([message, n]) => `${n}x "${message}"`).join(', ');
      (isPeer ? peerNotes : problems).push(
        `${name}: did not confirm ${lane.unconfirmedSingles} single and ${lane.unconfirmedBatches} batch appends ` +
          `(left out of its figures)${why ? `; errors: ${why}` : '; refused as conflicts'}`,
      );
    }
    if (lane.mutedLogLines > 0) {
      (isPeer ? peerNotes : problems).push(`${name}: wrote ${lane.mutedLogLines} console.log line(s) while measured (muted)`);
    }
  }
  const complete = lanes.filter((l) => l.key !== 'emmett-defaults' && l.unconfirmedSingles + l.unconfirmedBatches === 0);
  if (new Set(complete.map((l) => `${l.confirmedEvents}/${l.checksum}`)).size > 1) {
    problems.push(`logs differ: ${complete.map((l) => `${l.key} ${l.confirmedEvents} events, checksum ${l.checksum}`).join('; ')}`);
  }
  for (const note of peerNotes) console.log(`peer: ${note}`);
  console.log(
    problems.length === 0
      ? `checks: passed (each log holds exactly the events confirmed, and every full read returned all of them; ` +
          `${complete.map((l) => l.key).join(', ')}: the same ${complete[0]?.confirmedEvents ?? 0} events, same parsed data)`
      : `checks: PROBLEMS\n  ${problems.join('\n  ')}`,
  );

  if (problems.length > 0) process.exitCode = 1;
}

async function main(): Promise<void> {
  const config = readConfig();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-bench-'));
  try {
    await run(config, dir);
  } finally {
    if (!config.keepFiles) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
