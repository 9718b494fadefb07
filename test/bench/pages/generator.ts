/**
 * A log for the pages: years of a chain of forums in config/forums.json (Styregruppen and the parents it
 * forwards to: K17, KKR Sjælland, KL Koordinationsforum), dated up to the moment it is made, since the API reads the real clock. Cases are proposed,
 * put on their forum's next meeting, postponed now and then, decided, forwarded up the chain, withdrawn or
 * closed; decisions give follow-ups, mostly done by or after their due date, some cancelled, and the rest
 * still open, past their date (with the reminders' escalations) or not yet due. Meetings to come carry the
 * cases scheduled on them; some recent cases wait for a meeting.
 *
 * Events are built as the domain's own types, on the streams the domain names, and returned in time order:
 * the projections the API rebuilds at start see what the command side would have written.
 */
import {
  caseStreamId,
  followUpStreamId,
  meetingStreamId,
  type CaseEvent,
  type CaseKind,
  type DecisionOutcome,
  type EscalationLevel,
  type FollowUpEvent,
  type MeetingEvent,
} from '@app/domain';
import type { EventMetadata } from '@app/event-store';
import { Prng } from '../projections/prng';
import * as text from '../projections/texts';
import { DAY, HOUR, isoLocal, localDate, MINUTE } from '../projections/time';

export interface ChainForum {
  id: string;
  name: string;
  parentId?: string;
}

export interface GeneratorOptions {
  seed: number;
  cases: number;
  followUps: number;
  /** The moment the log ends: the API's clock when it reads it. */
  now: number;
  years: number;
}

export interface LoggedEvent {
  at: number;
  streamId: string;
  event: MeetingEvent | CaseEvent | FollowUpEvent;
  metadata: EventMetadata;
}

export interface GeneratedLog {
  events: LoggedEvent[];
  /** Counts for the report, and the ids the benchmark asks pages of. */
  summary: {
    meetings: number;
    upcomingMeetings: number;
    cases: number;
    byStage: Record<'waiting' | 'scheduled' | 'decided' | 'withdrawn' | 'closed', number>;
    postponed: number;
    forwarded: number;
    followUps: number;
    openFollowUps: number;
    overdueFollowUps: number;
    overdueByForum: Record<string, number>;
  };
  caseIds: string[];
  upcomingMeetingIds: string[];
}

/** Meetings a year by place in the chain: the first forum meets most, the top of the chain least. */
const MEETINGS_PER_YEAR = [8, 6, 6, 2];
/** Where cases are raised, by place in the chain. */
const RAISED_IN = [0.5, 0.25, 0.17, 0.08];
/** Share of decided cases sent on to the parent, by place in the chain. */
const FORWARD_SHARE = [0.35, 0.3, 0.1, 0];
const USERS = ['sekretariat-anne', 'sekretariat-lars', 'sekretariat-mette'];
const POSTPONE_REASONS = ['Tidsnød på mødet', 'Materialet var ikke klar', 'Afventer svar fra Socialstyrelsen'];
const ESCALATIONS: [EscalationLevel, number][] = [
  ['owner', 7],
  ['secretariat', 14],
  ['chair', 28],
  ['agenda', 42],
];

interface Meeting {
  id: string;
  forumId: string;
  start: number;
  cancelled: boolean;
}

/** A forum and the parents it forwards to, in order up the chain. */
export const chainFrom = (forums: readonly ChainForum[], firstId: string): ChainForum[] => {
  const byId = new Map(forums.map((forum) => [forum.id, forum]));
  const chain: ChainForum[] = [];
  for (let forum = byId.get(firstId); forum && !chain.includes(forum); forum = forum.parentId ? byId.get(forum.parentId) : undefined) chain.push(forum);
  if (chain.length === 0) throw new Error(`No forum ${firstId} in the forums file`);
  return chain;
};

export const generateLog = (chain: readonly ChainForum[], options: GeneratorOptions): GeneratedLog => {
  const rng = new Prng(options.seed, 1);
  const { now } = options;
  const begin = now - options.years * 365 * DAY;
  const horizon = now + 180 * DAY;
  const events: LoggedEvent[] = [];
  const lastAt = new Map<string, number>();
  /** Events of one stream stay in the order they are made, a second apart at least. */
  const emit = (streamId: string, at: number, event: LoggedEvent['event'], correlationId: string): void => {
    const time = Math.max(at, (lastAt.get(streamId) ?? -Infinity) + 1000);
    lastAt.set(streamId, time);
    events.push({
      at: time,
      streamId,
      event,
      metadata: { correlationId, userId: rng.pick(USERS) },
    });
  };

  // --- meetings: each forum on its cadence, scheduled two months ahead, held when their time has come
  const meetings = new Map<string, Meeting[]>();
  chain.forEach((forum, place) => {
    const every = (365 * DAY) / (MEETINGS_PER_YEAR[place] ?? 2);
    const list: Meeting[] = [];
    for (let start = begin + rng.uniform(0.2, 1) * every; start < horizon; start += every * rng.uniform(0.85, 1.15)) {
      const day = Math.floor(start / DAY) * DAY;
      const weekday = new Date(day).getUTCDay();
      const at = day + (weekday === 6 ? 2 : weekday === 0 ? 1 : 0) * DAY + rng.pick([8, 9, 11, 12]) * HOUR;
      const meeting: Meeting = {
        id: rng.uuid(),
        forumId: forum.id,
        start: at,
        cancelled: rng.chance(0.03),
      };
      const correlationId = rng.uuid();
      const stream = meetingStreamId(meeting.id);
      const scheduledAt = Math.max(begin - 30 * DAY, at - 60 * DAY);
      emit(
        stream,
        scheduledAt,
        {
          type: 'MeetingScheduled',
          data: {
            meetingId: meeting.id,
            forumId: forum.id,
            startsAt: isoLocal(at),
            endsAt: isoLocal(at + 3 * HOUR),
            place: 'Ringsted Rådhus',
            scheduledAt: isoLocal(scheduledAt),
          },
        },
        correlationId,
      );
      if (meeting.cancelled) {
        const cancelledAt = at - rng.int(5, 40) * DAY;
        emit(
          stream,
          cancelledAt,
          {
            type: 'MeetingCancelled',
            data: {
              meetingId: meeting.id,
              forumId: forum.id,
              reason: 'For få punkter på dagsordenen',
              cancelledAt: isoLocal(cancelledAt),
            },
          },
          correlationId,
        );
      } else if (at + 3 * HOUR < now) {
        emit(
          stream,
          at + 3 * HOUR,
          {
            type: 'MeetingHeld',
            data: {
              meetingId: meeting.id,
              forumId: forum.id,
              heldAt: isoLocal(at + 3 * HOUR),
            },
          },
          correlationId,
        );
      }
      list.push(meeting);
    }
    meetings.set(forum.id, list);
  });
  /** The forum's first meeting after `after` that is not cancelled. */
  const nextMeeting = (forumId: string, after: number): Meeting | undefined => (meetings.get(forumId) ?? []).find((meeting) => !meeting.cancelled && meeting.start > after);

  const byStage = {
    waiting: 0,
    scheduled: 0,
    decided: 0,
    withdrawn: 0,
    closed: 0,
  };
  let postponed = 0;
  let forwarded = 0;
  const decisions: {
    caseId: string;
    forumId: string;
    at: number;
    correlationId: string;
  }[] = [];
  const caseIds: string[] = [];
  const raisedIn = chain.map((forum, place): [number, number] => [place, RAISED_IN[place] ?? 0.05]);

  // --- cases: proposed evenly over the years, each followed up the chain until it waits, is on a meeting to come, or ends
  for (let n = 0; n < options.cases; n++) {
    const caseId = rng.uuid();
    const correlationId = rng.uuid();
    const stream = caseStreamId(caseId);
    caseIds.push(caseId);
    const proposedAt = begin + ((n + rng.next()) / options.cases) * (now - HOUR - begin);
    let place = rng.weighted(raisedIn);
    const home = chain[place];
    const kind = rng.weighted<CaseKind>([
      ['decision', 0.5],
      ['information', 0.35],
      ['discussion', 0.15],
    ]);
    const year = new Date(proposedAt).getUTCFullYear();
    emit(
      stream,
      proposedAt,
      {
        type: 'CaseProposed',
        data: {
          caseId,
          forumId: home.id,
          title: text.caseTitle(rng, year),
          kind,
          summary: text.caseSummary(rng),
          recommendation: text.recommendation(rng, home.name),
          background: rng.chance(0.7) ? text.caseBackground(rng) : undefined,
          attachments: [],
          presenter: rng.chance(0.8) ? text.person(rng).name : undefined,
          proposedAt: isoLocal(proposedAt),
        },
      },
      correlationId,
    );
    // Some recent cases have no meeting yet: the secretariat has not put them on an agenda.
    if (now - proposedAt < 120 * DAY && rng.chance(0.15)) {
      byStage.waiting++;
      continue;
    }
    let clock = proposedAt + 10 * MINUTE;
    let stage: keyof typeof byStage = 'waiting';
    const withdrawAt = rng.chance(0.02) ? proposedAt + rng.int(1, 60) * DAY : Infinity;
    for (;;) {
      const forum = chain[place];
      let meeting = nextMeeting(forum.id, clock + 2 * DAY);
      if (!meeting) break;
      emit(
        stream,
        clock,
        {
          type: 'CaseScheduled',
          data: {
            caseId,
            forumId: forum.id,
            meetingId: meeting.id,
            startsAt: isoLocal(meeting.start),
            scheduledAt: isoLocal(clock),
          },
        },
        correlationId,
      );
      stage = 'scheduled';
      // Postponed at its meeting, to the next one, once or more.
      while (meeting && meeting.start + HOUR < now && meeting.start < withdrawAt && rng.chance(0.1)) {
        const to = nextMeeting(forum.id, meeting.start + DAY);
        const at = meeting.start + HOUR;
        emit(
          stream,
          at,
          {
            type: 'CasePostponed',
            data: {
              caseId,
              forumId: forum.id,
              fromMeetingId: meeting.id,
              toMeetingId: to?.id,
              toStartsAt: to && isoLocal(to.start),
              reason: rng.pick(POSTPONE_REASONS),
              postponedAt: isoLocal(at),
            },
          },
          correlationId,
        );
        postponed++;
        stage = to ? 'scheduled' : 'waiting';
        meeting = to;
      }
      if (!meeting || meeting.start + HOUR >= now || meeting.start >= withdrawAt) break;
      const decidedAt = meeting.start + HOUR + rng.int(1, 50) * MINUTE;
      const outcome: DecisionOutcome =
        kind === 'information'
          ? 'noted'
          : kind === 'discussion'
            ? 'decided'
            : rng.weighted<DecisionOutcome>([
                ['approved', 0.85],
                ['decided', 0.1],
                ['rejected', 0.05],
              ]);
      emit(
        stream,
        decidedAt,
        {
          type: 'CaseDecided',
          data: {
            caseId,
            forumId: forum.id,
            meetingId: meeting.id,
            outcome,
            text: text.decisionText(rng),
            points: text.decisionPoints(rng),
            decidedAt: isoLocal(decidedAt),
          },
        },
        correlationId,
      );
      stage = 'decided';
      if (outcome !== 'rejected')
        decisions.push({
          caseId,
          forumId: forum.id,
          at: decidedAt,
          correlationId,
        });
      const parent = chain[place + 1];
      if (!parent || outcome === 'rejected' || !rng.chance(FORWARD_SHARE[place] ?? 0)) break;
      clock = decidedAt + 5 * MINUTE;
      emit(
        stream,
        clock,
        {
          type: 'CaseForwarded',
          data: {
            caseId,
            fromForumId: forum.id,
            fromMeetingId: meeting.id,
            toForumIds: [parent.id],
            purpose: rng.chance(0.6) ? 'decision' : 'information',
            forwardedAt: isoLocal(clock),
          },
        },
        correlationId,
      );
      forwarded++;
      stage = 'waiting';
      place++;
      clock += MINUTE;
    }
    if (withdrawAt < now && stage !== 'decided') {
      emit(
        stream,
        withdrawAt,
        {
          type: 'CaseWithdrawn',
          data: {
            caseId,
            reason: 'Sagen trækkes af forslagsstiller',
            withdrawnAt: isoLocal(withdrawAt),
          },
        },
        correlationId,
      );
      stage = 'withdrawn';
    } else if (stage === 'decided') {
      const closedAt = (lastAt.get(stream) ?? proposedAt) + rng.int(1, 21) * DAY;
      if (closedAt < now && rng.chance(0.7)) {
        emit(
          stream,
          closedAt,
          {
            type: 'CaseClosed',
            data: { caseId, closedAt: isoLocal(closedAt) },
          },
          correlationId,
        );
        stage = 'closed';
      }
    }
    byStage[stage]++;
  }

  // --- follow-ups: given by the decisions, a date of their own or "before the next meeting" of the forum or its parent
  let open = 0;
  let overdue = 0;
  const overdueByForum: Record<string, number> = {};
  const today = localDate(now);
  for (let n = 0; n < options.followUps && decisions.length > 0; n++) {
    const decision = decisions[rng.int(0, decisions.length - 1)];
    const followUpId = rng.uuid();
    const stream = followUpStreamId(followUpId);
    const assignedAt = decision.at + rng.int(1, 30) * MINUTE;
    let due: string | undefined;
    let dueBefore: string | undefined;
    let dueTime: number;
    if (rng.chance(0.6)) {
      dueTime = assignedAt + rng.int(14, 90) * DAY;
      due = localDate(dueTime);
    } else {
      const place = chain.findIndex((forum) => forum.id === decision.forumId);
      dueBefore = rng.chance(0.75) ? decision.forumId : (chain[place + 1]?.id ?? decision.forumId);
      dueTime = (meetings.get(dueBefore) ?? []).find((meeting) => !meeting.cancelled && meeting.start > assignedAt)?.start ?? Infinity;
    }
    const owners = rng.chance(0.25) ? [text.SECRETARIAT] : rng.chance(0.2) ? [text.person(rng), text.SECRETARIAT] : [text.person(rng)];
    emit(
      stream,
      assignedAt,
      {
        type: 'FollowUpAssigned',
        data: {
          followUpId,
          caseId: decision.caseId,
          forumId: decision.forumId,
          description: text.followUpDescription(rng),
          owners,
          due,
          dueBeforeMeetingOfForumId: dueBefore,
          assignedAt: isoLocal(assignedAt),
        },
      },
      decision.correlationId,
    );
    const fate = rng.next();
    const ending = dueTime + (rng.chance(0.3) ? rng.int(1, 40) : -rng.int(0, 20)) * DAY;
    if (fate < 0.8 && ending < now) {
      const at = Math.max(assignedAt + DAY, ending);
      emit(
        stream,
        at,
        {
          type: 'FollowUpCompleted',
          data: {
            followUpId,
            caseId: decision.caseId,
            note: rng.chance(0.3) ? 'Udført, se referatet' : undefined,
            completedAt: isoLocal(at),
          },
        },
        decision.correlationId,
      );
      continue;
    }
    if (fate < 0.85 && ending < now) {
      const at = Math.max(assignedAt + DAY, ending);
      emit(
        stream,
        at,
        {
          type: 'FollowUpCancelled',
          data: {
            followUpId,
            caseId: decision.caseId,
            reason: 'Ikke længere relevant',
            cancelledAt: isoLocal(at),
          },
        },
        decision.correlationId,
      );
      continue;
    }
    open++;
    const dueDate = due ?? (Number.isFinite(dueTime) ? localDate(dueTime) : undefined);
    if (dueDate !== undefined && dueDate < today) {
      overdue++;
      overdueByForum[decision.forumId] = (overdueByForum[decision.forumId] ?? 0) + 1;
      for (const [level, days] of ESCALATIONS) {
        const at = dueTime + days * DAY;
        if (at >= now) break;
        emit(
          stream,
          at,
          {
            type: 'FollowUpEscalated',
            data: {
              followUpId,
              caseId: decision.caseId,
              level,
              escalatedAt: isoLocal(at),
            },
          },
          decision.correlationId,
        );
      }
    }
  }

  events.sort((a, b) => a.at - b.at);
  const all = [...meetings.values()].flat();
  const upcoming = all.filter((meeting) => !meeting.cancelled && meeting.start > now);
  return {
    events,
    summary: {
      meetings: all.length,
      upcomingMeetings: upcoming.length,
      cases: options.cases,
      byStage,
      postponed,
      forwarded,
      followUps: Math.min(options.followUps, decisions.length > 0 ? options.followUps : 0),
      openFollowUps: open,
      overdueFollowUps: overdue,
      overdueByForum,
    },
    caseIds,
    upcomingMeetingIds: upcoming.map((meeting) => meeting.id),
  };
};
