import {
  CaseClosed,
  CaseDecided,
  CaseEvent,
  CaseForwarded,
  CasePostponed,
  CaseProposed,
  CaseScheduled,
  caseStreamId,
  CaseWithdrawn,
  EscalationLevel,
  FollowUpAssigned,
  FollowUpCancelled,
  FollowUpCompleted,
  FollowUpEscalated,
  FollowUpEvent,
  FollowUpRescheduled,
  followUpStreamId,
  ForwardPurpose,
  MeetingCancelled,
  MeetingEvent,
  MeetingHeld,
  MeetingRescheduled,
  MeetingScheduled,
  meetingStreamId,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { CaseSummary, casesProjection } from '../cases/cases.projection';
import { FollowUpRecord, followUpsProjection } from '../follow-ups/follow-ups.projection';
import { openFollowUpsProjection } from '../follow-ups/open-follow-ups.projection';
import { MeetingView, meetingsProjection } from '../meetings/meetings.projection';
import { emptyModelOf, foldEvents, GroupedModel, ReadModel } from '../projection-runner/projection';

/**
 * Test helpers for the read side: builders for the domain events, the store's recording of them, and the
 * fold into the read models, so a spec can read as given (events) / when / then (a read model or query).
 *
 * One builder per domain event, named after it. Each takes what says which entity and where as arguments,
 * and the rest of the event's data as a last, optional `more`, named as the domain names it. Optional data
 * is absent unless given; required data not given gets the default the builder states (a decision case,
 * titled by its id; times in spring 2025, before the meetings the specs talk about).
 */

export type DomainEvent = MeetingEvent | CaseEvent | FollowUpEvent;

// --- Meetings ---

/** Put in the calendar on 1/4/2025 unless told otherwise, before any of the stories here begins. */
export const meetingScheduled = (
  meetingId: string,
  forumId: string,
  startsAt: string,
  more: Partial<Pick<MeetingScheduled['data'], 'endsAt' | 'place' | 'allDay' | 'tentative' | 'scheduledAt'>> = {},
): MeetingScheduled => ({
  type: 'MeetingScheduled',
  data: { meetingId, forumId, startsAt, scheduledAt: '2025-04-01T11:30:00+02:00', ...more },
});

/** The Mødekalender 2025 of the 2/5 and 8/8 minutes: Styregruppen, K17 and KKR Sjælland meetings, as scheduled. */
export const calendar2025 = {
  styregruppenAugust: meetingScheduled('styregruppen-2025-08-08', 'styregruppen', '2025-08-08T11:00:00+02:00'),
  styregruppenSeptember: meetingScheduled('styregruppen-2025-09-19', 'styregruppen', '2025-09-19T12:00:00+02:00'),
  styregruppenNovember: meetingScheduled('styregruppen-2025-11-21', 'styregruppen', '2025-11-21T10:00:00+01:00'),
  k17May: meetingScheduled('k17-2025-05-23', 'k17', '2025-05-23T09:00:00+02:00'),
  k17August: meetingScheduled('k17-2025-08-22', 'k17', '2025-08-22T09:00:00+02:00'),
  k17October: meetingScheduled('k17-2025-10-03', 'k17', '2025-10-03T09:00:00+02:00'),
  k17December: meetingScheduled('k17-2025-12-05', 'k17', '2025-12-05T09:00:00+01:00'),
  kkrSeptember: meetingScheduled('kkr-sjaelland-2025-09-02', 'kkr-sjaelland', '2025-09-02T16:00:00+02:00'),
  kkrOctober: meetingScheduled('kkr-sjaelland-2025-10-22', 'kkr-sjaelland', '2025-10-22T16:00:00+02:00'),
};

/** Moved from `previousStartsAt` to `startsAt`, at `rescheduledAt`. */
export const meetingRescheduled = (
  meetingId: string,
  forumId: string,
  previousStartsAt: string,
  startsAt: string,
  rescheduledAt: string,
  more: Partial<Pick<MeetingRescheduled['data'], 'endsAt' | 'place'>> = {},
): MeetingRescheduled => ({
  type: 'MeetingRescheduled',
  data: { meetingId, forumId, startsAt, previousStartsAt, rescheduledAt, ...more },
});

export const meetingCancelled = (meetingId: string, forumId: string, cancelledAt: string, more: Partial<Pick<MeetingCancelled['data'], 'reason'>> = {}): MeetingCancelled => ({
  type: 'MeetingCancelled',
  data: { meetingId, forumId, cancelledAt, ...more },
});

export const meetingHeld = (meetingId: string, forumId: string, heldAt: string): MeetingHeld => ({
  type: 'MeetingHeld',
  data: { meetingId, forumId, heldAt },
});

// --- Cases ---

/** A decision case with no recommendation or attachments, titled by its id unless a title is given. */
export const caseProposed = (caseId: string, forumId: string, more: Partial<Omit<CaseProposed['data'], 'caseId' | 'forumId'>> = {}): CaseProposed => ({
  type: 'CaseProposed',
  data: { caseId, forumId, title: caseId, kind: 'decision', recommendation: [], attachments: [], proposedAt: '2025-04-20T09:00:00+02:00', ...more },
});

export const caseScheduled = (
  caseId: string,
  forumId: string,
  meetingId: string,
  startsAt: string,
  more: Partial<Pick<CaseScheduled['data'], 'scheduledAt' | 'previousMeetingId'>> = {},
): CaseScheduled => ({
  type: 'CaseScheduled',
  data: { caseId, forumId, meetingId, startsAt, scheduledAt: '2025-04-24T14:30:00+02:00', ...more },
});

/** Postponed `to` a named meeting, or, without one, to the forum's next meeting. */
export const casePostponed = (
  caseId: string,
  forumId: string,
  fromMeetingId: string,
  postponedAt: string,
  { to, reason }: { to?: { meetingId: string; startsAt: string }; reason?: string } = {},
): CasePostponed => ({
  type: 'CasePostponed',
  data: { caseId, forumId, fromMeetingId, toMeetingId: to?.meetingId, toStartsAt: to?.startsAt, reason, postponedAt },
});

/** Approved, with no points, unless told otherwise. */
export const caseDecided = (
  caseId: string,
  forumId: string,
  meetingId: string,
  decidedAt: string,
  more: Partial<Pick<CaseDecided['data'], 'outcome' | 'text' | 'points'>> = {},
): CaseDecided => ({
  type: 'CaseDecided',
  data: { caseId, forumId, meetingId, outcome: 'approved', text: 'Tiltrådte indstillingen', points: [], decidedAt, ...more },
});

export const caseForwarded = (caseId: string, fromForumId: string, fromMeetingId: string, toForumIds: string[], purpose: ForwardPurpose, forwardedAt: string): CaseForwarded => ({
  type: 'CaseForwarded',
  data: { caseId, fromForumId, fromMeetingId, toForumIds, purpose, forwardedAt },
});

export const caseWithdrawn = (caseId: string, withdrawnAt: string, more: Partial<Pick<CaseWithdrawn['data'], 'reason'>> = {}): CaseWithdrawn => ({
  type: 'CaseWithdrawn',
  data: { caseId, ...more, withdrawnAt },
});

export const caseClosed = (caseId: string, closedAt: string): CaseClosed => ({
  type: 'CaseClosed',
  data: { caseId, closedAt },
});

// --- Follow-ups ---

/** "Sekretariatet kontakter KORA", given in Styregruppen on 8/8 to the secretariat, unless told otherwise; no due date unless given. */
export const followUpAssigned = (followUpId: string, caseId: string, more: Partial<Omit<FollowUpAssigned['data'], 'followUpId' | 'caseId'>> = {}): FollowUpAssigned => ({
  type: 'FollowUpAssigned',
  data: {
    followUpId,
    caseId,
    forumId: 'styregruppen',
    description: 'Sekretariatet kontakter KORA',
    owners: [{ name: 'Rammeaftalesekretariatet' }],
    assignedAt: '2025-08-08T12:00:00+02:00',
    ...more,
  },
});

export const followUpCompleted = (followUpId: string, caseId: string, completedAt: string, more: Partial<Pick<FollowUpCompleted['data'], 'note'>> = {}): FollowUpCompleted => ({
  type: 'FollowUpCompleted',
  data: { followUpId, caseId, ...more, completedAt },
});

export const followUpRescheduled = (
  followUpId: string,
  caseId: string,
  due: string,
  rescheduledAt: string,
  more: Partial<Pick<FollowUpRescheduled['data'], 'previousDue'>> = {},
): FollowUpRescheduled => ({
  type: 'FollowUpRescheduled',
  data: { followUpId, caseId, due, ...more, rescheduledAt },
});

export const followUpCancelled = (followUpId: string, caseId: string, cancelledAt: string, more: Partial<Pick<FollowUpCancelled['data'], 'reason'>> = {}): FollowUpCancelled => ({
  type: 'FollowUpCancelled',
  data: { followUpId, caseId, ...more, cancelledAt },
});

export const followUpEscalated = (followUpId: string, caseId: string, level: EscalationLevel, escalatedAt: string): FollowUpEscalated => ({
  type: 'FollowUpEscalated',
  data: { followUpId, caseId, level, escalatedAt },
});

// --- Recording and folding ---

const isMeetingEvent = (event: DomainEvent): event is MeetingEvent => event.type.startsWith('Meeting');
const isFollowUpEvent = (event: DomainEvent): event is FollowUpEvent => event.type.startsWith('FollowUp');

/** The stream the command side appends the event to: one per meeting, case and follow-up. */
export const streamIdOf = (event: DomainEvent): string =>
  isMeetingEvent(event) ? meetingStreamId(event.data.meetingId) : isFollowUpEvent(event) ? followUpStreamId(event.data.followUpId) : caseStreamId(event.data.caseId);

/**
 * Records domain events the way the store hands them out: global positions rise (by `step`, from just after
 * `after`, where other streams may fill the gaps), revisions count from 0 per stream; recorded a minute apart.
 */
export const recorder = ({ after = 0, step = 1 }: { after?: number; step?: number } = {}) => {
  let position = after;
  const revisions = new Map<string, number>();
  return (event: DomainEvent): RecordedEvent => {
    const streamId = streamIdOf(event);
    position += step;
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    return {
      id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      streamId,
      type: event.type,
      revision,
      position,
      data: event.data,
      metadata: {},
      recordedAt: new Date(Date.UTC(2025, 3, 1) + position * 60_000),
    };
  };
};

export interface ReadModels {
  meetings: Map<string, MeetingView>;
  cases: GroupedModel<CaseSummary>;
  followUps: Map<string, FollowUpRecord>;
  openFollowUps: GroupedModel<FollowUpRecord>;
}

/** Empty read models, each as the projection runner makes it. */
export const emptyReadModels = (): ReadModels => ({ meetings: new Map(), cases: emptyModelOf(casesProjection), followUps: new Map(), openFollowUps: emptyModelOf(openFollowUpsProjection) });

/** Folds recorded events into the read models, each projection over the whole list; `into` is updated in place. */
export const foldReadModels = (
  events: readonly RecordedEvent[],
  into: ReadModels = emptyReadModels(),
): ReadModels => ({
  meetings: foldEvents(meetingsProjection, events, into.meetings),
  cases: foldEvents(casesProjection, events, into.cases),
  followUps: foldEvents(followUpsProjection, events, into.followUps),
  openFollowUps: foldEvents(openFollowUpsProjection, events, into.openFollowUps),
});

/** The read models of these events, recorded as the store hands them out. */
export const readModels = (events: readonly DomainEvent[]): ReadModels => foldReadModels(events.map(recorder()));

/** A read model as a plain object, so a difference shows entity by entity. */
export const plain = <Entity>(model: ReadModel<Entity>): Record<string, Entity> => Object.fromEntries(model);

/** Freezes the value and everything in it, so a step that changed what it was handed would throw. */
export const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};
