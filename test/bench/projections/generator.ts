/**
 * Ten years (2016–2025) of eight forums, simulated in time order: meetings on each forum's cadence (some
 * moved, a few cancelled), cases proposed, scheduled, postponed, decided and forwarded up the chain,
 * withdrawn or closed, and the follow-ups that decisions give, mostly done, some moved, cancelled or
 * escalated, some still open. Every event is built as the domain's own event type and goes to the stream the
 * domain names, with the exact expected revision, as the command side would append it.
 *
 * The real forums produce some 30,000 events in ten years. To reach a million the calendar stays real and
 * the agendas grow (`casesPerMeeting`): what the read models grow with (cases and follow-ups) carries the
 * volume, while what the query looks up per follow-up (a forum's meetings) keeps its real size.
 *
 * A discrete-event simulation: actions wait in a heap by time, and each writes its events as it runs, so the
 * log is in time order like a real one (a case's events are spread between the meetings' events, not
 * grouped per stream) and memory holds only what is still to happen.
 *
 * Randomness comes in separate streams: one for the calendar, one per meeting (its agenda), one per case and
 * follow-up (their fates), one for ids and clock ticks. A larger agenda then adds cases without reshuffling
 * the others, so the event count grows smoothly with `casesPerMeeting` and a size is hit in two passes.
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
  type ForwardPurpose,
  type MeetingEvent,
  type Owner,
} from '@app/domain';
import type { EventMetadata, NewEvent } from '@app/event-store';
import { hex16, hex32, Prng } from './prng';
import * as text from './texts';
import { DAY, HOUR, isoLocal, localDate, localToUtc, weekdayOnOrAfter } from './time';

/** Bump whenever the generated log changes in any way: the cache file is keyed by it. */
export const GENERATOR_VERSION = 2;

export type DomainEvent = MeetingEvent | CaseEvent | FollowUpEvent;

export interface ForumPlan {
  id: string;
  /** How the recommendations name it: "Det indstilles, at <name> ...". */
  name: string;
  meetingsPerYear: number;
  /** Share of the agenda volume raised in this forum, per meeting. */
  ownCases: number;
  /** Days after the start of the season its meetings fall: K17 meets after Styregruppen, KKR after K17. */
  lagDays: number;
  forwardShare: number;
  forwardTo: readonly (readonly [string[], number])[];
  places: readonly string[];
}

export const FORUMS: readonly ForumPlan[] = [
  {
    id: 'styregruppen',
    name: 'styregruppen',
    meetingsPerYear: 8,
    ownCases: 1.4,
    lagDays: 0,
    forwardShare: 0.35,
    forwardTo: [
      [['k17'], 0.6],
      [['k17', 'kkr-sjaelland'], 0.4],
    ],
    places: ['Holbæk Rådhus, mødelokale 1', 'Ringsted, Kongskildevej 1', 'Teams'],
  },
  { id: 'k17', name: 'K17', meetingsPerYear: 6, ownCases: 0.9, lagDays: 16, forwardShare: 0.3, forwardTo: [[['kkr-sjaelland'], 1]], places: ['Sorø Rådhus', 'Teams'] },
  {
    id: 'kkr-sjaelland',
    name: 'KKR Sjælland',
    meetingsPerYear: 6,
    ownCases: 0.8,
    lagDays: 30,
    forwardShare: 0.08,
    forwardTo: [[['kl-koordinationsforum'], 1]],
    places: ['Comwell Køge Strand', 'Ringsted Rådhus'],
  },
  { id: 'kl-koordinationsforum', name: 'KL Koordinationsforum', meetingsPerYear: 2, ownCases: 1.2, lagDays: 60, forwardShare: 0, forwardTo: [], places: ['KL, Weidekampsgade 10, København'] },
  { id: 'direktoer-og-chefforum', name: 'direktør- og chefforum', meetingsPerYear: 4, ownCases: 0.6, lagDays: 8, forwardShare: 0.2, forwardTo: [[['styregruppen'], 1]], places: ['Næstved Rådhus'] },
  { id: 'implementeringsgruppen', name: 'implementeringsgruppen', meetingsPerYear: 6, ownCases: 0.6, lagDays: 4, forwardShare: 0.15, forwardTo: [[['styregruppen'], 1]], places: ['Teams', 'Slagelse Rådhus'] },
  { id: 'oekonomigruppen', name: 'økonomigruppen', meetingsPerYear: 4, ownCases: 0.6, lagDays: 10, forwardShare: 0.25, forwardTo: [[['styregruppen'], 1]], places: ['Teams'] },
  { id: 'kkr-dialogforum', name: 'KKR Dialogforum', meetingsPerYear: 4, ownCases: 0.5, lagDays: 22, forwardShare: 0.15, forwardTo: [[['kkr-sjaelland'], 1]], places: ['Roskilde Rådhus'] },
];

const PARENT: Readonly<Record<string, string>> = { styregruppen: 'k17', k17: 'kkr-sjaelland', 'kkr-sjaelland': 'kl-koordinationsforum' };

export const FIRST_YEAR = 2016;
export const LAST_YEAR = 2025;
/** Nothing happens after this: the log is as it stands at new year 2026. */
export const END = localToUtc(LAST_YEAR, 11, 31, 23, 0);

/** What the log is written into; `expectedRevision` -1 means the stream must not exist yet. */
export interface EventSink {
  write(streamId: string, events: NewEvent[], expectedRevision: number): void;
  /** True once the sink holds as many events as it wants: the simulation stops there, mid-action if need be. */
  readonly full: boolean;
}

interface Stream {
  readonly stream: string;
  /** Revision of the stream's last event, -1 before the first. */
  rev: number;
}

type MeetingStatus = 'scheduled' | 'cancelled' | 'held';

interface SimMeeting extends Stream {
  id: string;
  serial: number;
  rng: Prng;
  forum: SimForum;
  start: number;
  end: number;
  status: MeetingStatus;
  agenda: Set<SimCase>;
  /** Bumped when the meeting moves, so the hold action queued for the old time does nothing. */
  holdToken: number;
}

interface CaseStep {
  state: 'waiting' | 'scheduled' | 'decided';
  meeting?: SimMeeting;
}

interface SimCase extends Stream {
  id: string;
  rng: Prng;
  home: SimForum;
  kind: CaseKind;
  status: 'open' | 'withdrawn' | 'closed';
  steps: Map<string, CaseStep>;
  /** Forums where it is still to be decided. */
  pending: number;
  correlationId: string;
}

interface SimFollowUp extends Stream {
  id: string;
  rng: Prng;
  caseId: string;
  status: 'open' | 'done' | 'cancelled';
  due?: string;
  escalated: number;
}

interface SimForum {
  plan: ForumPlan;
  meetings: SimMeeting[];
  /** Cases that move by themselves (forwarded here, or postponed to "next meeting") and have no meeting yet. */
  waiting: Set<SimCase>;
}

interface Action {
  at: number;
  seq: number;
  run: () => void;
}

/** A binary min-heap by (time, insertion order), so equal times run in the order they were queued. */
class ActionQueue {
  private readonly items: Action[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, run: () => void): void {
    const items = this.items;
    const action: Action = { at, seq: this.seq++, run };
    let i = items.push(action) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(action, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = action;
  }

  pop(): Action | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && before(items[right], items[left]) ? right : left;
      if (!before(items[child], last)) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }
}

const before = (a: Action, b: Action): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

const USERS = ['sekretariat-anne', 'sekretariat-lars', 'sekretariat-mette', 'sekretariat-pia', 'formand-styregruppen'];
const POSTPONE_REASONS = ['Tidsnød på mødet', 'Materialet var ikke klar', 'Afventer svar fra Socialstyrelsen', 'Formanden var forhindret'];
const CANCEL_REASONS = ['For få punkter på dagsordenen', 'Sammenfald med KKR-møde', 'Mødet afløses af skriftlig behandling'];

export interface GeneratorOptions {
  seed: number;
  /** Mean agenda items raised per meeting, times each forum's `ownCases`. */
  casesPerMeeting: number;
}

export class Simulation {
  /** Meeting dates and what happens to meetings: drawn the same whatever the agenda size. */
  private readonly calendar: Prng;
  /** Ids, users and clock ticks: nothing that decides what happens. */
  private readonly ids: Prng;
  private meetingSerial = 0;
  private readonly queue = new ActionQueue();
  private readonly forums = new Map<string, SimForum>();
  private now = 0;
  private eventSeq = 0;

  constructor(
    private readonly options: GeneratorOptions,
    private readonly sink: EventSink,
  ) {
    this.calendar = new Prng(options.seed, 1);
    this.ids = new Prng(options.seed, 2);
    for (const plan of FORUMS) this.forums.set(plan.id, { plan, meetings: [], waiting: new Set() });
  }

  /** Runs until the log is complete or the sink is full. */
  run(): void {
    this.runUntil(() => false);
  }

  /**
   * Runs until `pause()` says so (checked between actions) or the end. Returns true when there is nothing
   * left to do. Lets a caller cut the work into transactions.
   */
  runUntil(pause: () => boolean): boolean {
    if (this.queue.size === 0 && this.now === 0) this.start();
    while (!this.sink.full) {
      const action = this.queue.pop();
      if (!action) return true;
      this.now = Math.max(this.now, action.at);
      action.run();
      if (pause()) return this.queue.size === 0;
    }
    return true;
  }

  private start(): void {
    this.now = localToUtc(FIRST_YEAR, 0, 4, 9);
    // Each year's calendar is agreed in the December before (the minutes' "Mødekalender"); 2026's is the last.
    for (let year = FIRST_YEAR; year <= LAST_YEAR + 1; year++) {
      const agreed = year === FIRST_YEAR ? this.now : localToUtc(year - 1, 11, 1, 10);
      this.at(agreed, () => this.scheduleCalendar(year));
    }
  }

  /** Queues an action; those after the end of the log never happen, which leaves their subjects open. */
  private at(time: number, run: () => void): void {
    if (time <= END) this.queue.push(time, run);
  }

  /** The time of the next event: the clock moves on a little with every event, as commands take time. */
  private tick(): string {
    this.now += this.ids.int(2, 40) * 1000;
    return isoLocal(this.now);
  }

  /**
   * Ids shaped as UUIDv7 (time first, then random), not v4 as the store would make them: the generated log
   * is written a million events at a time, and time-ordered ids keep the UNIQUE(event_id) index append-only.
   * Reads never touch that index, so the measured figures do not depend on it.
   */
  private eventId(): string {
    const high = Math.floor(this.now / 0x10000);
    const seq = this.eventSeq++ & 0xfff;
    return (
      `${hex32(high)}-${hex16(this.now & 0xffff)}-${hex16(0x7000 | seq)}-` +
      `${hex16(0x8000 | (this.ids.nextUint32() & 0x3fff))}-${hex16(this.ids.nextUint32() & 0xffff)}${hex32(this.ids.nextUint32())}`
    );
  }

  private emit(target: Stream, events: DomainEvent[], metadata: EventMetadata): string[] {
    if (this.sink.full) return [];
    const ids = events.map(() => this.eventId());
    const batch: NewEvent[] = events.map((event, i) => ({ id: ids[i], type: event.type, data: event.data, metadata }));
    this.sink.write(target.stream, batch, target.rev);
    target.rev += events.length;
    return ids;
  }

  private byUser(correlationId: string = this.ids.uuid()): EventMetadata {
    return { correlationId, userId: this.ids.pick(USERS) };
  }

  /** What the case-scheduling process manager writes: keyed by its cause, so a retry appends nothing. */
  private byProcessManager(causeId: string, subject: SimCase, kind: 'schedule' | 'wait'): EventMetadata {
    return {
      idempotencyKey: `case-scheduling.${causeId}.${subject.id}`,
      requestHash: `case-scheduling.${kind}`,
      causationId: causeId,
      correlationId: subject.correlationId,
    };
  }

  private forum(id: string): SimForum {
    const forum = this.forums.get(id);
    if (!forum) throw new Error(`Unknown forum ${id}`);
    return forum;
  }

  /** The forum's first meeting still to come after `after`, as the process manager would pick it. */
  private nextMeeting(forum: SimForum, after: number): SimMeeting | undefined {
    let next: SimMeeting | undefined;
    for (const meeting of forum.meetings) {
      if (meeting.status === 'scheduled' && meeting.start > after && (!next || meeting.start < next.start)) next = meeting;
    }
    return next;
  }

  // --- meetings -------------------------------------------------------------------------------------

  private scheduleCalendar(year: number): void {
    const rng = this.calendar;
    const scheduled: SimMeeting[] = [];
    for (const forum of this.forums.values()) {
      const { plan } = forum;
      const season = 330;
      for (let k = 0; k < plan.meetingsPerYear; k++) {
        // Spread over the season from mid-January, skipping the July holiday, each forum on its own lag.
        let day = 12 + Math.round(((k + 0.5) * season) / plan.meetingsPerYear + plan.lagDays / 3) + rng.int(-5, 5);
        if (day >= 182 && day < 213) day += 31;
        const [y, m, d] = weekdayOnOrAfter(year, 0, Math.min(day, 350));
        const start = localToUtc(y, m, d, rng.pick([9, 10, 12, 13]), rng.pick([0, 0, 30]));
        if (start <= this.now + DAY) continue;
        const id = this.ids.uuid();
        const serial = this.meetingSerial++;
        const meeting: SimMeeting = {
          id,
          serial,
          rng: new Prng(this.options.seed, 10, serial),
          stream: meetingStreamId(id),
          rev: -1,
          forum,
          start,
          end: start + rng.int(2, 3) * HOUR,
          status: 'scheduled',
          agenda: new Set(),
          holdToken: 0,
        };
        forum.meetings.push(meeting);
        scheduled.push(meeting);
        this.emit(
          meeting,
          [
            {
              type: 'MeetingScheduled',
              data: {
                meetingId: id,
                forumId: plan.id,
                startsAt: isoLocal(meeting.start),
                endsAt: isoLocal(meeting.end),
                place: rng.pick(plan.places),
                scheduledAt: this.tick(),
              },
            },
          ],
          this.byUser(),
        );
        this.planMeeting(meeting);
      }
      this.scheduleWaiting(forum);
    }
  }

  private planMeeting(meeting: SimMeeting): void {
    const calendar = this.calendar;
    this.queueHold(meeting);
    // Drawn in full for every meeting, so the calendar stream does not depend on which case applies.
    const fate = calendar.next();
    const rescheduleLead = calendar.int(5, 40) * DAY;
    const shift = calendar.int(-7, 14) * DAY || 7 * DAY;
    const cancelLead = calendar.int(2, 30) * DAY;
    const reason = calendar.pick(CANCEL_REASONS);
    if (fate < 0.08) this.at(meeting.start - rescheduleLead, () => this.reschedule(meeting, shift));
    else if (fate < 0.11) this.at(meeting.start - cancelLead, () => this.cancel(meeting, reason));
    const rng = meeting.rng;
    const items = rng.poisson(this.options.casesPerMeeting * meeting.forum.plan.ownCases);
    for (let i = 0; i < items; i++) {
      const proposedAt = Math.max(meeting.start - rng.int(10, 50) * DAY, this.now + rng.int(1, 72) * HOUR);
      const caseRng = new Prng(this.options.seed, 20, meeting.serial, i);
      this.at(proposedAt, () => this.propose(meeting.forum, caseRng));
    }
  }

  private queueHold(meeting: SimMeeting): void {
    const token = ++meeting.holdToken;
    this.at(meeting.end, () => {
      if (meeting.holdToken === token) this.hold(meeting);
    });
  }

  private reschedule(meeting: SimMeeting, shift: number): void {
    if (meeting.status !== 'scheduled') return;
    const start = meeting.start + shift;
    const date = new Date(start);
    const weekday = date.getUTCDay();
    const adjusted = start + (weekday === 6 ? 2 : weekday === 0 ? 1 : 0) * DAY;
    if (adjusted <= this.now + DAY) return;
    const previousStartsAt = isoLocal(meeting.start);
    const length = meeting.end - meeting.start;
    meeting.start = adjusted;
    meeting.end = adjusted + length;
    this.emit(
      meeting,
      [
        {
          type: 'MeetingRescheduled',
          data: {
            meetingId: meeting.id,
            forumId: meeting.forum.plan.id,
            startsAt: isoLocal(meeting.start),
            endsAt: isoLocal(meeting.end),
            previousStartsAt,
            rescheduledAt: this.tick(),
          },
        },
      ],
      this.byUser(),
    );
    this.queueHold(meeting);
  }

  private cancel(meeting: SimMeeting, reason: string): void {
    if (meeting.status !== 'scheduled') return;
    meeting.status = 'cancelled';
    const [cancelledEvent] = this.emit(
      meeting,
      [{ type: 'MeetingCancelled', data: { meetingId: meeting.id, forumId: meeting.forum.plan.id, reason, cancelledAt: this.tick() } }],
      this.byUser(),
    );
    // The process manager moves the cancelled meeting's cases to the one after, or parks them until there is one.
    const forum = meeting.forum;
    for (const subject of [...meeting.agenda]) {
      meeting.agenda.delete(subject);
      const next = this.nextMeeting(forum, this.now);
      if (next) this.scheduleOn(subject, next, this.byProcessManager(cancelledEvent, subject, 'schedule'));
      else {
        this.emit(
          subject,
          [
            {
              type: 'CasePostponed',
              data: { caseId: subject.id, forumId: forum.plan.id, fromMeetingId: meeting.id, reason: 'Mødet blev aflyst', postponedAt: this.tick() },
            },
          ],
          this.byProcessManager(cancelledEvent, subject, 'wait'),
        );
        subject.steps.set(forum.plan.id, { state: 'waiting' });
        forum.waiting.add(subject);
      }
    }
  }

  private hold(meeting: SimMeeting): void {
    if (meeting.status !== 'scheduled') return;
    meeting.status = 'held';
    const plan = meeting.forum.plan;
    this.emit(meeting, [{ type: 'MeetingHeld', data: { meetingId: meeting.id, forumId: plan.id, heldAt: this.tick() } }], this.byUser());
    // The minutes are entered an hour or two after the meeting, item by item, in agenda order.
    this.now += meeting.rng.int(1, 2) * HOUR;
    for (const subject of [...meeting.agenda]) {
      meeting.agenda.delete(subject);
      if (subject.status !== 'open') continue;
      this.treatItem(subject, meeting);
    }
  }

  // --- cases ----------------------------------------------------------------------------------------

  private propose(forum: SimForum, rng: Prng): void {
    const id = this.ids.uuid();
    const correlationId = this.ids.uuid();
    const subject: SimCase = {
      id,
      rng,
      stream: caseStreamId(id),
      rev: -1,
      home: forum,
      kind: rng.weighted<CaseKind>([
        ['decision', 0.5],
        ['information', 0.35],
        ['discussion', 0.15],
      ]),
      status: 'open',
      steps: new Map([[forum.plan.id, { state: 'waiting' }]]),
      pending: 1,
      correlationId,
    };
    const year = new Date(this.now).getUTCFullYear();
    const attachments = Array.from({ length: rng.int(0, 3) }, (_, i) => ({
      title: text.attachmentTitle(rng, i),
      url: rng.chance(0.7) ? `https://www.rammeaftalesjaelland.dk/bilag/${year}/${id.slice(0, 8)}-${i + 1}.pdf` : undefined,
    }));
    this.emit(
      subject,
      [
        {
          type: 'CaseProposed',
          data: {
            caseId: id,
            forumId: forum.plan.id,
            title: text.caseTitle(rng, year),
            kind: subject.kind,
            summary: rng.chance(0.9) ? text.caseSummary(rng) : undefined,
            recommendation: text.recommendation(rng, forum.plan.name),
            background: rng.chance(0.7) ? text.caseBackground(rng) : undefined,
            attachments,
            presenter: rng.chance(0.8) ? text.person(rng).name : undefined,
            proposedAt: this.tick(),
          },
        },
      ],
      this.byUser(correlationId),
    );
    // The secretariat puts it on the forum's next meeting that is far enough off to send out material.
    const target = this.nextMeeting(forum, this.now + 2 * DAY);
    if (target) this.scheduleOn(subject, target, this.byUser(correlationId));
    else forum.waiting.add(subject);
    if (rng.chance(0.02)) {
      const until = target ? target.start - this.now : 30 * DAY;
      this.at(this.now + Math.max(HOUR, rng.uniform(0.1, 0.9) * until), () => this.withdraw(subject));
    }
  }

  private scheduleOn(subject: SimCase, meeting: SimMeeting, metadata: EventMetadata): void {
    const forumId = meeting.forum.plan.id;
    const step = subject.steps.get(forumId);
    this.emit(
      subject,
      [
        {
          type: 'CaseScheduled',
          data: {
            caseId: subject.id,
            forumId,
            meetingId: meeting.id,
            startsAt: isoLocal(meeting.start),
            previousMeetingId: step?.state === 'scheduled' ? step.meeting?.id : undefined,
            scheduledAt: this.tick(),
          },
        },
      ],
      metadata,
    );
    subject.steps.set(forumId, { state: 'scheduled', meeting });
    meeting.agenda.add(subject);
    meeting.forum.waiting.delete(subject);
  }

  /** A new calendar gives waiting cases a meeting: the process manager for moved ones, the secretariat for new. */
  private scheduleWaiting(forum: SimForum): void {
    if (forum.waiting.size === 0) return;
    const next = this.nextMeeting(forum, this.now + DAY);
    if (!next) return;
    for (const subject of [...forum.waiting]) {
      if (subject.status !== 'open') {
        forum.waiting.delete(subject);
        continue;
      }
      this.scheduleOn(subject, next, subject.home === forum && subject.steps.size === 1 ? this.byUser(subject.correlationId) : this.byProcessManager(next.id, subject, 'schedule'));
    }
  }

  private withdraw(subject: SimCase): void {
    if (subject.status !== 'open') return;
    subject.status = 'withdrawn';
    this.emit(subject, [{ type: 'CaseWithdrawn', data: { caseId: subject.id, reason: 'Sagen trækkes af forslagsstiller', withdrawnAt: this.tick() } }], this.byUser(subject.correlationId));
    for (const [forumId, step] of subject.steps) {
      step.meeting?.agenda.delete(subject);
      this.forum(forumId).waiting.delete(subject);
    }
  }

  private treatItem(subject: SimCase, meeting: SimMeeting): void {
    const rng = subject.rng;
    const forum = meeting.forum;
    const forumId = forum.plan.id;
    const correlationId = subject.correlationId;
    if (rng.chance(0.08)) {
      const named = rng.chance(0.5) ? this.nextMeeting(forum, this.now) : undefined;
      const [postponed] = this.emit(
        subject,
        [
          {
            type: 'CasePostponed',
            data: {
              caseId: subject.id,
              forumId,
              fromMeetingId: meeting.id,
              toMeetingId: named?.id,
              toStartsAt: named && isoLocal(named.start),
              reason: rng.pick(POSTPONE_REASONS),
              postponedAt: this.tick(),
            },
          },
        ],
        this.byUser(correlationId),
      );
      if (named) {
        subject.steps.set(forumId, { state: 'scheduled', meeting: named });
        named.agenda.add(subject);
        return;
      }
      subject.steps.set(forumId, { state: 'waiting' });
      const next = this.nextMeeting(forum, this.now);
      if (next) this.scheduleOn(subject, next, this.byProcessManager(postponed, subject, 'schedule'));
      else forum.waiting.add(subject);
      return;
    }

    const outcome: DecisionOutcome =
      subject.kind === 'information'
        ? 'noted'
        : subject.kind === 'discussion'
          ? 'decided'
          : rng.weighted<DecisionOutcome>([
              ['approved', 0.8],
              ['decided', 0.13],
              ['rejected', 0.07],
            ]);
    this.emit(
      subject,
      [
        {
          type: 'CaseDecided',
          data: { caseId: subject.id, forumId, meetingId: meeting.id, outcome, text: text.decisionText(rng), points: text.decisionPoints(rng), decidedAt: this.tick() },
        },
      ],
      this.byUser(correlationId),
    );
    subject.steps.set(forumId, { state: 'decided', meeting });
    subject.pending--;

    const followUps = rng.poisson(outcome === 'rejected' ? 0 : outcome === 'noted' ? 0.35 : 1.1);
    for (let i = 0; i < followUps; i++) this.assignFollowUp(subject, forum, new Prng(this.options.seed, 30, rng.nextUint32(), rng.nextUint32()));

    const targets = outcome !== 'rejected' && rng.chance(forum.plan.forwardShare) && forum.plan.forwardTo.length > 0 ? rng.weighted(forum.plan.forwardTo).filter((id) => !subject.steps.has(id)) : [];
    if (targets.length > 0) {
      const purpose: ForwardPurpose = rng.chance(0.6) ? 'decision' : 'information';
      const [forwarded] = this.emit(
        subject,
        [{ type: 'CaseForwarded', data: { caseId: subject.id, fromForumId: forumId, fromMeetingId: meeting.id, toForumIds: targets, purpose, forwardedAt: this.tick() } }],
        this.byUser(correlationId),
      );
      for (const targetId of targets) {
        const target = this.forum(targetId);
        subject.steps.set(targetId, { state: 'waiting' });
        subject.pending++;
        const next = this.nextMeeting(target, this.now);
        if (next) this.scheduleOn(subject, next, this.byProcessManager(forwarded, subject, 'schedule'));
        else target.waiting.add(subject);
      }
    }
    if (subject.pending === 0 && rng.chance(0.85)) {
      this.at(this.now + rng.int(1, 21) * DAY, () => {
        if (subject.status !== 'open' || subject.pending !== 0) return;
        subject.status = 'closed';
        this.emit(subject, [{ type: 'CaseClosed', data: { caseId: subject.id, closedAt: this.tick() } }], this.byUser(correlationId));
      });
    }
  }

  // --- follow-ups -----------------------------------------------------------------------------------

  private owners(rng: Prng): Owner[] {
    const first = rng.weighted<() => Owner>([
      [() => text.person(rng), 0.55],
      [() => ({ name: rng.pick(text.MUNICIPALITIES) }), 0.2],
      [() => text.SECRETARIAT, 0.25],
    ])();
    return rng.chance(0.2) ? [first, text.SECRETARIAT === first ? text.person(rng) : text.SECRETARIAT] : [first];
  }

  private assignFollowUp(subject: SimCase, forum: SimForum, rng: Prng): void {
    const id = this.ids.uuid();
    const followUp: SimFollowUp = { id, rng, stream: followUpStreamId(id), rev: -1, caseId: subject.id, status: 'open', escalated: 0 };
    let due: string | undefined;
    let dueBefore: string | undefined;
    let dueTime: number;
    if (rng.chance(0.6)) {
      dueTime = this.now + rng.int(14, 90) * DAY;
      due = localDate(dueTime);
    } else {
      dueBefore = rng.chance(0.75) ? forum.plan.id : (PARENT[forum.plan.id] ?? forum.plan.id);
      dueTime = this.nextMeeting(this.forum(dueBefore), this.now)?.start ?? this.now + 60 * DAY;
    }
    followUp.due = due;
    this.emit(
      followUp,
      [
        {
          type: 'FollowUpAssigned',
          data: {
            followUpId: id,
            caseId: subject.id,
            forumId: forum.plan.id,
            description: text.followUpDescription(rng),
            owners: this.owners(rng),
            due,
            dueBeforeMeetingOfForumId: dueBefore,
            assignedAt: this.tick(),
          },
        },
      ],
      this.byUser(subject.correlationId),
    );

    const fate = rng.next();
    const assignedAt = this.now;
    const late = (): number => (rng.chance(0.25) ? rng.int(1, 30) * DAY : -rng.int(0, 20) * DAY);
    if (fate < 0.8) {
      this.at(Math.max(assignedAt + DAY, dueTime + late()), () => this.complete(followUp));
    } else if (fate < 0.85) {
      this.at(Math.max(assignedAt + DAY, dueTime - rng.int(0, 7) * DAY), () => {
        if (followUp.status !== 'open') return;
        const newDue = localDate(Math.max(dueTime, this.now) + rng.int(14, 60) * DAY);
        this.emit(
          followUp,
          [{ type: 'FollowUpRescheduled', data: { followUpId: id, caseId: subject.id, due: newDue, previousDue: followUp.due, rescheduledAt: this.tick() } }],
          this.byUser(subject.correlationId),
        );
        followUp.due = newDue;
        if (rng.chance(0.75)) this.at(Date.parse(`${newDue}T12:00:00Z`) - rng.int(0, 10) * DAY, () => this.complete(followUp));
        else this.escalate(followUp, Date.parse(`${newDue}T12:00:00Z`));
      });
    } else if (fate < 0.89) {
      this.at(assignedAt + rng.uniform(0.2, 1.2) * Math.max(DAY, dueTime - assignedAt), () => this.cancelFollowUp(followUp, 'Ikke længere relevant'));
    } else {
      this.escalate(followUp, dueTime);
    }
  }

  /** Overdue: the owner is reminded, then the secretariat, the chair, and at last it goes on the agenda. */
  private escalate(followUp: SimFollowUp, dueTime: number): void {
    const rng = followUp.rng;
    const steps: [EscalationLevel, number][] = [
      ['owner', 7],
      ['secretariat', 14],
      ['chair', 28],
      ['agenda', 42],
    ];
    let when = dueTime;
    for (const [level, days] of steps) {
      when = dueTime + days * DAY;
      this.at(when, () => {
        if (followUp.status !== 'open') return;
        this.emit(followUp, [{ type: 'FollowUpEscalated', data: { followUpId: followUp.id, caseId: followUp.caseId, level, escalatedAt: this.tick() } }], this.byUser());
      });
      if (!rng.chance(0.75)) break;
    }
    const ending = rng.next();
    if (ending < 0.5) this.at(when + rng.int(3, 100) * DAY, () => this.complete(followUp));
    else if (ending < 0.8) this.at(when + rng.int(30, 200) * DAY, () => this.cancelFollowUp(followUp, 'Opgaven er overhalet af andre beslutninger'));
  }

  private complete(followUp: SimFollowUp): void {
    if (followUp.status !== 'open') return;
    followUp.status = 'done';
    const note = followUp.rng.chance(0.3) ? 'Udført, se referatet' : undefined;
    this.emit(followUp, [{ type: 'FollowUpCompleted', data: { followUpId: followUp.id, caseId: followUp.caseId, note, completedAt: this.tick() } }], this.byUser());
  }

  private cancelFollowUp(followUp: SimFollowUp, reason: string): void {
    if (followUp.status !== 'open') return;
    followUp.status = 'cancelled';
    this.emit(followUp, [{ type: 'FollowUpCancelled', data: { followUpId: followUp.id, caseId: followUp.caseId, reason, cancelledAt: this.tick() } }], this.byUser());
  }
}
