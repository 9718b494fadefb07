import { CLOCK, Clock, CommandContext, CommandRequest, IdempotencyKeyReusedError, InvalidCommandError } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RefusedError } from '@app/domain';
import { CHECKPOINT_STORE, CheckpointStore, EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import {
  casesProjection,
  LogFollower,
  meetingsProjection,
  nextMeetingOf,
  Projection,
  Reaction,
  reactToScheduling,
  READ_MODELS_FILE,
  ReadModels,
  ReadModelSnapshot,
  readSnapshot,
  SchedulingView,
  SNAPSHOT_EVERY_EVENTS,
  writeSnapshot,
} from '@app/read-side';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The consumer's name in the checkpoint store, and the prefix of its reactions' idempotency keys. */
export const CASE_SCHEDULING = 'case-scheduling';
/** The worker's own snapshot of its view, beside the API's. */
const VIEW_FILE = `${CASE_SCHEDULING}.view.json`;
/** Where versions before the checkpoint store kept the checkpoint: in the log. Read once, so an upgraded worker goes on where it was. */
const LEGACY_CHECKPOINT_STREAM = `checkpoint-${CASE_SCHEDULING}`;
/** Saving after every event would cost a write per event; a stale checkpoint only hands events over again, and reactions are idempotent. */
const CHECKPOINT_EVERY_MS = 1000;
/** Refusals that mean the chosen meeting can no longer take the case: the next one is tried. */
const MEETING_GONE = ['meeting.cancelled', 'meeting.past'];
/** Errors no retry can cure: the reaction is recorded as failed at once. */
const PERMANENT_ERRORS = [IdempotencyKeyReusedError, InvalidCommandError];
/** Pauses before the retries of a reaction that failed for another reason; then it is recorded as failed. */
const RETRY_PAUSES_MS = [1000, 2000, 4000, 8000];

/**
 * Runs the case-scheduling process manager from the store's subscription. At start its view (meetings and
 * cases) is restored from the latest snapshot (its own or the API's) and caught up with the whole log before
 * anything is reacted to; then every event after its checkpoint is reacted to against the view as it is
 * when the reaction is carried out, not as it was when the event happened. A reaction whose meeting has
 * gone meanwhile tries the next one; one that fails for good is recorded in the checkpoint store and
 * reported by /health, and the worker goes on with the next event.
 */
@Injectable()
export class ProcessManagerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProcessManagerRunner.name);
  private readonly view = new ReadModels([meetingsProjection, casesProjection] as Projection<unknown>[]);
  private follower?: LogFollower;
  /** Events up to here were reacted to before this start. */
  private reactFrom = 0;
  private handled = 0;
  private saved = 0;
  private viewSavedAt = 0;
  private saving?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Without a checkpoint every event gets its reaction once: a log imported before the first start included.
    const saved = await this.checkpoints.loadCheckpoint(CASE_SCHEDULING);
    const checkpoint = saved ?? (await this.legacyCheckpoint()) ?? 0;
    this.viewSavedAt = await this.restoreView();
    await this.view.catchUp(this.store, await this.store.headPosition());
    this.reactFrom = this.handled = checkpoint;
    this.saved = saved ?? 0;
    if (this.view.position - this.viewSavedAt >= SNAPSHOT_EVERY_EVENTS) this.saveView();
    this.follower = new LogFollower(this.store, (event) => this.handle(event), this.logger);
    this.follower.start(checkpoint);
    this.timer = setInterval(() => void this.saveCheckpoint(), CHECKPOINT_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.follower?.stop();
    await this.saveCheckpoint();
    this.saveView();
  }

  /** Carrying a reaction out never throws but where the failure cannot even be recorded: then the follower hands the event over again. */
  private async handle(event: RecordedEvent): Promise<void> {
    this.view.apply(event);
    if (event.position > this.reactFrom) {
      for (const reaction of reactToScheduling(event, this.currentView(), this.clock.now())) await this.carryOut(reaction, event);
    }
    this.handled = Math.max(this.handled, event.position);
    if (this.view.position - this.viewSavedAt >= SNAPSHOT_EVERY_EVENTS) {
      await this.saveCheckpoint();
      this.saveView();
    }
  }

  private currentView(): SchedulingView {
    return { meetings: this.view.model(meetingsProjection), cases: this.view.model(casesProjection) };
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
    const meetings = this.view.model(meetingsProjection);
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

  /** The latest snapshot that fits this log: the worker's own, or the API's read models. */
  private async restoreView(): Promise<number> {
    const candidates = [VIEW_FILE, READ_MODELS_FILE]
      .map((file) => readSnapshot(join(this.config.dataDir, file)))
      .filter((snapshot): snapshot is ReadModelSnapshot => snapshot !== undefined)
      .sort((a, b) => b.position - a.position);
    for (const snapshot of candidates) {
      if (await this.view.restore(this.store, snapshot)) return snapshot.position;
    }
    return 0;
  }

  private saveView(): void {
    if (this.view.position === this.viewSavedAt) return;
    try {
      writeSnapshot(join(this.config.dataDir, VIEW_FILE), this.view.snapshot());
      this.viewSavedAt = this.view.position;
    } catch (error) {
      this.logger.warn(`The process manager's view was not saved (${(error as Error).message}); the next start folds more of the log`);
    }
  }

  /** One save at a time; a timer calls it, so the checkpoint also moves while no new events come. */
  private saveCheckpoint(): Promise<void> {
    this.saving ??= this.writeCheckpoint().finally(() => (this.saving = undefined));
    return this.saving;
  }

  private async writeCheckpoint(): Promise<void> {
    const position = this.handled;
    if (position <= this.saved) return;
    try {
      await this.checkpoints.saveCheckpoint(CASE_SCHEDULING, position);
      this.saved = position;
    } catch (error) {
      this.logger.warn(`The checkpoint was not saved (${(error as Error).message}); after a restart the events since the last one are handed over again, and their reactions append nothing twice`);
    }
  }

  private async legacyCheckpoint(): Promise<number | undefined> {
    const [last] = await this.store.readStream(LEGACY_CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
    return last ? (last.data as { position: number }).position : undefined;
  }
}
