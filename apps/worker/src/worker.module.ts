import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { ProcessManagersModule, RemindersModule } from '@app/workflows';
import { Module } from '@nestjs/common';

@Module({
  imports: [ConfigModule, EventStoreModule.forRoot({ useFactory: (config: AppConfig) => config, inject: [APP_CONFIG] }), ProcessManagersModule, RemindersModule],
})
export class WorkerModule {}
