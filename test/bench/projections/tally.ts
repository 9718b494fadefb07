/**
 * An independent count of what a log holds, kept apart from the read side on purpose: the generator keeps
 * one as it writes (saved in the manifest), the benchmark keeps another as it reads the file back through the
 * adapter, and the read models and the overdue query must agree with both. It shares no code with the
 * projections or the query, so a bug there cannot hide by being repeated here.
 */
import type { DomainEvent } from './generator';

interface MeetingFacts {
  forumId: string;
  startsAt: string;
  cancelled: boolean;
}

interface FollowUpFacts {
  forumId: string;
  open: boolean;
  due?: string;
  dueBefore?: string;
  assignedAt: string;
}

export interface TallySummary {
  events: number;
  eventTypes: Record<string, number>;
  streams: number;
  /** Events whose revision was not the one after their stream's previous event. */
  revisionGaps: number;
  meetings: number;
  cases: number;
  followUps: number;
  openFollowUps: number;
  /** On `today`: open, with a due date (its own, or its meeting's) before that day. */
  overdueByForum: Record<string, number>;
  today: string;
  firstEventAt?: string;
  lastEventAt?: string;
}

/** The event's own time, wherever its type keeps it. */
const timeOf = (data: Record<string, unknown>): string | undefined => {
  for (const key of ['scheduledAt', 'rescheduledAt', 'cancelledAt', 'heldAt', 'proposedAt', 'postponedAt', 'decidedAt', 'forwardedAt', 'withdrawnAt', 'closedAt', 'assignedAt', 'completedAt', 'escalatedAt']) {
    const value = data[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
};

export class Tally {
  private events = 0;
  private readonly types = new Map<string, number>();
  /** Last revision seen per stream: each must go 0, 1, 2, ... in log order. */
  private readonly streams = new Map<string, number>();
  private revisionGaps = 0;
  private readonly meetings = new Map<string, MeetingFacts>();
  private readonly followUps = new Map<string, FollowUpFacts>();
  private cases = 0;
  private firstEventAt?: string;
  private lastEventAt?: string;

  add(streamId: string, revision: number, type: string, data: unknown): void {
    this.events++;
    this.types.set(type, (this.types.get(type) ?? 0) + 1);
    if (revision !== (this.streams.get(streamId) ?? -1) + 1) this.revisionGaps++;
    this.streams.set(streamId, revision);
    const event = { type, data } as DomainEvent;
    const at = timeOf(data as Record<string, unknown>);
    this.firstEventAt ??= at;
    this.lastEventAt = at ?? this.lastEventAt;
    switch (event.type) {
      case 'MeetingScheduled':
        this.meetings.set(event.data.meetingId, { forumId: event.data.forumId, startsAt: event.data.startsAt, cancelled: false });
        break;
      case 'MeetingRescheduled': {
        const meeting = this.meetings.get(event.data.meetingId);
        if (meeting) meeting.startsAt = event.data.startsAt;
        break;
      }
      case 'MeetingCancelled': {
        const meeting = this.meetings.get(event.data.meetingId);
        if (meeting) meeting.cancelled = true;
        break;
      }
      case 'CaseProposed':
        this.cases++;
        break;
      case 'FollowUpAssigned': {
        const { followUpId, forumId, due, dueBeforeMeetingOfForumId, assignedAt } = event.data;
        this.followUps.set(followUpId, { forumId, open: true, due, dueBefore: dueBeforeMeetingOfForumId, assignedAt });
        break;
      }
      case 'FollowUpRescheduled': {
        const followUp = this.followUps.get(event.data.followUpId);
        if (followUp) {
          followUp.due = event.data.due;
          followUp.dueBefore = undefined;
        }
        break;
      }
      case 'FollowUpCompleted':
      case 'FollowUpCancelled': {
        const followUp = this.followUps.get(event.data.followUpId);
        if (followUp) followUp.open = false;
        break;
      }
      default:
        break;
    }
  }

  summary(today: string): TallySummary {
    // "Before the next meeting of X": X's earliest meeting, not cancelled, starting after the assignment.
    const byForum = new Map<string, { start: number; date: string }[]>();
    for (const meeting of this.meetings.values()) {
      if (meeting.cancelled) continue;
      const list = byForum.get(meeting.forumId) ?? [];
      list.push({ start: Date.parse(meeting.startsAt), date: meeting.startsAt.slice(0, 10) });
      byForum.set(meeting.forumId, list);
    }
    const overdueByForum: Record<string, number> = {};
    let openFollowUps = 0;
    for (const followUp of this.followUps.values()) {
      if (!followUp.open) continue;
      openFollowUps++;
      let dueDate = followUp.due;
      if (dueDate === undefined && followUp.dueBefore !== undefined) {
        const after = Date.parse(followUp.assignedAt);
        let best: { start: number; date: string } | undefined;
        for (const meeting of byForum.get(followUp.dueBefore) ?? []) {
          if (meeting.start > after && (!best || meeting.start < best.start)) best = meeting;
        }
        dueDate = best?.date;
      }
      if (dueDate !== undefined && dueDate < today) overdueByForum[followUp.forumId] = (overdueByForum[followUp.forumId] ?? 0) + 1;
    }
    return {
      events: this.events,
      eventTypes: Object.fromEntries([...this.types].sort((a, b) => b[1] - a[1])),
      streams: this.streams.size,
      revisionGaps: this.revisionGaps,
      meetings: this.meetings.size,
      cases: this.cases,
      followUps: this.followUps.size,
      openFollowUps,
      overdueByForum,
      today,
      firstEventAt: this.firstEventAt,
      lastEventAt: this.lastEventAt,
    };
  }
}
