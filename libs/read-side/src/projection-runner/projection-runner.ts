import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { LogFollower } from './log-follower';
import { Projection, PROJECTIONS, ReadModel } from './projection';
import { READ_MODEL_SNAPSHOTS, ReadModelSnapshotSettings, readSnapshot, writeSnapshot } from './read-model-snapshot';
import { ReadModels } from './read-models';

/** Raised when the read models do not reach a position in time (HTTP 503). */
export class ReadModelsBehindError extends Error {
  override readonly name = 'ReadModelsBehindError';
  constructor(
    readonly wanted: number,
    readonly reached: number,
  ) {
    super(`Visningerne er endnu ikke opdateret til position ${wanted} (nået: ${reached}). Prøv igen om lidt.`);
  }
}

interface Waiter {
  position: number;
  resolve: () => void;
}

/**
 * Feeds every projection from the store's subscription, one event at a time, in order. The read models
 * live in memory; nothing else writes to them. At start they are loaded from the last snapshot and caught
 * up from its position, or folded from the whole log where there is none, where it belongs to another log,
 * or where a projection's version has changed since it was written.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly readModels: ReadModels;
  private follower?: LogFollower;
  private waiters: Waiter[] = [];
  private foldedAtSnapshot = 0;
  private caughtUp = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) projections: Projection<unknown>[],
    @Optional() @Inject(READ_MODEL_SNAPSHOTS) private readonly snapshots?: ReadModelSnapshotSettings,
  ) {
    this.readModels = new ReadModels(projections);
  }

  /**
   * No snapshot is saved while catching up: each save writes every read model whole, and saving every
   * 100,000 events made the first start on a million take 17 s instead of 9. It is saved once caught up.
   */
  async onApplicationBootstrap(): Promise<void> {
    const head = await this.store.headPosition();
    const snapshot = this.snapshots ? readSnapshot(this.snapshots.file) : undefined;
    const restored = snapshot !== undefined && (await this.readModels.restore(this.store, snapshot));
    if (snapshot && !restored) this.logger.log('The read-model snapshot does not fit this log or these projections; folding the whole log');
    const from = this.readModels.position;
    await this.readModels.catchUp(this.store, head);
    this.saveSnapshotWhenDue();
    this.follower = new LogFollower(
      this.store,
      (event) => {
        this.apply(event);
        this.saveSnapshotWhenDue();
      },
      this.logger,
    );
    this.follower.start(this.readModels.position);
    await this.waitFor(head, Number.POSITIVE_INFINITY);
    this.caughtUp = true;
    this.logger.log(`Read models ${from > 0 ? `restored at position ${from} and caught up` : 'built from the log'} to position ${head}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower?.stop();
    this.saveSnapshot();
  }

  get position(): number {
    return this.readModels.position;
  }

  get ready(): boolean {
    return this.caughtUp;
  }

  model<Entity>(projection: Projection<Entity>): ReadModel<Entity> {
    return this.readModels.model(projection);
  }

  /** Resolves once the read models include `position`; read-your-writes for clients that pass `?after=`. */
  waitFor(position: number, timeoutMs: number): Promise<void> {
    if (position <= this.position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { position, resolve: () => resolve() };
      this.waiters.push(waiter);
      if (Number.isFinite(timeoutMs)) {
        setTimeout(() => {
          if (!this.waiters.includes(waiter)) return;
          this.waiters = this.waiters.filter((other) => other !== waiter);
          reject(new ReadModelsBehindError(position, this.position));
        }, timeoutMs).unref();
      }
    });
  }

  private apply(event: RecordedEvent): void {
    this.readModels.apply(event);
    this.release();
  }

  private saveSnapshotWhenDue(): void {
    if (this.snapshots && this.readModels.folded - this.foldedAtSnapshot >= this.snapshots.everyEvents) this.saveSnapshot();
  }

  private saveSnapshot(): void {
    const snapshot = this.readModels.folded === this.foldedAtSnapshot ? undefined : this.readModels.snapshot();
    if (!this.snapshots || !snapshot) return;
    try {
      writeSnapshot(this.snapshots.file, snapshot);
      this.foldedAtSnapshot = this.readModels.folded;
    } catch (error) {
      this.logger.warn(`The read-model snapshot was not written (${(error as Error).message}); the next start folds more of the log`);
    }
  }

  private release(): void {
    if (!this.waiters.some((waiter) => waiter.position <= this.position)) return;
    const [due, waiting] = [this.waiters.filter((w) => w.position <= this.position), this.waiters.filter((w) => w.position > this.position)];
    this.waiters = waiting;
    due.forEach((waiter) => waiter.resolve());
  }
}
