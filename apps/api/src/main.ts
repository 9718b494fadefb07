import 'reflect-metadata';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from './api.module';
import { configureApi } from './configure-api';

const bootstrap = async (): Promise<void> => {
  const app = configureApi(await NestFactory.create(ApiModule));
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port);
  Logger.log(`API on http://localhost:${config.port} (OpenAPI at /api/docs), events in ${config.eventStoreConnectionString ? 'EventStoreDB' : `${config.dataDir}/events.db`}`, 'Main');
};

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
