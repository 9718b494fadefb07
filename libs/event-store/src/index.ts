export * from './event-store.port';
export * from './event-store.factory';
export * from './event-store.module';
export * from './sqlite/sqlite-event-store';
// The adapter itself is loaded by the factory where a connection string is set: its client takes long to load,
// and a start on the embedded store never needs it.
export type { EventStoreDbClient, EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store';
export * from './in-memory/in-memory-event-store';
