/** Writers outside the test's own thread, for the contract suite: worker threads and child processes. */
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStoreFactoryConfig } from '../event-store.factory';
import { EventStore, WrongExpectedVersionError } from '../event-store.port';

/** What each racing thread is handed. */
export interface RaceWriterData {
  config: EventStoreFactoryConfig;
  /** Int32Array over it: [0] is the number of rounds released. */
  barrier: SharedArrayBuffer;
  streamId: string;
  /** `eventIds[round][writer]`, for this thread's writers. */
  eventIds: string[][];
}

/** The TypeScript sources run as they are, compiled on load, as under jest. */
const TYPESCRIPT_EXEC_ARGV = ['-r', '@swc-node/register'];

export type RaceOutcome = { eventId: string; expectedRevision: number } & (
  | { outcome: 'appended'; nextRevision: number }
  | { outcome: 'refused'; actual: number }
  | { outcome: 'failed'; message: string }
);

/** One racing writer's attempt: one event, with the id that tells the writers apart. */
export async function raceAppend(
  store: EventStore,
  streamId: string,
  expectedRevision: number,
  eventId: string,
): Promise<RaceOutcome> {
  try {
    const result = await store.append(streamId, [{ id: eventId, type: 'RaceWon', data: { eventId } }], { expectedRevision });
    return { eventId, expectedRevision, outcome: 'appended', nextRevision: result.nextRevision };
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) {
      return { eventId, expectedRevision, outcome: 'refused', actual: error.actual };
    }
    return { eventId, expectedRevision, outcome: 'failed', message: String(error) };
  }
}

export interface RaceRequest {
  config: EventStoreFactoryConfig;
  /** A stream whose last revision is 0. */
  streamId: string;
  /** `eventIds[round][writer]`: in round r every writer appends one event expecting revision r. */
  eventIds: string[][];
}

/**
 * Spreads the writers over `threads` worker threads, each writer with a store instance of its own. In each
 * round all wait at a barrier until every thread is ready, then append at once. Threads, not one per
 * writer: each thread loads the TypeScript compiler (through @swc-node/register), some 60 MB and half a
 * second of CPU.
 */
export async function raceAppendsInWorkerThreads(request: RaceRequest, threads: number): Promise<RaceOutcome[]> {
  // gate[0] holds the number of rounds released so far.
  const barrier = new SharedArrayBuffer(4);
  const gate = new Int32Array(barrier);
  const shares = Array.from({ length: threads }, (_, thread) =>
    request.eventIds.map((round) => round.filter((_, writer) => writer % threads === thread)),
  ).filter((share) => share[0].length > 0);
  let ready = 0;
  const workers: Worker[] = [];
  const outcomes = shares.map(
    (eventIds) =>
      new Promise<RaceOutcome[]>((resolve, reject) => {
        const workerData: RaceWriterData = { config: request.config, streamId: request.streamId, barrier, eventIds };
        const worker = new Worker(join(__dirname, 'race-writer.worker.ts'), { workerData, execArgv: TYPESCRIPT_EXEC_ARGV });
        workers.push(worker);
        worker.on('message', (message: 'ready' | RaceOutcome[]) => {
          if (message !== 'ready') return resolve(message);
          ready += 1;
          if (ready % shares.length === 0) {
            Atomics.store(gate, 0, ready / shares.length);
            Atomics.notify(gate, 0);
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`a race writer thread exited (${code}) without outcomes`)));
      }),
  );
  try {
    return (await Promise.all(outcomes)).flat();
  } catch (error) {
    // The others would wait at the barrier for ever, and keep the test process alive.
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
}

export interface BatchWriterOptions {
  config: EventStoreFactoryConfig;
  streamPrefix: string;
  streams: number;
  batchSize: number;
  /** Number of the first batch; the ones after it count up from there. */
  firstBatch: number;
  batches: number;
}

export interface BatchWriter {
  /** How many batches the child has reported as confirmed by the store. */
  readonly confirmed: number;
  /** Resolves once the child has reported at least `count` confirmed batches. */
  confirmedAtLeast(count: number): Promise<void>;
  /** Resolves with the exit code, or the signal that ended the child. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  kill(signal: NodeJS.Signals): void;
}

export function startBatchWriter(options: BatchWriterOptions): BatchWriter {
  const child: ChildProcess = fork(join(__dirname, 'batch-writer.child.ts'), [JSON.stringify(options)], {
    execArgv: TYPESCRIPT_EXEC_ARGV,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let confirmed = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  // The child sends nothing but confirmations.
  child.on('message', () => {
    confirmed += 1;
    for (const waiter of waiters.filter((w) => w.count <= confirmed)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  return {
    get confirmed() {
      return confirmed;
    },
    confirmedAtLeast: (count) =>
      Promise.race([
        new Promise<void>((resolve) => (confirmed >= count ? resolve() : waiters.push({ count, resolve }))),
        exited.then((end) => {
          if (confirmed < count) throw new Error(`batch writer ended (${String(end)}) after ${confirmed} batches`);
        }),
      ]),
    exited,
    kill: (signal) => child.kill(signal),
  };
}
