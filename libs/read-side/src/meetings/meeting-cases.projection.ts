import { CaseEvent } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection, ReadModel } from '../projection-runner/projection';

/**
 * For each meeting, every case ever put on it, in the order it was first put there: an index, so that an
 * agenda reads its own cases and not every case of years. A case moved on or withdrawn stays listed; the
 * agenda checks each against the case as it stands, so the list is kept by one key per event and never
 * needs the case's other meetings.
 */
export const meetingCasesProjection: Projection<readonly string[]> = {
  name: 'meeting-cases',
  version: 1,
  keyOf(recorded) {
    const event = recorded as RecordedEvent & CaseEvent;
    switch (event.type) {
      case 'CaseScheduled':
      case 'CaseDecided':
        return event.data.meetingId;
      case 'CasePostponed':
        return event.data.toMeetingId;
      default:
        return undefined;
    }
  },
  evolve(caseIds = [], recorded) {
    const { caseId } = (recorded as RecordedEvent & CaseEvent).data;
    return caseIds.includes(caseId) ? caseIds : [...caseIds, caseId];
  },
};

export type MeetingCasesState = ReadModel<readonly string[]>;
