import { DynamicModule, FactoryProvider, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, EventStoreFactoryConfig } from './event-store.factory';
import { CHECKPOINT_STORE, EVENT_STORE, EventStore } from './event-store.port';

export interface EventStoreModuleOptions {
  /** Where the store's settings come from, e.g. `(config: AppConfig) => config` with `inject: [APP_CONFIG]`. */
  useFactory: (...dependencies: never[]) => EventStoreFactoryConfig;
  inject?: FactoryProvider['inject'];
}

/**
 * One store per process, chosen by the settings the app hands in: EventStoreDB where a connection string is
 * set, else SQLite. The store knows no configuration of its own, so it depends on nothing of the product.
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot({ useFactory, inject = [] }: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: EVENT_STORE, useFactory: (...dependencies: never[]) => createEventStore(useFactory(...dependencies)), inject },
        { provide: CHECKPOINT_STORE, useExisting: EVENT_STORE },
      ],
      exports: [EVENT_STORE, CHECKPOINT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
