import { APP_CONFIG, AppConfig, ConfigModule, loggingModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { ProcessManagersModule, RemindersModule } from '@app/workflows';
import { Module } from '@nestjs/common';

@Module({
  imports: [ConfigModule, loggingModule(), EventStoreModule.forRoot({ useFactory: (config: AppConfig) => config, inject: [APP_CONFIG] }), ProcessManagersModule, RemindersModule],
})
export class WorkerModule {}
