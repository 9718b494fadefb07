import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { MinutesImportsModule } from '@app/workflows';
import { Module } from '@nestjs/common';

@Module({ imports: [ConfigModule, EventStoreModule.forRoot({ useFactory: (config: AppConfig) => config, inject: [APP_CONFIG] }), MinutesImportsModule] })
export class ImportCliModule {}
