import { CheckpointStore, EventStore, RecordedEvent } from '@app/event-store';
import { loadSnapshot, LogFollower, READ_MODELS_FILE, ReadModels, ReadModelSnapshot, SNAPSHOT_EVERY_EVENTS, writeSnapshot } from '@app/read-side';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';

/** Saving after every event would cost a write per event; a stale checkpoint only hands events over again, and what acts on them is idempotent. */
const CHECKPOINT_EVERY_MS = 1000;

export interface LogConsumerOptions {
  /** Its name in the checkpoint store, and its snapshot's file name. */
  name: string;
  /** The read models it keeps as its view of the log; it restores and feeds them, and nothing else writes to them. */
  view: ReadModels;
  dataDir: string;
  /** Acts on an event after the checkpoint; the view already includes it, and everything before it in the log. */
  handle: (event: RecordedEvent) => Promise<void>;
  /** Where an older version kept the checkpoint, as events in the log; read once, so an upgrade goes on where it was. */
  legacyCheckpointStream?: string;
}

/**
 * A part of the worker that acts on the log: it keeps a view of the log (read models), restored at start
 * from the latest snapshot (its own or the API's) and caught up with the whole log before it acts on
 * anything; then it acts on every event after its checkpoint, against the view as it is then. Its checkpoint
 * is kept beside the log, saved every second and at shutdown.
 */
export class LogConsumer {
  readonly view: ReadModels;
  private readonly logger: Logger;
  private follower?: LogFollower;
  private actFrom = 0;
  private handled = 0;
  private saved = 0;
  private foldedAtSave = 0;
  private saving?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private reading?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly options: LogConsumerOptions,
  ) {
    this.view = options.view;
    this.logger = new Logger(options.name);
  }

  /** The position after which events are acted on: everything up to it was handled before this start. */
  get checkpoint(): number {
    return this.actFrom;
  }

  async start(): Promise<void> {
    const saved = await this.checkpoints.loadCheckpoint(this.options.name);
    // Without a checkpoint every event is acted on once: a log imported before the first start included.
    const checkpoint = saved ?? (await this.legacyCheckpoint()) ?? 0;
    await this.restoreView();
    await this.view.catchUp(this.store, await this.store.headPosition());
    // The entities the snapshot restored are parsed when first looked at; the rest meanwhile.
    this.reading = this.view.readUnread(() => this.stopping);
    this.actFrom = this.handled = checkpoint;
    this.saved = saved ?? 0;
    if (this.view.folded - this.foldedAtSave >= SNAPSHOT_EVERY_EVENTS) this.saveView();
    this.follower = new LogFollower(this.store, (event) => this.consume(event), this.logger);
    this.follower.start(checkpoint);
    this.timer = setInterval(() => void this.saveCheckpoint(), CHECKPOINT_EVERY_MS);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.reading;
    await this.follower?.stop();
    await this.saveCheckpoint();
    this.saveView();
  }

  /** A handler that throws has the event handed over again, after a pause: where it cannot succeed, it must record that and return. */
  private async consume(event: RecordedEvent): Promise<void> {
    this.view.apply(event);
    if (event.position > this.actFrom) await this.options.handle(event);
    this.handled = Math.max(this.handled, event.position);
    if (this.view.folded - this.foldedAtSave >= SNAPSHOT_EVERY_EVENTS) {
      await this.saveCheckpoint();
      this.saveView();
    }
  }

  private viewFile(): string {
    return join(this.options.dataDir, `${this.options.name}.view.json`);
  }

  /** The latest snapshot that fits this log: the consumer's own, or the API's read models. */
  private async restoreView(): Promise<void> {
    const candidates = (await Promise.all([this.viewFile(), join(this.options.dataDir, READ_MODELS_FILE)].map((file) => loadSnapshot(file))))
      .filter((snapshot): snapshot is ReadModelSnapshot => snapshot !== undefined)
      .sort((a, b) => b.position - a.position);
    for (const snapshot of candidates) {
      if (await this.view.restore(this.store, snapshot)) return;
    }
  }

  private saveView(): void {
    const snapshot = this.view.folded === this.foldedAtSave ? undefined : this.view.frozen();
    if (!snapshot) return;
    try {
      writeSnapshot(this.viewFile(), snapshot);
      this.foldedAtSave = this.view.folded;
    } catch (error) {
      this.logger.warn(`The view was not saved (${(error as Error).message}); the next start folds more of the log`);
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
      await this.checkpoints.saveCheckpoint(this.options.name, position);
      this.saved = position;
    } catch (error) {
      this.logger.warn(`The checkpoint was not saved (${(error as Error).message}); after a restart the events since the last one are handed over again`);
    }
  }

  private async legacyCheckpoint(): Promise<number | undefined> {
    if (!this.options.legacyCheckpointStream) return undefined;
    const [last] = await this.store.readStream(this.options.legacyCheckpointStream, { direction: 'backwards', maxCount: 1 });
    return last ? (last.data as { position: number }).position : undefined;
  }
}
