import 'reflect-metadata';
import { exitOnInvalidConfiguration } from '@app/config';
import { Logger } from '@nestjs/common';
import { Logger as PinoLogger } from 'nestjs-pino';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

const bootstrap = async (): Promise<void> => {
  exitOnInvalidConfiguration();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  Logger.log('Worker started: process managers follow the event log', 'Main');
};

bootstrap().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
