import { MinutesImported } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection-runner/projection';

/** The first import that brought in a given set of minutes (text and options). */
export interface ImportedMinutes {
  digest: string;
  importId: string;
  meetingId: string;
}

/** Versions before imports were an aggregate kept this record in a stream per digest. */
const LEGACY_RECORD_PREFIX = 'minutes-';

const digestOf = (event: RecordedEvent & MinutesImported): string | undefined =>
  event.data.digest ?? (event.streamId.startsWith(LEGACY_RECORD_PREFIX) ? event.streamId.slice(LEGACY_RECORD_PREFIX.length) : undefined);

/** Minutes imported so far, by digest: how an import finds that the same minutes came in before. */
export const importedMinutesProjection: Projection<ImportedMinutes> = {
  name: 'imported-minutes',
  version: 1,
  keyOf: (event) => (event.type === 'MinutesImported' ? digestOf(event as RecordedEvent & MinutesImported) : undefined),
  evolve: (first, recorded) => {
    if (first) return first;
    const event = recorded as RecordedEvent & MinutesImported;
    return { digest: digestOf(event) as string, importId: event.data.importId, meetingId: event.data.meetingId };
  },
};
