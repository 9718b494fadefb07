import { tmpdir } from 'node:os';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from '@app/event-store/testing/event-store.contract';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

describeEventStoreContract('EventStoreDbEventStore', {
  racingWriters: 'promises',
  noTransactionAcrossStreams: 'EventStoreDB has no transaction across streams: appendAll appends the batches one after the other',
  eventIdsCheckedPerStreamOnly: 'EventStoreDB checks event ids within a stream only: the command runner takes an Idempotency-Key in a stream of its own there',
  killedWritersSettleWithinMs: 1_000,
  skipReason: connectionString
    ? undefined
    : 'EVENTSTORE_CONNECTION_STRING is not set. npm run test:eventstoredb starts KurrentDB in Docker and runs it; or start a server ' +
      '(insecure, single node) and run e.g. EVENTSTORE_CONNECTION_STRING="esdb://localhost:2113?tls=false" npx jest test/event-store',
  create: async () => {
    const options = { connectionString: connectionString ?? '' };
    const store = new EventStoreDbEventStore(options);
    return {
      store,
      // The server is the shared log; child processes and threads reach it through the factory as well.
      config: { dataDir: tmpdir(), eventStoreConnectionString: connectionString },
      openAnother: async () => new EventStoreDbEventStore(options),
      dispose: () => store.close(),
    };
  },
});
