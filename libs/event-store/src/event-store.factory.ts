import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreFactoryConfig {
  dataDir: string;
  /** Set: EventStoreDB/KurrentDB. Unset: the embedded SQLite file `<dataDir>/events.db`. */
  eventStoreConnectionString?: string;
}

export function createEventStore(config: EventStoreFactoryConfig): EventStore {
  if (config.eventStoreConnectionString) {
    return new EventStoreDbEventStore({ connectionString: config.eventStoreConnectionString });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({ file: join(config.dataDir, 'events.db') });
}
