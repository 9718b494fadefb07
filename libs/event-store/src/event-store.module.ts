import { APP_CONFIG, AppConfig } from '@app/config';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { createEventStore } from './event-store.factory';
import { EVENT_STORE, EventStore } from './event-store.port';

/** One store per process, chosen by the configuration: EventStoreDB where a connection string is set, else SQLite. */
@Global()
@Module({
  providers: [{ provide: EVENT_STORE, useFactory: (config: AppConfig): EventStore => createEventStore(config), inject: [APP_CONFIG] }],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
