import { Clock, CommandRunner, executeCommand } from '@app/commands';
import { Forum } from '@app/domain';
import { EventStore, InMemoryEventStore, RecordedEvent, StreamBatch } from '@app/event-store';
import { ImportPlan } from '@app/minutes-import';
import { runSteps, StepOutcome, streamsOf } from './import-steps';

/** What an import will append: every new event, in the order the steps made them, as batches per stream. */
export interface StagedImport {
  outcomes: StepOutcome[];
  batches: StreamBatch[];
}

/** Runs of consecutive events of one stream, each with the revision its stream must be at when it is appended. */
const batchesOf = (events: RecordedEvent[], revisions: Map<string, number>): StreamBatch[] => {
  const batches: StreamBatch[] = [];
  for (const { id, streamId, type, data, metadata } of events) {
    const last = batches[batches.length - 1];
    const revision = revisions.get(streamId) ?? -1;
    revisions.set(streamId, revision + 1);
    if (last?.streamId === streamId) last.events.push({ id, type, data, metadata });
    else batches.push({ streamId, events: [{ id, type, data, metadata }], expectedRevision: revision === -1 ? 'no_stream' : revision });
  }
  return batches;
};

/**
 * Runs the plan on an in-memory copy of every stream it touches, through the same command handlers as the
 * API, and gives back what it appended there. A step the rules refuse throws, so nothing is staged; the
 * caller appends the batches in one transaction, so the import is all or nothing, crashes included.
 */
export const stageImport = async (store: EventStore, forums: readonly Forum[], clock: Clock, plan: ImportPlan, importId: string): Promise<StagedImport> => {
  const copy = new InMemoryEventStore();
  const revisions = new Map<string, number>();
  for (const streamId of new Set(plan.steps.flatMap(streamsOf))) {
    const events = await store.readStream(streamId);
    if (events.length === 0) continue;
    await copy.append(streamId, events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })), { expectedRevision: 'no_stream' });
    revisions.set(streamId, events[events.length - 1].revision);
  }
  const copied = await copy.headPosition();
  const runner = new CommandRunner(copy, clock);
  const outcomes = await runSteps((request) => executeCommand({ runner, forums }, request), () => copy.headPosition(), plan, importId);
  const staged: RecordedEvent[] = [];
  for (let page = await copy.readAll({ after: copied }); page.length > 0; page = await copy.readAll({ after: page[page.length - 1].position })) staged.push(...page);
  return { outcomes, batches: batchesOf(staged, revisions) };
};
