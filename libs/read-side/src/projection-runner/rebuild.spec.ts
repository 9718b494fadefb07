import {
  CaseCommand,
  caseDecider,
  CaseState,
  caseStreamId,
  DecisionOutcome,
  escalationLevels,
  FollowUpCommand,
  followUpDecider,
  FollowUpState,
  followUpStreamId,
  isRefusal,
  MeetingCommand,
  meetingDecider,
  MeetingFacts,
  MeetingState,
  meetingStreamId,
} from '@app/domain';
import type { EventStore, RecordedEvent, Subscription } from '@app/event-store';
import { Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { casesProjection } from '../cases/cases.projection';
import { followUpsProjection } from '../follow-ups/follow-ups.projection';
import { meetingsProjection } from '../meetings/meetings.projection';
import { Reaction, reactToScheduling } from '../process-managers/case-scheduling.process-manager';
import { emptyReadModels, foldReadModels, ReadModels } from '../testing/read-side.testing';
import { applyEvent, Projection, ReadModel } from './projection';
import { ProjectionRunner } from './projection-runner';

/** A small seeded PRNG (mulberry32): the same seed gives the same log on every run and machine. */
const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ZONE = 'Europe/Copenhagen';
const HOUR = 60 * 60 * 1000;
const local = (ms: number): string => DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true }) as string;

const FORUMS = ['styregruppen', 'k17', 'kkr-sjaelland', 'kl-koordinationsforum'] as const;
/** Where each forum sends a case on, as the minutes do: "videresendes til K17 og KKR", "... til Koordinationsforum". */
const ONWARD: Record<string, string[][]> = {
  styregruppen: [['k17'], ['k17', 'kkr-sjaelland'], ['kl-koordinationsforum']],
  k17: [['kkr-sjaelland']],
  'kkr-sjaelland': [['kl-koordinationsforum']],
  'kl-koordinationsforum': [],
};
const TITLES = [
  'Kvalitet i samarbejdet mellem kommuner og forsorgshjem',
  'Socialtilsyn Østs årsrapport',
  'Takstanalyse',
  'Kapacitet på botilbud',
  'Rekruttering af plejefamilier',
  'Ankestyrelsens bestilling',
  'Udviklingsstrategi',
  'Centrale udmeldinger fra Socialstyrelsen',
];
const OWNERS = [
  { name: 'Rammeaftalesekretariatet', email: 'sekretariat@rammeaftale.example' },
  { name: 'Slagelse Kommune', organisation: 'Slagelse Kommune' },
  { name: 'Region Sjælland', organisation: 'Region Sjælland' },
  { name: 'KKR-formandskabet', organisation: 'KKR Sjælland' },
];
const PLACES = ['Regionshuset, Sorø', 'Ringsted Rådhus', 'Holbæk Rådhus', undefined];
const OUTCOMES: DecisionOutcome[] = ['approved', 'noted', 'decided', 'rejected'];

/**
 * Plays the secretariat through a year and a half of meetings, cases and follow-ups: every command goes
 * through the domain's deciders (refused ones leave nothing), and the case-scheduling process manager reacts
 * to every event as the runner would, with its view kept current event by event. The read models are kept
 * live the same way, one event at a time as each is appended.
 */
const simulate = (seed: number, size: number): { log: RecordedEvent[]; live: ReadModels } => {
  const random = mulberry32(seed);
  const chance = (p: number) => random() < p;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[Math.floor(random() * items.length)]);

  const log: RecordedEvent[] = [];
  const revisions = new Map<string, number>();
  const live: ReadModels = emptyReadModels();
  const meetingStates = new Map<string, MeetingState>();
  const caseStates = new Map<string, CaseState>();
  const followUpStates = new Map<string, FollowUpState>();
  const reactions: { reaction: Reaction; cause: RecordedEvent }[] = [];
  let clock = Date.parse('2025-01-06T08:00:00+01:00');
  const now = () => local(clock);

  const record = (streamId: string, event: { type: string; data: unknown }, metadata: RecordedEvent['metadata']): RecordedEvent => {
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const position = log.length === 0 ? 1 : log[log.length - 1].position + between(1, 3);
    const recorded: RecordedEvent = {
      id: `${seed.toString(16).padStart(8, '0')}-0000-4000-8000-${String(position).padStart(12, '0')}`,
      streamId,
      type: event.type,
      revision,
      position,
      data: event.data,
      metadata,
      recordedAt: new Date(clock),
    };
    log.push(recorded);
    applyEvent(live.meetings, meetingsProjection, recorded);
    applyEvent(live.cases, casesProjection, recorded);
    applyEvent(live.followUps, followUpsProjection, recorded);
    if (!recorded.type.startsWith('FollowUp')) reactions.push(...reactToScheduling(recorded, live, now()).map((reaction) => ({ reaction, cause: recorded })));
    return recorded;
  };

  const byProcessManager = (cause?: RecordedEvent): RecordedEvent['metadata'] =>
    cause ? { causationId: cause.id, correlationId: cause.metadata.correlationId ?? cause.id, userId: 'process-manager:case-scheduling' } : { userId: 'sekretariatet' };

  const onMeeting = (meetingId: string, command: MeetingCommand) => {
    const decision = meetingDecider.decide(command, meetingStates.get(meetingId) ?? meetingDecider.initialState());
    if (isRefusal(decision)) return;
    for (const event of decision) {
      meetingStates.set(meetingId, meetingDecider.evolve(meetingStates.get(meetingId) ?? meetingDecider.initialState(), event));
      record(meetingStreamId(meetingId), event, byProcessManager());
    }
  };
  const onCase = (caseId: string, command: CaseCommand, cause?: RecordedEvent) => {
    const decision = caseDecider.decide(command, caseStates.get(caseId) ?? caseDecider.initialState());
    if (isRefusal(decision)) return;
    for (const event of decision) {
      caseStates.set(caseId, caseDecider.evolve(caseStates.get(caseId) ?? caseDecider.initialState(), event));
      record(caseStreamId(caseId), event, byProcessManager(cause));
    }
  };
  const onFollowUp = (followUpId: string, command: FollowUpCommand) => {
    const decision = followUpDecider.decide(command, followUpStates.get(followUpId) ?? followUpDecider.initialState());
    if (isRefusal(decision)) return;
    for (const event of decision) {
      followUpStates.set(followUpId, followUpDecider.evolve(followUpStates.get(followUpId) ?? followUpDecider.initialState(), event));
      record(followUpStreamId(followUpId), event, byProcessManager());
    }
  };
  /** Carries out the process manager's reactions, and the reactions to those, as the runner does. */
  const drainReactions = () => {
    for (let next = reactions.shift(); next; next = reactions.shift()) {
      const { reaction, cause } = next;
      if (reaction.kind === 'schedule') {
        const meeting = facts(reaction.meetingId);
        if (meeting) onCase(reaction.caseId, { type: 'ScheduleCase', meeting, now: now() }, cause);
      } else {
        onCase(reaction.caseId, { type: 'PostponeCase', fromMeetingId: reaction.fromMeetingId, reason: 'Mødet blev aflyst', now: now() }, cause);
      }
    }
  };

  const facts = (meetingId: string): MeetingFacts | undefined => {
    const state = meetingStates.get(meetingId);
    return !state || state.status === 'none' ? undefined : { meetingId, forumId: state.forumId, startsAt: state.startsAt, status: state.status };
  };
  const meetings = () => [...meetingStates.values()].flatMap((state) => (state.status === 'none' ? [] : [state]));
  const upcoming = (forumId?: string) =>
    meetings()
      .filter((meeting) => meeting.status === 'scheduled' && Date.parse(meeting.startsAt) > clock && (forumId === undefined || meeting.forumId === forumId))
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const openCases = () => [...caseStates.values()].flatMap((state) => (state.status === 'open' ? [state] : []));
  const openFollowUps = () => [...followUpStates.values()].flatMap((state) => (state.status === 'open' ? [state] : []));

  let cases = 0;
  let followUps = 0;

  /** What happens at a meeting once it has begun: decisions, forwards, postponements, follow-ups; then it is marked held. */
  const holdMeeting = (meeting: MeetingFacts) => {
    clock = Math.max(clock, Date.parse(meeting.startsAt) + between(20, 150) * 60_000);
    for (const state of openCases()) {
      const step = state.steps[meeting.forumId];
      if (!step || step.meetingId !== meeting.meetingId || step.state !== 'scheduled') continue;
      const roll = random();
      if (roll < 0.65) {
        onCase(state.caseId, { type: 'DecideCase', meeting, outcome: pick(OUTCOMES)!, text: `Beslutning om ${state.title}`, points: ['Tiltrådte indstillingen'], now: now() });
        const onward = pick(ONWARD[meeting.forumId]);
        if (onward && chance(0.55)) onCase(state.caseId, { type: 'ForwardCase', meeting, toForumIds: onward, purpose: chance(0.5) ? 'decision' : 'information', now: now() });
        if (chance(0.45)) {
          followUps += 1;
          onFollowUp(`opf-${seed}-${followUps}`, {
            type: 'AssignFollowUp',
            followUpId: `opf-${seed}-${followUps}`,
            case: { caseId: state.caseId, forumId: meeting.forumId, status: 'open' },
            description: `Opfølgning på ${state.title}`,
            owners: [pick(OWNERS)!],
            ...(chance(0.5) ? { due: local(clock + between(3, 45) * 24 * HOUR).slice(0, 10) } : { dueBeforeMeetingOfForumId: pick(FORUMS)! }),
            now: now(),
          });
        }
      } else if (roll < 0.85) {
        const later = upcoming(meeting.forumId).filter((other) => other.meetingId !== meeting.meetingId);
        const to = chance(0.5) ? later[0] : undefined;
        onCase(state.caseId, { type: 'PostponeCase', fromMeetingId: meeting.meetingId, to: to && facts(to.meetingId), reason: 'Punktet udsættes', now: now() });
      }
      drainReactions();
    }
    if (chance(0.9)) onMeeting(meeting.meetingId, { type: 'MarkMeetingHeld', now: now() });
    drainReactions();
  };

  const actions: [number, () => void][] = [
    [
      3,
      () => {
        const forumId = pick(['styregruppen', 'styregruppen', 'k17', 'k17', 'kkr-sjaelland', 'kl-koordinationsforum'])!;
        const start = DateTime.fromMillis(clock, { zone: ZONE })
          .plus({ days: between(10, 90) })
          .set({ hour: pick([9, 10, 11, 12, 13, 16])!, minute: 0, second: 0, millisecond: 0 });
        const startsAt = start.toISO({ suppressMilliseconds: true }) as string;
        const endsAt = chance(0.8) ? (start.plus({ hours: 3 }).toISO({ suppressMilliseconds: true }) as string) : undefined;
        const meetingId = `${forumId}-${startsAt.slice(0, 10)}`;
        onMeeting(meetingId, { type: 'ScheduleMeeting', meetingId, forumId, startsAt, endsAt, place: pick(PLACES), now: now() });
      },
    ],
    [
      1,
      () => {
        const meeting = pick(upcoming());
        if (!meeting) return;
        const startsAt = DateTime.fromISO(meeting.startsAt, { zone: ZONE }).plus({ days: between(-6, 21) }).toISO({ suppressMilliseconds: true }) as string;
        onMeeting(meeting.meetingId, { type: 'RescheduleMeeting', startsAt, now: now() });
      },
    ],
    [0.6, () => pick(upcoming()) && onMeeting(pick(upcoming())!.meetingId, { type: 'CancelMeeting', reason: 'For få tilmeldte', now: now() })],
    [
      3,
      () => {
        cases += 1;
        const caseId = `sag-${seed}-${cases}`;
        onCase(caseId, {
          type: 'ProposeCase',
          caseId,
          forumId: chance(0.8) ? 'styregruppen' : 'k17',
          title: `${pick(TITLES)} (${cases})`,
          kind: pick(['decision', 'discussion', 'information'] as const)!,
          recommendation: ['Det indstilles, at styregruppen godkender indstillingen'],
          presenter: pick(OWNERS)!.name,
          now: now(),
        });
      },
    ],
    [
      3,
      () => {
        const candidates = openCases().flatMap((state) => Object.values(state.steps).filter((step) => step.state === 'waiting').map((step) => ({ state, step })));
        const chosen = pick(candidates);
        const meeting = chosen && pick(upcoming(chosen.step.forumId).slice(0, 2));
        if (chosen && meeting) onCase(chosen.state.caseId, { type: 'ScheduleCase', meeting: facts(meeting.meetingId)!, now: now() });
      },
    ],
    [
      0.6,
      () => {
        const candidates = openCases().flatMap((state) =>
          Object.values(state.steps).filter((step) => step.state === 'scheduled' && step.meetingId && Date.parse(step.startsAt ?? '') > clock).map((step) => ({ state, step })),
        );
        const chosen = pick(candidates);
        if (!chosen) return;
        const to = chance(0.5) ? upcoming(chosen.step.forumId).find((meeting) => meeting.meetingId !== chosen.step.meetingId) : undefined;
        onCase(chosen.state.caseId, { type: 'PostponeCase', fromMeetingId: chosen.step.meetingId!, to: to && facts(to.meetingId), reason: 'Materialet er ikke klar', now: now() });
      },
    ],
    [
      0.4,
      () => {
        // "Sagen genbehandles på næste styregruppemøde": a decided case comes back to a later meeting of the same forum.
        const decided = openCases().flatMap((state) => Object.values(state.steps).filter((step) => step.state === 'decided').map((step) => ({ state, step })));
        const chosen = pick(decided);
        const meeting = chosen && upcoming(chosen.step.forumId)[0];
        if (chosen && meeting) onCase(chosen.state.caseId, { type: 'ScheduleCase', meeting: facts(meeting.meetingId)!, now: now() });
      },
    ],
    [0.3, () => pick(openCases()) && onCase(pick(openCases())!.caseId, { type: 'WithdrawCase', reason: 'Trukket af forslagsstiller', now: now() })],
    [
      0.5,
      () => {
        const done = openCases().filter((state) => Object.values(state.steps).every((step) => step.state === 'decided'));
        const state = pick(done);
        if (state) onCase(state.caseId, { type: 'CloseCase', now: now() });
      },
    ],
    [
      1.2,
      () => {
        const state = pick(openCases());
        if (!state) return;
        followUps += 1;
        const followUpId = `opf-${seed}-${followUps}`;
        onFollowUp(followUpId, {
          type: 'AssignFollowUp',
          followUpId,
          case: { caseId: state.caseId, forumId: state.forumId, status: state.status },
          description: `Sekretariatet følger op på ${state.title}`,
          owners: chance(0.3) ? [pick(OWNERS)!, OWNERS[0]] : [pick(OWNERS)!],
          ...(chance(0.6) ? { due: local(clock + between(2, 40) * 24 * HOUR).slice(0, 10) } : { dueBeforeMeetingOfForumId: pick(FORUMS)! }),
          now: now(),
        });
      },
    ],
    [1.2, () => pick(openFollowUps()) && onFollowUp(pick(openFollowUps())!.followUpId, { type: 'CompleteFollowUp', note: 'Udført', now: now() })],
    [
      0.6,
      () => {
        const followUp = pick(openFollowUps());
        if (followUp) onFollowUp(followUp.followUpId, { type: 'RescheduleFollowUp', due: local(clock + between(5, 30) * 24 * HOUR).slice(0, 10), now: now() });
      },
    ],
    [0.3, () => pick(openFollowUps()) && onFollowUp(pick(openFollowUps())!.followUpId, { type: 'CancelFollowUp', reason: 'Ikke længere relevant', now: now() })],
    [
      0.7,
      () => {
        const followUp = pick(openFollowUps());
        if (followUp) onFollowUp(followUp.followUpId, { type: 'EscalateFollowUp', level: pick(escalationLevels)!, now: now() });
      },
    ],
  ];
  const totalWeight = actions.reduce((sum, [weight]) => sum + weight, 0);

  for (let round = 0; log.length < size && round < 20 * size; round += 1) {
    const nextStart = upcoming()[0];
    const step = clock + between(2, 60) * HOUR;
    if (nextStart && Date.parse(nextStart.startsAt) <= step) {
      holdMeeting(facts(nextStart.meetingId)!);
      continue;
    }
    clock = step;
    let roll = random() * totalWeight;
    const [, action] = actions.find(([weight]) => (roll -= weight) < 0) ?? actions[0];
    action();
    drainReactions();
  }
  return { log, live };
};

const rebuild = (events: RecordedEvent[]): ReadModels => foldReadModels(events);

/** The read models as plain objects, so a difference shows entity by entity. */
const plain = (models: { meetings: ReadModel<unknown>; cases: ReadModel<unknown>; followUps: ReadModel<unknown> }) => ({
  meetings: Object.fromEntries(models.meetings),
  cases: Object.fromEntries(models.cases),
  followUps: Object.fromEntries(models.followUps),
});

/**
 * Splits the log into chunks of varying size, as a subscription hands them over between reconnects; after
 * each border the events before it come again, as they do when a subscription resumes from a checkpoint
 * saved before what it had handled: sometimes just the last one or few, sometimes up to sixty (a checkpoint
 * is saved about once a second, and a busy second can hold many events).
 */
const chunksWithRedelivery = (log: RecordedEvent[], seed: number): RecordedEvent[][] => {
  const random = mulberry32(seed ^ 0x5eed);
  const chunks: RecordedEvent[][] = [];
  let from = 0;
  while (from < log.length) {
    const to = Math.min(log.length, from + 5 + Math.floor(random() * 60));
    const back = 1 + Math.floor(random() * (random() < 0.5 ? 6 : 60));
    const again = from === 0 ? [] : log.slice(Math.max(0, from - back), from);
    chunks.push([...again, ...log.slice(from, to)]);
    from = to;
  }
  return chunks;
};

/**
 * A store whose one subscription hands out the given deliveries, then waits for new events until stopped.
 * Its pages are empty, so the runner's catch-up finds nothing and every event comes through the subscription.
 */
const storeDelivering = (deliveries: RecordedEvent[], head: number): EventStore => {
  const refuse = () => Promise.reject(new Error('not used by the projection runner'));
  return {
    headPosition: async () => head,
    subscribeToAll: (): Subscription => {
      let stop: () => void = () => undefined;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      return {
        async *[Symbol.asyncIterator]() {
          for (const event of deliveries) {
            await Promise.resolve();
            yield event;
          }
          await stopped;
        },
        stop: async () => stop(),
      };
    },
    append: refuse,
    appendAll: refuse,
    readStream: refuse,
    readAll: async () => [],
    close: async () => undefined,
  };
};

const EVENT_TYPES = [
  'MeetingScheduled',
  'MeetingRescheduled',
  'MeetingCancelled',
  'MeetingHeld',
  'CaseProposed',
  'CaseScheduled',
  'CasePostponed',
  'CaseDecided',
  'CaseForwarded',
  'CaseWithdrawn',
  'CaseClosed',
  'FollowUpAssigned',
  'FollowUpCompleted',
  'FollowUpRescheduled',
  'FollowUpCancelled',
  'FollowUpEscalated',
];

describe.each([20250502, 20250808, 20250919])('rebuild from the log, for the log generated from seed %i', (seed) => {
  const { log, live } = simulate(seed, 400);

  it('is a realistic log: a few hundred events of every kind, positions strictly rising, some cases moved by the process manager', () => {
    expect(log.length).toBeGreaterThanOrEqual(400);
    expect(new Set(log.map((event) => event.type))).toEqual(new Set(EVENT_TYPES));
    expect(log.every((event, index) => index === 0 || event.position > log[index - 1].position)).toBe(true);
    expect(log.filter((event) => event.metadata.userId === 'process-manager:case-scheduling').length).toBeGreaterThan(5);
    expect(live.cases.size).toBeGreaterThan(10);
    expect(live.followUps.size).toBeGreaterThan(10);
  });

  it('given the read models kept live while the log was written, when they are rebuilt from the log in one go, then they are the same', () => {
    expect(plain(rebuild(log))).toStrictEqual(plain(live));
  });

  it('given the log in chunks with the events before each border delivered again, then the read models equal those of one fold', () => {
    const chunks = chunksWithRedelivery(log, seed);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.reduce((sum, chunk) => sum + chunk.length, 0)).toBeGreaterThan(log.length);
    const models: ReadModels = emptyReadModels();
    for (const chunk of chunks) foldReadModels(chunk, models);
    expect(plain(models)).toStrictEqual(plain(rebuild(log)));
  });

  it('given the log in chunks with redeliveries, then each forum\'s open follow-ups are the open ones of that forum, in the order they were assigned', () => {
    const models: ReadModels = emptyReadModels();
    for (const chunk of chunksWithRedelivery(log, seed)) foldReadModels(chunk, models);
    const forums = new Set([...models.followUps.values()].map((record) => record.forumId));
    expect(forums.size).toBeGreaterThan(1);
    for (const forumId of [...forums, 'no-such-forum']) {
      const byHand = log.flatMap((event) => (event.type === 'FollowUpAssigned' && (event.data as { forumId: string }).forumId === forumId ? [(event.data as { followUpId: string }).followUpId] : []));
      const stillOpen = byHand.filter((id) => models.followUps.get(id)?.status === 'open');
      expect({ forumId, keys: [...models.openFollowUps.keysIn(forumId)] }).toEqual({ forumId, keys: stillOpen });
    }
  });

  it('given every event delivered twice in a row, then the read models equal those of one fold', () => {
    expect(plain(rebuild(log.flatMap((event) => [event, event])))).toStrictEqual(plain(rebuild(log)));
  });

  it('given the projection runner fed by a subscription that redelivers at reconnects, when it has caught up, then its read models equal the rebuilt ones', async () => {
    Logger.overrideLogger(false);
    const deliveries = chunksWithRedelivery(log, seed).flat();
    const runner = new ProjectionRunner(storeDelivering(deliveries, log[log.length - 1].position), [
      meetingsProjection,
      casesProjection,
      followUpsProjection,
    ] as Projection<unknown>[]);
    await runner.onApplicationBootstrap();
    await runner.caughtUp();
    try {
      expect(runner.ready).toBe(true);
      expect(runner.position).toBe(log[log.length - 1].position);
      expect(plain({ meetings: runner.model(meetingsProjection), cases: runner.model(casesProjection), followUps: runner.model(followUpsProjection) })).toStrictEqual(
        plain(rebuild(log)),
      );
    } finally {
      await runner.onApplicationShutdown();
    }
  });
});
