import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointStore, EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreFactoryConfig {
  dataDir: string;
  /** Set: EventStoreDB/KurrentDB. Unset: the embedded SQLite file `<dataDir>/events.db`. */
  eventStoreConnectionString?: string;
}

/** Every adapter keeps consumers' checkpoints too, beside its log. */
export function createEventStore(config: EventStoreFactoryConfig): EventStore & CheckpointStore {
  if (config.eventStoreConnectionString) {
    // Loaded only here: the EventStoreDB client (gRPC) is among the slowest packages to load, and most starts use SQLite.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDbEventStore } = require('./eventstoredb/eventstoredb-event-store') as typeof import('./eventstoredb/eventstoredb-event-store');
    return new EventStoreDbEventStore({ connectionString: config.eventStoreConnectionString });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({ file: join(config.dataDir, 'events.db') });
}
