import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { MinutesImportModule } from '@app/minutes-import';
import { Module } from '@nestjs/common';

@Module({ imports: [ConfigModule, EventStoreModule.forRoot({ useFactory: (config: AppConfig) => config, inject: [APP_CONFIG] }), MinutesImportModule] })
export class ImportCliModule {}
