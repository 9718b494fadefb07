import { ConfigError, loadConfiguration } from '@app/config';
import { ProjectionRunner } from '@app/read-side';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliFailure, EXIT } from './exit-codes';

const readModelsOf = (app: INestApplicationContext): ProjectionRunner | undefined => {
  try {
    return app.get(ProjectionRunner, { strict: false });
  } catch {
    return undefined;
  }
};

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
    // The read models are folded in the background of a start; a command that reads them waits until they are whole.
    await readModelsOf(app)?.caughtUp();
    return await work(app);
  } finally {
    await app.close();
  }
};
