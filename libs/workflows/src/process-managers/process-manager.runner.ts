import { CLOCK, Clock, CommandContext, CommandRequest, IdempotencyKeyReusedError, InvalidCommandError } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RefusedError } from '@app/domain';
import { CHECKPOINT_STORE, CheckpointStore, EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { casesProjection, meetingsProjection, nextMeetingOf, Projection, Reaction, reactToScheduling, ReadModels, SchedulingView } from '@app/read-side';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { LogConsumer } from '../consumers/log-consumer';

/** The consumer's name in the checkpoint store, and the prefix of its reactions' idempotency keys. */
export const CASE_SCHEDULING = 'case-scheduling';
/** Refusals that mean the chosen meeting can no longer take the case: the next one is tried. */
const MEETING_GONE = ['meeting.cancelled', 'meeting.past'];
/** Errors no retry can cure: the reaction is recorded as failed at once. */
const PERMANENT_ERRORS = [IdempotencyKeyReusedError, InvalidCommandError];
/** Pauses before the retries of a reaction that failed for another reason; then it is recorded as failed. */
const RETRY_PAUSES_MS = [1000, 2000, 4000, 8000];

/**
 * The case-scheduling process manager: it reacts to every event after its checkpoint against its view as it
 * is when the reaction is carried out, not as it was when the event happened (after a restart the view has
 * caught up with the whole log first). A reaction whose meeting has gone meanwhile tries the next one; one
 * that fails for good is recorded in the checkpoint store and reported by /health, and the worker goes on.
 */
@Injectable()
export class ProcessManagerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProcessManagerRunner.name);
  private readonly consumer: LogConsumer;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly commands: CommandBus,
  ) {
    this.consumer = new LogConsumer(store, checkpoints, {
      name: CASE_SCHEDULING,
      view: new ReadModels([meetingsProjection, casesProjection] as Projection<unknown>[]),
      dataDir: config.dataDir,
      handle: (event) => this.react(event),
      legacyCheckpointStream: `checkpoint-${CASE_SCHEDULING}`,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.consumer.stop();
  }

  /** Carrying a reaction out never throws but where the failure cannot even be recorded: then the event is handed over again. */
  private async react(event: RecordedEvent): Promise<void> {
    for (const reaction of reactToScheduling(event, this.currentView(), this.clock.now())) await this.carryOut(reaction, event);
  }

  private currentView(): SchedulingView {
    return { meetings: this.consumer.view.model(meetingsProjection), cases: this.consumer.view.model(casesProjection) };
  }

  private async carryOut(reaction: Reaction, cause: RecordedEvent): Promise<void> {
    const context: CommandContext = {
      idempotencyKey: `${CASE_SCHEDULING}.${reaction.key}`,
      // Not the choice made: a reaction carried out again after a restart may choose otherwise, and must find the first result.
      requestHash: CASE_SCHEDULING,
      causationId: cause.id,
      correlationId: cause.metadata.correlationId ?? cause.id,
      userId: `process-manager:${CASE_SCHEDULING}`,
    };
    let target = reaction;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.commands.execute(this.requestFor(target, context));
        return;
      } catch (error) {
        if (error instanceof RefusedError) {
          const next = target.kind === 'schedule' && MEETING_GONE.includes(error.code) ? this.meetingAfter(target.meetingId) : undefined;
          if (target.kind === 'schedule' && next) {
            target = { ...target, meetingId: next };
            continue;
          }
          // Someone may have moved the case by hand in the meantime; the rules decide, and a refusal ends the reaction.
          this.logger.log(`No ${target.kind} for case ${target.caseId}: ${error.code}`);
          return;
        }
        if (PERMANENT_ERRORS.some((kind) => error instanceof kind) || attempt >= RETRY_PAUSES_MS.length) {
          await this.recordFailure(target, cause, error);
          return;
        }
        await sleep(RETRY_PAUSES_MS[attempt]);
      }
    }
  }

  private requestFor(reaction: Reaction, context: CommandContext): CommandRequest {
    return reaction.kind === 'schedule'
      ? new CommandRequest('schedule-case', { caseId: reaction.caseId, meetingId: reaction.meetingId }, context)
      : new CommandRequest('postpone-case', { caseId: reaction.caseId, fromMeetingId: reaction.fromMeetingId, reason: 'Mødet blev aflyst' }, context);
  }

  /** The forum's next meeting after one that could not take the case, or undefined. */
  private meetingAfter(meetingId: string): string | undefined {
    const meetings = this.consumer.view.model(meetingsProjection);
    const gone = meetings.get(meetingId);
    if (!gone) return undefined;
    const now = this.clock.now();
    return nextMeetingOf(meetings, gone.forumId, Date.parse(gone.startsAt) > Date.parse(now) ? gone.startsAt : now)?.id;
  }

  private async recordFailure(reaction: Reaction, cause: RecordedEvent, error: unknown): Promise<void> {
    const what = reaction.kind === 'schedule' ? `schedule-case ${reaction.caseId} ${reaction.meetingId}` : `postpone-case ${reaction.caseId} ${reaction.fromMeetingId}`;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.logger.error(`Reaction to event ${cause.id} (position ${cause.position}) failed for good: ${what}: ${message}`);
    await this.checkpoints.recordFailure(CASE_SCHEDULING, { position: cause.position, eventId: cause.id, what, error: message, failedAt: new Date() });
  }
}
