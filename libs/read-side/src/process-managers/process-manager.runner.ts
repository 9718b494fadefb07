import { CLOCK, Clock, CommandContext, CommandRequest } from '@app/commands';
import { RefusedError } from '@app/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CaseSummary, casesProjection } from '../cases/cases.projection';
import { MeetingView, meetingsProjection } from '../meetings/meetings.projection';
import { LogFollower } from '../projection-runner/log-follower';
import { applyEvent } from '../projection-runner/projection';
import { Reaction, reactToScheduling, SchedulingView } from './case-scheduling.process-manager';

const NAME = 'case-scheduling';
const CHECKPOINT_STREAM = `checkpoint-${NAME}`;
/** Saving the checkpoint after every event would double the log; a stale one only hands events over again, and reactions are idempotent. */
const CHECKPOINT_EVERY_MS = 1000;

/**
 * Runs the process managers from the store's subscription. The view is rebuilt from the whole log at start;
 * only events after the persisted checkpoint get reactions, and each reaction is a command whose
 * idempotency key comes from the causing event, so replaying the log never repeats one.
 */
@Injectable()
export class ProcessManagerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProcessManagerRunner.name);
  private readonly meetings = new Map<string, MeetingView>();
  private readonly cases = new Map<string, CaseSummary>();
  private readonly view: SchedulingView = { meetings: this.meetings, cases: this.cases };
  private follower?: LogFollower;
  private reactFrom = 0;
  private handled = 0;
  private saved = 0;
  private saving?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [last] = await this.store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
    // Without a checkpoint every event gets its reaction once: a log imported before the first start included.
    this.reactFrom = this.saved = this.handled = last ? (last.data as { position: number }).position : 0;
    this.follower = new LogFollower(this.store, (event) => this.handle(event), this.logger, { streamPrefixes: ['case-', 'meeting-'] });
    this.follower.start(0);
    this.timer = setInterval(() => void this.saveCheckpoint(), CHECKPOINT_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.follower?.stop();
    await this.saveCheckpoint();
  }

  /** A reaction that fails for another reason than a refusal throws, and the follower hands the event over again. */
  private async handle(event: RecordedEvent): Promise<void> {
    applyEvent(this.meetings, meetingsProjection, event);
    applyEvent(this.cases, casesProjection, event);
    if (event.position > this.reactFrom) {
      for (const reaction of reactToScheduling(event, this.view, this.clock.now())) await this.carryOut(reaction, event);
    }
    this.handled = event.position;
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

  /** One save at a time; a timer calls it, so the checkpoint also moves while no new events come. */
  private saveCheckpoint(): Promise<void> {
    this.saving ??= this.writeCheckpoint().finally(() => (this.saving = undefined));
    return this.saving;
  }

  private async writeCheckpoint(): Promise<void> {
    const position = this.handled;
    if (position <= this.saved) return;
    try {
      await this.store.append(CHECKPOINT_STREAM, [{ type: 'CheckpointStored', data: { position } }]);
      this.saved = position;
    } catch (error) {
      this.logger.warn(`The checkpoint was not saved (${(error as Error).message}); after a restart the events since the last one are handed over again, and their reactions append nothing twice`);
    }
  }
}
