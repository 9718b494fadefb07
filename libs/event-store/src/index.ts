export * from './event-store.port';
export * from './event-store.factory';
export * from './event-store.module';
export * from './sqlite/sqlite-event-store';
export * from './eventstoredb/eventstoredb-event-store';
export * from './in-memory/in-memory-event-store';
