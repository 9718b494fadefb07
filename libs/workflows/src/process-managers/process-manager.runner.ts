import { CLOCK, Clock, CommandContext, CommandRequest } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RefusedError } from '@app/domain';
import { CHECKPOINT_STORE, CheckpointStore, EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import {
  casesProjection,
  LogFollower,
  meetingsProjection,
  Projection,
  Reaction,
  reactToScheduling,
  READ_MODELS_FILE,
  ReadModels,
  ReadModelSnapshot,
  readSnapshot,
  SNAPSHOT_EVERY_EVENTS,
  writeSnapshot,
} from '@app/read-side';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { join } from 'node:path';

const NAME = 'case-scheduling';
/** The worker's own snapshot of its view, beside the API's. */
const VIEW_FILE = `${NAME}.view.json`;
/** Where versions before the checkpoint store kept the checkpoint: in the log. Read once, so an upgraded worker goes on where it was. */
const LEGACY_CHECKPOINT_STREAM = `checkpoint-${NAME}`;
/** Saving after every event would cost a write per event; a stale checkpoint only hands events over again, and reactions are idempotent. */
const CHECKPOINT_EVERY_MS = 1000;

/**
 * Runs the case-scheduling process manager from the store's subscription. Its view (meetings and cases) is
 * restored from a snapshot (its own, or the API's read models) that lies no later than its checkpoint, and
 * folded on from there without reacting up to the checkpoint; every event after it is folded into the view,
 * then reacted to. Each reaction is a command whose idempotency key comes from the causing event, so an
 * event handed over again never repeats one.
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
    const saved = await this.checkpoints.loadCheckpoint(NAME);
    const checkpoint = saved ?? (await this.legacyCheckpoint()) ?? 0;
    this.viewSavedAt = await this.restoreView(checkpoint);
    await this.view.catchUp(this.store, checkpoint);
    this.reactFrom = this.handled = checkpoint;
    this.saved = saved ?? 0;
    if (this.view.position - this.viewSavedAt >= SNAPSHOT_EVERY_EVENTS) this.saveView();
    this.follower = new LogFollower(this.store, (event) => this.handle(event), this.logger, { streamPrefixes: ['case-', 'meeting-'] });
    this.follower.start(this.view.position);
    this.timer = setInterval(() => void this.saveCheckpoint(), CHECKPOINT_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.follower?.stop();
    await this.saveCheckpoint();
    this.saveView();
  }

  /** A reaction that fails for another reason than a refusal throws, and the follower hands the event over again. */
  private async handle(event: RecordedEvent): Promise<void> {
    this.view.apply(event);
    if (event.position > this.reactFrom) {
      const view = { meetings: this.view.model(meetingsProjection), cases: this.view.model(casesProjection) };
      for (const reaction of reactToScheduling(event, view, this.clock.now())) await this.carryOut(reaction, event);
    }
    this.handled = Math.max(this.handled, event.position);
    if (this.view.position - this.viewSavedAt >= SNAPSHOT_EVERY_EVENTS) {
      await this.saveCheckpoint();
      this.saveView();
    }
  }

  private async carryOut(reaction: Reaction, cause: RecordedEvent): Promise<void> {
    const context: CommandContext = {
      idempotencyKey: `${NAME}.${reaction.key}`,
      requestHash: `${NAME}.${reaction.kind}`,
      causationId: cause.id,
      correlationId: cause.metadata.correlationId ?? cause.id,
      userId: `process-manager:${NAME}`,
    };
    try {
      await this.commands.execute(
        reaction.kind === 'schedule'
          ? new CommandRequest('schedule-case', { caseId: reaction.caseId, meetingId: reaction.meetingId }, context)
          : new CommandRequest('postpone-case', { caseId: reaction.caseId, fromMeetingId: reaction.fromMeetingId, reason: 'Mødet blev aflyst' }, context),
      );
    } catch (error) {
      // Someone may have moved the case by hand in the meantime; the rules decide, and a refusal ends the reaction.
      if (!(error instanceof RefusedError)) throw error;
      this.logger.log(`No ${reaction.kind} for case ${reaction.caseId}: ${error.code}`);
    }
  }

  /**
   * The view as of the checkpoint, or as near before it as a snapshot gives: reactions are worked out from
   * the view as of their event, so a snapshot past the checkpoint cannot be used.
   */
  private async restoreView(checkpoint: number): Promise<number> {
    const candidates = [VIEW_FILE, READ_MODELS_FILE]
      .map((file) => readSnapshot(join(this.config.dataDir, file)))
      .filter((snapshot): snapshot is ReadModelSnapshot => snapshot !== undefined && snapshot.position <= checkpoint)
      .sort((a, b) => b.position - a.position);
    for (const snapshot of candidates) {
      if (await this.view.restore(this.store, snapshot)) return snapshot.position;
    }
    return 0;
  }

  /** Only at or before the saved checkpoint, so the next start can use it. */
  private saveView(): void {
    if (this.view.position === this.viewSavedAt || this.view.position > this.saved) return;
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
      await this.checkpoints.saveCheckpoint(NAME, position);
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
