/**
 * Racing writers of the contract suite, run in a worker thread. Each writer has a store instance (its own
 * SQLite connection) of its own; within a round the appends of one thread run one after the other, those of
 * different threads overlap.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEventStore } from '../event-store.factory';
import { raceAppend, type RaceOutcome, type RaceWriterData } from './out-of-process';

const run = async (data: RaceWriterData): Promise<RaceOutcome[]> => {
  const gate = new Int32Array(data.barrier);
  const stores = data.eventIds[0].map(() => createEventStore(data.config));
  const outcomes: RaceOutcome[] = [];
  try {
    // Open and touch the log first, so the race is between appends and not between start-ups.
    await Promise.all(stores.map((store) => store.headPosition()));
    for (const [round, eventIds] of data.eventIds.entries()) {
      parentPort?.postMessage('ready');
      Atomics.wait(gate, 0, round);
      outcomes.push(
        ...(await Promise.all(stores.map((store, writer) => raceAppend(store, data.streamId, round, eventIds[writer])))),
      );
    }
    return outcomes;
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
};

run(workerData as RaceWriterData).then(
  (outcomes) => parentPort?.postMessage(outcomes),
  (error: unknown) => {
    const failed: RaceOutcome = { eventId: '', expectedRevision: -1, outcome: 'failed', message: String(error) };
    parentPort?.postMessage([failed]);
  },
);
