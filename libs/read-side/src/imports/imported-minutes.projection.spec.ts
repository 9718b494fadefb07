import { RecordedEvent } from '@app/event-store';
import { foldEvents } from '../projection-runner/projection';
import { importedMinutesProjection } from './imported-minutes.projection';

let position = 0;
const recorded = (streamId: string, type: string, data: Record<string, unknown>): RecordedEvent => {
  position += 1;
  return { id: `event-${position}`, streamId, type, revision: 0, position, data, metadata: {}, recordedAt: new Date('2026-11-25T08:00:00Z') };
};

describe('imported minutes projection', () => {
  it('given minutes imported twice, then the first import is the one that brought them in', () => {
    const model = foldEvents(importedMinutesProjection, [
      recorded('import-a', 'MinutesReviewed', { importId: 'a', digest: 'd1', text: 'Referat' }),
      recorded('import-a', 'MinutesImported', { importId: 'a', digest: 'd1', meetingId: 'styregruppen-2025-08-08', appended: 40 }),
      recorded('import-b', 'MinutesImported', { importId: 'b', digest: 'd1', meetingId: 'styregruppen-2025-08-08', importedBefore: 'a', appended: 0 }),
    ]);
    expect([...model.values()]).toEqual([{ digest: 'd1', importId: 'a', meetingId: 'styregruppen-2025-08-08' }]);
  });

  it('given a log written before imports were an aggregate, then its per-digest records count, and its import records without a digest do not', () => {
    const model = foldEvents(importedMinutesProjection, [
      recorded('minutes-0f3c', 'MinutesImported', { importId: 'cli-1', meetingId: 'styregruppen-2025-05-02', appended: 30 }),
      recorded('import-c', 'MinutesImported', { importId: 'c', meetingId: 'styregruppen-2025-09-19', appended: 43 }),
    ]);
    expect([...model.values()]).toEqual([{ digest: '0f3c', importId: 'cli-1', meetingId: 'styregruppen-2025-05-02' }]);
  });
});
