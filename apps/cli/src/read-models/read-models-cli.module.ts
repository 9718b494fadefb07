import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { Module } from '@nestjs/common';

/** The store alone: the rebuild folds the log itself, without the API's projection runner. */
@Module({ imports: [ConfigModule, EventStoreModule.forRoot({ useFactory: (config: AppConfig) => config, inject: [APP_CONFIG] })] })
export class ReadModelsCliModule {}
