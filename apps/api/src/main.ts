// eslint-disable-next-line no-restricted-imports -- the library's index loads every rule of the configuration, which the open port must not wait for
import { PROJECT_ROOT } from '@app/config/project-root';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { API_HOST, configuredPort, FrontDoor } from './front-door';

/**
 * The packages that take longest to load, in the order the application needs them. Loading is synchronous, so
 * the open port can only answer between two of them: each is loaded on a turn of the event loop of its own.
 */
const SLOWEST_PACKAGES = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/swagger',
  'class-validator',
  'fastify',
  '@nestjs/platform-fastify',
  'nestjs-pino',
  'bullmq',
  'ioredis',
  'handlebars',
  '@nestjs/cqrs',
  '@bull-board/api',
  '@bull-board/fastify',
];

/**
 * The port is opened first, with nothing but Node's own modules loaded, and answers 503 with Retry-After while
 * the application loads (start-api.ts, imported only then); a port that is taken ends the start at once.
 */
const main = async (): Promise<void> => {
  const port = configuredPort(process.env, PROJECT_ROOT);
  const door = port === undefined ? undefined : await FrontDoor.open(port, API_HOST);
  for (const name of SLOWEST_PACKAGES) {
    await nextTurn();
    await import(name);
  }
  await nextTurn();
  const { startApi } = await import('./start-api');
  await startApi(door);
};

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
