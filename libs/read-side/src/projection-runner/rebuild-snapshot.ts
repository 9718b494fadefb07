import { EventStore } from '@app/event-store';
import { Projection } from './projection';
import { saveSnapshot } from './read-model-snapshot';
import { ReadModels } from './read-models';

export interface RebuiltSnapshot {
  /** Position of the last event folded in; 0 for an empty log, where no snapshot is written. */
  position: number;
  events: number;
  written: boolean;
}

/**
 * Folds the whole log into fresh read models and writes their snapshot to `file`, in place of what is there.
 * Nothing is taken from the old snapshot: this is the way out when it is doubted.
 */
export const rebuildReadModelSnapshot = async (store: EventStore, projections: readonly Projection<unknown>[], file: string): Promise<RebuiltSnapshot> => {
  const readModels = new ReadModels(projections);
  await readModels.catchUp(store, await store.headPosition());
  const snapshot = readModels.frozen();
  if (snapshot) await saveSnapshot(file, snapshot);
  return { position: readModels.position, events: readModels.folded, written: snapshot !== undefined };
};
