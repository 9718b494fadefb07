import { caseStreamId, meetingStreamId } from '@app/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { CaseDetails, evolveCaseDetails } from './cases/case-details';
import { MeetingView, meetingsProjection } from './meetings/meetings.projection';
import { foldEvents } from './projection-runner/projection';

/**
 * Views of a single case or meeting, folded straight from its own stream: always current, so a client
 * sees its write at once and gets the revision to send back as If-Match.
 */
@Injectable()
export class StreamViews {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async caseDetails(caseId: string): Promise<CaseDetails | undefined> {
    return (await this.store.readStream(caseStreamId(caseId))).reduce(evolveCaseDetails, undefined);
  }

  caseHistory(caseId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(caseStreamId(caseId));
  }

  async meeting(meetingId: string): Promise<(MeetingView & { revision: number }) | undefined> {
    const events = await this.store.readStream(meetingStreamId(meetingId));
    if (events.length === 0) return undefined;
    const view = foldEvents(meetingsProjection, events).get(meetingId);
    return view && { ...view, revision: events[events.length - 1].revision };
  }
}
