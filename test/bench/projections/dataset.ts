/**
 * The generated log, cached as a SQLite file under .bench/ (gitignored) with a manifest beside it. The
 * file name carries the generator version, the seed and the size, so a changed generator or size never
 * reuses a stale file; the manifest is written last, so a file whose generation was interrupted is not
 * reused either.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { SqliteEventStore, type AppendResult, type NewEvent } from '@app/event-store';
import { GENERATOR_VERSION, Simulation, type EventSink } from './generator';
import { Tally, type TallySummary } from './tally';

export interface Manifest {
  generatorVersion: number;
  seed: number;
  events: number;
  casesPerMeeting: number;
  /** Full simulations run (without writing) to find the agenda size that gives just over `events`. */
  calibrationPasses: number;
  /** Events the full simulation would have written; the log is cut at `events`, so its last days are missing. */
  simulatedEvents: number;
  appendMode: string;
  generationSeconds: number;
  generatorPeakRssMb: number;
  fileBytes: number;
  summary: TallySummary;
}

export interface DatasetPaths {
  file: string;
  manifest: string;
}

export const datasetPaths = (dir: string, events: number, seed: number): DatasetPaths => {
  const base = path.join(dir, `projections-g${GENERATOR_VERSION}-s${seed}-n${events}`);
  return { file: `${base}.sqlite`, manifest: `${base}.json` };
};

export const readManifest = (paths: DatasetPaths): Manifest | undefined => {
  if (!fs.existsSync(paths.file) || !fs.existsSync(paths.manifest)) return undefined;
  const manifest = JSON.parse(fs.readFileSync(paths.manifest, 'utf8')) as Manifest;
  return manifest.generatorVersion === GENERATOR_VERSION ? manifest : undefined;
};

/** Counts what a simulation would write, without writing it. */
class CountingSink implements EventSink {
  count = 0;
  readonly full = false;
  write(_streamId: string, events: NewEvent[]): void {
    this.count += events.length;
  }
}

/** Meeting events hardly grow with the agenda size; everything else grows in proportion to it. */
const FIXED_EVENTS = 900;
/** Events per unit of `casesPerMeeting`, measured on this generator; only the first guess depends on it. */
const EVENTS_PER_UNIT = 2_510;
/** Aim a little above the size and accept up to `TOLERANCE` above it: the cut then takes a day or two off the end. */
const AIM = 1.0002;
const TOLERANCE = 0.0006;
const MAX_PASSES = 6;

/**
 * Finds an agenda size whose full simulation gives at least `events`, and only just more. The count grows
 * smoothly with the agenda size (see the generator's random streams), so the secant rule settles it in two
 * or three passes; the last passes accept a wider margin rather than loop on a small log's coarser steps.
 */
const calibrate = (events: number, seed: number, log: (line: string) => void): { casesPerMeeting: number; simulated: number; passes: number } => {
  let casesPerMeeting = Math.max(0.05, (events * AIM - FIXED_EVENTS) / EVENTS_PER_UNIT);
  let previous: { casesPerMeeting: number; count: number } | undefined;
  let best: { casesPerMeeting: number; simulated: number } | undefined;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const sink = new CountingSink();
    const t0 = performance.now();
    new Simulation({ seed, casesPerMeeting }, sink).run();
    log(`calibration pass ${pass}: ${casesPerMeeting.toFixed(4)} cases per meeting -> ${sink.count.toLocaleString('en-US')} events (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    if (sink.count >= events && (!best || sink.count < best.simulated)) best = { casesPerMeeting, simulated: sink.count };
    const tolerance = pass >= MAX_PASSES - 2 ? TOLERANCE * 10 : TOLERANCE;
    if (best && best.simulated <= events * (1 + tolerance) + 20) return { ...best, passes: pass };
    const slope =
      previous && previous.casesPerMeeting !== casesPerMeeting && previous.count !== sink.count
        ? (sink.count - previous.count) / (casesPerMeeting - previous.casesPerMeeting)
        : Math.max(1, (sink.count - FIXED_EVENTS) / casesPerMeeting);
    previous = { casesPerMeeting, count: sink.count };
    casesPerMeeting = Math.max(0.05, casesPerMeeting + (events * AIM - sink.count) / Math.max(1, slope));
  }
  if (best) return { ...best, passes: MAX_PASSES };
  throw new Error(`No agenda size gave ${events} events in ${MAX_PASSES} passes`);
};

/**
 * Reaches into the adapter for its connection, to group many appends into one transaction: appended one
 * commit each, a million events took some three minutes here (about 6,000 commits/s), grouped they take
 * well under one. Each append still runs the adapter's own code (its revision check, its INSERT) as a
 * savepoint inside the group, so the file is exactly what the adapter writes.
 */
const connectionOf = (store: SqliteEventStore): Database.Database | undefined => {
  const db = (store as unknown as { db?: Database.Database }).db;
  return db && typeof db.transaction === 'function' ? db : undefined;
};

const GROUP = 50_000;
/**
 * Page cache for the generating connection only (the default is 2 MB). Case and follow-up streams have
 * random UUIDs, so UNIQUE(stream_id, revision) takes each insert at a random leaf; with the index in cache,
 * a group writes each touched page once instead of reading it back from the OS for every insert.
 */
const GENERATION_CACHE_KIB = 256 * 1024;

/** Writes the log through `SqliteEventStore.append`, stream batch by stream batch, checking each result. */
class StoreSink implements EventSink {
  count = 0;
  readonly tally = new Tally();
  private pending: Promise<void>[] = [];

  constructor(
    private readonly store: SqliteEventStore,
    private readonly limit: number,
  ) {}

  get full(): boolean {
    return this.count >= this.limit;
  }

  write(streamId: string, events: NewEvent[], expectedRevision: number): void {
    const batch = events.slice(0, this.limit - this.count);
    if (batch.length === 0) return;
    this.count += batch.length;
    batch.forEach((event, i) => this.tally.add(streamId, expectedRevision + 1 + i, event.type, event.data));
    const expected = expectedRevision === -1 ? 'no_stream' : expectedRevision;
    this.pending.push(
      this.store.append(streamId, batch, { expectedRevision: expected }).then((result: AppendResult) => {
        if (result.nextRevision !== expectedRevision + batch.length) {
          throw new Error(`${streamId} went to revision ${result.nextRevision}, expected ${expectedRevision + batch.length}`);
        }
      }),
    );
  }

  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
  }
}

const removeDatabase = (file: string): void => {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
};

export const generateDataset = async (paths: DatasetPaths, events: number, seed: number, today: string, log: (line: string) => void): Promise<Manifest> => {
  const t0 = performance.now();
  fs.mkdirSync(path.dirname(paths.file), { recursive: true });
  fs.rmSync(paths.manifest, { force: true });
  const { casesPerMeeting, simulated, passes } = calibrate(events, seed, log);

  const partial = `${paths.file}.partial`;
  removeDatabase(partial);
  const store = new SqliteEventStore({ file: partial });
  const sink = new StoreSink(store, events);
  const simulation = new Simulation({ seed, casesPerMeeting }, sink);
  const db = connectionOf(store);
  const t1 = performance.now();
  if (db) {
    db.pragma(`cache_size = -${GENERATION_CACHE_KIB}`);
    let mark = GROUP;
    let done = false;
    const group = db.transaction(() => {
      done = simulation.runUntil(() => sink.count >= mark);
    });
    while (!done && !sink.full) {
      group();
      await sink.settle();
      mark += GROUP;
      if (sink.count % 250_000 < GROUP) log(`written ${sink.count.toLocaleString('en-US')} events`);
    }
  } else {
    // The adapter changed shape: fall back to one commit per append, slow but still its own path.
    let done = false;
    while (!done && !sink.full) {
      done = simulation.runUntil(() => true);
      await sink.settle();
    }
  }
  await sink.settle();
  const head = await store.headPosition();
  await store.close();
  log(`wrote ${sink.count.toLocaleString('en-US')} events in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  if (sink.count !== events || head !== events) throw new Error(`Generated ${sink.count} events, the log's head is at ${head}; wanted ${events}`);

  removeDatabase(paths.file);
  fs.renameSync(partial, paths.file);
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(`${partial}${suffix}`)) fs.renameSync(`${partial}${suffix}`, `${paths.file}${suffix}`);
  const manifest: Manifest = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    events,
    casesPerMeeting,
    calibrationPasses: passes,
    simulatedEvents: simulated,
    appendMode: db
      ? `SqliteEventStore.append per stream batch, ${GROUP.toLocaleString('en-US')} events per outer transaction`
      : 'SqliteEventStore.append per stream batch, one commit each',
    generationSeconds: (performance.now() - t0) / 1000,
    generatorPeakRssMb: process.resourceUsage().maxRSS / 1024,
    fileBytes: fs.statSync(paths.file).size,
    summary: sink.tally.summary(today),
  };
  fs.writeFileSync(`${paths.manifest}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(`${paths.manifest}.partial`, paths.manifest);
  return manifest;
};
