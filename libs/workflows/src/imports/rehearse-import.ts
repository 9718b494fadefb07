import { Clock, CommandRunner, executeCommand } from '@app/commands';
import { Forum } from '@app/domain';
import { EventStore, InMemoryEventStore } from '@app/event-store';
import { ImportPlan } from '@app/minutes-import';
import { runSteps, streamsOf } from './import-steps';

/**
 * Runs the plan on an in-memory copy of every stream it touches, through the same command handlers as the
 * real run, and throws the refusal the real run would meet: so a step the rules refuse stops the import
 * before anything is appended.
 */
export const rehearseImport = async (store: EventStore, forums: readonly Forum[], clock: Clock, plan: ImportPlan, importId: string): Promise<void> => {
  const copy = new InMemoryEventStore();
  for (const streamId of new Set(plan.steps.flatMap(streamsOf))) {
    const events = await store.readStream(streamId);
    if (events.length > 0) await copy.append(streamId, events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })), { expectedRevision: 'no_stream' });
  }
  const runner = new CommandRunner(copy, clock);
  await runSteps((request) => executeCommand({ runner, forums }, request), plan, importId);
};
