import { loadForums } from '@app/config';
import { InMemoryEventStore } from '@app/event-store';
import { resolve } from 'node:path';
import { CommandRequest } from './command-request';
import { CommandRunner } from './command-runner';
import { executeCommand } from './execute-command';

/**
 * For the specs beside the handlers: every command as the API sends it, with the project's forums and a fixed
 * clock, on an in-memory store made anew for each test of the describe block it is called in.
 */
export const commandsInMemory = (): { store: () => InMemoryEventStore; execute: (request: CommandRequest) => ReturnType<typeof executeCommand> } => {
  const forums = loadForums(resolve(__dirname, '../../../../config/forums.json'));
  const clock = { now: () => '2025-07-01T09:00:00+02:00' };
  let store: InMemoryEventStore;
  let runner: CommandRunner;
  beforeEach(() => {
    store = new InMemoryEventStore();
    runner = new CommandRunner(store, clock);
  });
  afterEach(() => store.close());
  return { store: () => store, execute: (request) => executeCommand({ runner, forums }, request) };
};
