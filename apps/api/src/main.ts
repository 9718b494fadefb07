import 'reflect-metadata';
import { APP_CONFIG, AppConfig, exitOnInvalidConfiguration } from '@app/config';
import { ProjectionRunner } from '@app/read-side';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule } from './api.module';
import { configureApi, httpAdapter } from './configure-api';

const bootstrap = async (): Promise<void> => {
  exitOnInvalidConfiguration();
  const app = configureApi(await NestFactory.create<NestFastifyApplication>(ApiModule, httpAdapter(), { bufferLogs: true }));
  const config = app.get<AppConfig>(APP_CONFIG);
  // Every interface, as in a container; Fastify alone would listen on localhost only.
  await app.listen(config.port, '0.0.0.0');
  Logger.log(`API on http://localhost:${config.port} (OpenAPI at /api/docs), events in ${config.eventStoreConnectionString ? 'EventStoreDB' : `${config.dataDir}/events.db`}`, 'Main');
  // The read models catch up after the port is open, answering 503 meanwhile; a start that cannot catch up
  // fails as a start always did, so a supervisor sees it.
  await app.get(ProjectionRunner).whenReady();
};

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
