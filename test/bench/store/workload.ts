/**
 * What every contender is asked to do, and how it is timed. Kept apart from the contenders so that the
 * three of them cannot drift into doing different work.
 */
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export type Synchronous = 'NORMAL' | 'FULL';

export interface BenchConfig {
  synchronous: Synchronous;
  streams: number;
  warmupSingles: number;
  warmupBatches: number;
  singles: number;
  batches: number;
  batchSize: number;
  reads: number;
  pageSize: number;
  rounds: number;
  /** Emmett with its own defaults fsyncs every commit and reopens the file per call: it gets a share of the counts. */
  emmettDefaultsScale: number;
  keepFiles: boolean;
}

function intFromEnv(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

export function readConfig(): BenchConfig {
  const synchronous = (process.env.BENCH_SYNCHRONOUS ?? 'NORMAL').toUpperCase();
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') throw new Error(`BENCH_SYNCHRONOUS must be NORMAL or FULL`);
  const scale = Number(process.env.BENCH_EMMETT_DEFAULTS_SCALE ?? '0.1');
  if (!(scale >= 0 && scale <= 1)) throw new Error('BENCH_EMMETT_DEFAULTS_SCALE must be within 0..1 (0 skips that run)');
  return {
    synchronous,
    streams: intFromEnv('BENCH_STREAMS', 500, 1),
    warmupSingles: intFromEnv('BENCH_WARMUP_SINGLES', 2_000),
    warmupBatches: intFromEnv('BENCH_WARMUP_BATCHES', 200),
    singles: intFromEnv('BENCH_SINGLES', 20_000, 1),
    batches: intFromEnv('BENCH_BATCHES', 2_000, 1),
    batchSize: intFromEnv('BENCH_BATCH_SIZE', 10, 1),
    reads: intFromEnv('BENCH_READS', 10, 1),
    rounds: intFromEnv('BENCH_ROUNDS', 20, 1),
    pageSize: intFromEnv('BENCH_PAGE_SIZE', 1_000, 1),
    emmettDefaultsScale: scale,
    keepFiles: process.env.BENCH_KEEP_FILES === '1',
  };
}

// Type aliases, not interfaces: Emmett's Event wants records, and only aliases get an implicit index signature.
export type BenchEventData = {
  caseId: string;
  seq: number;
  decision: string;
  responsible: string;
  dueDate: string;
};

export type BenchEvent = {
  type: string;
  data: BenchEventData;
  metadata: { correlationId: string; userId: string };
};

// Roughly the size of a real "decision noted" event (a sentence or two of minutes text), so JSON costs are
// neither negligible nor dominant.
const DECISION_TEXT =
  'Forummet besluttede at sekretariatet udarbejder et oplæg om fælles indkøb af hjælpemidler til næste møde, ' +
  'herunder en plan for høring af kommunerne og en tidsplan for implementering.';

export function makeEvent(streamId: string, seq: number): BenchEvent {
  return {
    type: 'DecisionNoted',
    data: { caseId: streamId, seq, decision: DECISION_TEXT, responsible: 'sekretariatet', dueDate: '2025-11-14' },
    metadata: { correlationId: `bench-${seq}`, userId: 'bench-user' },
  };
}

/**
 * One store under test. `expected` is the exact revision of the stream's last event (-1: the stream must
 * not exist yet). `append` returns the new last revision, or null where the store refused the append
 * (only the peer may do that; ours and the raw loop throw, since a refusal there is a bug in the bench).
 */
export interface Contender {
  readonly name: string;
  append(streamId: string, events: BenchEvent[], expected: number): number | null | Promise<number | null>;
  /** Reads the whole log in pages by position, parsing the JSON; `checksum` proves the data was parsed. */
  readAll(pageSize: number): ReadOutcome | Promise<ReadOutcome>;
  /** Rows in the log as the file has them, to check the counts after the run. */
  countRows(): number | Promise<number>;
  close(): Promise<void>;
  /** Appends that failed with an error other than a conflict, by message; only the peer reports any. */
  failures?(): Map<string, number>;
}

export interface ReadOutcome {
  events: number;
  checksum: number;
}

export interface AppendOutcome {
  ms: number;
  confirmedOps: number;
  confirmedEvents: number;
  refusedOps: number;
}

/** Per contender: the revision it last confirmed for each stream, as a command handler would know it. */
export class StreamSet {
  readonly ids: string[];
  readonly revisions: Int32Array;

  constructor(prefix: string, count: number) {
    this.ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(6, '0')}`);
    this.revisions = new Int32Array(count).fill(-1);
  }
}

/**
 * Drives `ops` appends of `batchSize` events, round-robin over the streams from the `opStart`-th one.
 * Sequence numbers run on from `seqStart` so every contender writes the same payloads in the same order.
 */
export async function runAppends(
  contender: Contender,
  streams: StreamSet,
  ops: number,
  batchSize: number,
  seqStart: number,
  opStart = 0,
): Promise<AppendOutcome> {
  let seq = seqStart;
  let confirmedOps = 0;
  let refusedOps = 0;
  const n = streams.ids.length;
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) {
    const s = (opStart + i) % n;
    const streamId = streams.ids[s];
    const events: BenchEvent[] = new Array<BenchEvent>(batchSize);
    for (let k = 0; k < batchSize; k++) events[k] = makeEvent(streamId, seq++);
    const pending = contender.append(streamId, events, streams.revisions[s]);
    // The raw loop is synchronous; awaiting it would charge it a microtask per call that it does not need.
    const next = pending instanceof Promise ? await pending : pending;
    if (next === null) {
      refusedOps++;
      continue;
    }
    if (next !== streams.revisions[s] + batchSize) {
      throw new Error(`${contender.name}: ${streamId} went to revision ${next}, expected ${streams.revisions[s] + batchSize}`);
    }
    streams.revisions[s] = next;
    confirmedOps++;
  }
  const ms = performance.now() - t0;
  return { ms, confirmedOps, confirmedEvents: confirmedOps * batchSize, refusedOps };
}

export interface ReadsOutcome {
  ms: number;
  events: number;
  checksum: number;
}

export async function runReads(contender: Contender, times: number, pageSize: number): Promise<ReadsOutcome> {
  let events = 0;
  let checksum = 0;
  const t0 = performance.now();
  for (let i = 0; i < times; i++) {
    const pending = contender.readAll(pageSize);
    const outcome = pending instanceof Promise ? await pending : pending;
    events += outcome.events;
    checksum = outcome.checksum;
  }
  return { ms: performance.now() - t0, events, checksum };
}

/** Sum of the parsed `seq` fields: equal across contenders only if they all stored and parsed the same data. */
export function addToChecksum(checksum: number, data: unknown): number {
  return checksum + (data as BenchEventData).seq;
}

let gcFn: (() => void) | undefined;

/**
 * Collects garbage between phases so one contender's leftovers are not collected on the next one's clock.
 * The npm script gives node no --expose-gc, hence the flag at run time.
 */
export function collectGarbage(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
}
