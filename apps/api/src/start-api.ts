import 'reflect-metadata';
import { APP_CONFIG, AppConfig, exitOnInvalidConfiguration, loadConfiguration } from '@app/config';
import { ProjectionRunner } from '@app/read-side';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule } from './api.module';
import { configureApi, httpAdapter } from './configure-api';
import { API_HOST, FrontDoor } from './front-door';

/** Loads the application behind a door already open (or opens one, where the port could not be read before), and hands the door over to it. */
export const startApi = async (opened: FrontDoor | undefined): Promise<void> => {
  exitOnInvalidConfiguration();
  const door = opened ?? (await FrontDoor.open(loadConfiguration().port, API_HOST));
  const app = configureApi(await NestFactory.create<NestFastifyApplication>(ApiModule, httpAdapter({ serverFactory: door.serverFactory }), { bufferLogs: true }));
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  door.handOver();
  Logger.log(`API on http://localhost:${config.port} (OpenAPI at /api/docs), events in ${config.eventStoreConnectionString ? 'EventStoreDB' : `${config.dataDir}/events.db`}`, 'Main');
  // The read models catch up after the app answers, with 503 meanwhile; a start that cannot catch up fails
  // as a start always did, so a supervisor sees it.
  await app.get(ProjectionRunner).whenReady();
};
