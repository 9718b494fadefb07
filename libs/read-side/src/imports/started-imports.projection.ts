import { MinutesImportStarted } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection-runner/projection';

/** An import whose commit recorded its plan and has not been recorded as imported: one cut short, or under way. */
export interface StartedImport {
  importId: string;
  /** The account that committed it. */
  startedBy?: string;
}

/** Imports started stream by stream and not yet finished, by import id: what the API finishes when it starts. */
export const startedImportsProjection: Projection<StartedImport> = {
  name: 'started-imports',
  version: 1,
  keyOf: (event) => (event.type === 'MinutesImportStarted' || event.type === 'MinutesImported' ? (event.data as { importId: string }).importId : undefined),
  evolve: (_started, recorded) => {
    if (recorded.type !== 'MinutesImportStarted') return undefined;
    const event = recorded as RecordedEvent & MinutesImportStarted;
    return { importId: event.data.importId, startedBy: event.metadata.userId };
  },
};
