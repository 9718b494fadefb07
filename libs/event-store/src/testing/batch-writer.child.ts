/**
 * A writer in a child process for the contract suite: appends `batches` batches of `batchSize` events,
 * numbered from `firstBatch`, round robin over `streams` streams, and reports each batch once the store has
 * confirmed it. The suite kills it with SIGKILL in mid-run, or lets it finish to prove that another process
 * sees its events.
 */
import { createEventStore } from '../event-store.factory';
import type { BatchWriterOptions } from './out-of-process';

const run = async ({ config, streamPrefix, streams, batchSize, firstBatch, batches }: BatchWriterOptions): Promise<void> => {
  const store = createEventStore(config);
  // No pause between appends (an IPC message goes out at once while the pipe has room): the longer this
  // process spends inside appends, the likelier a SIGKILL lands in the middle of one.
  for (let batch = firstBatch; batch < firstBatch + batches; batch++) {
    const streamId = `${streamPrefix}${batch % streams}`;
    const events = Array.from({ length: batchSize }, (_, index) => ({
      type: 'BatchEventWritten',
      data: { batch, index },
    }));
    await store.append(streamId, events);
    process.send?.({ confirmed: batch });
  }
  await store.close();
};

run(JSON.parse(process.argv[2]) as BatchWriterOptions).then(
  () => process.disconnect?.(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
