import { ConfigError, loadConfiguration } from '@app/config';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliFailure, EXIT } from './exit-codes';

/**
 * Runs `work` in an application context of `module`, made only once a command has been chosen and its
 * arguments are read: --help and usage errors need no configuration, no store and no read models.
 */
export const withApplication = async <Result>(module: Type<unknown>, work: (app: INestApplicationContext) => Promise<Result>): Promise<Result> => {
  try {
    loadConfiguration();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliFailure(error.message, EXIT.configuration);
    throw error;
  }
  const app = await NestFactory.createApplicationContext(module, { logger: ['error', 'warn'] });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
};
