import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { LogFollower } from './log-follower';
import { GroupedProjection, GroupedReadModel, Projection, PROJECTIONS, ReadModel } from './projection';
import { loadSnapshot, READ_MODEL_SNAPSHOTS, ReadModelSnapshotSettings, saveSnapshot } from './read-model-snapshot';
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

/** Raised while the read models are still being folded after a start, before they have reached the log's head (HTTP 503). */
export class ReadModelsCatchingUpError extends Error {
  override readonly name = 'ReadModelsCatchingUpError';
  constructor(readonly reached: number) {
    super('Systemet er netop startet og indlæser sine data. Prøv igen om lidt.');
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
 *
 * That start runs in the background, after the application has started: on a large log it takes seconds,
 * and the API listens meanwhile and says it is catching up (`ready` is false until it has). The snapshot is
 * written in the background too, while the models go on taking events.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly readModels: ReadModels;
  private follower?: LogFollower;
  private waiters: Waiter[] = [];
  private foldedAtSnapshot = 0;
  private isCaughtUp = false;
  private stopping = false;
  private folding?: Promise<{ head: number; from: number }>;
  private reading?: Promise<void>;
  private saving?: Promise<void>;
  private readonly held = new Set<Promise<void>>();
  private readonly reachedHead: Promise<void>;
  private settleReachedHead!: (error?: Error) => void;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) projections: Projection<unknown>[],
    @Optional() @Inject(READ_MODEL_SNAPSHOTS) private readonly snapshots?: ReadModelSnapshotSettings,
  ) {
    this.readModels = new ReadModels(projections);
    this.reachedHead = new Promise<void>((resolve, reject) => {
      this.settleReachedHead = (error) => (error ? reject(error) : resolve());
    });
    // Whoever needs the models caught up asks caughtUp(); a start that fails is logged where it fails.
    this.reachedHead.catch(() => undefined);
  }

  /** Starts folding and returns at once: the application goes on starting, and listens, while the models catch up. */
  onApplicationBootstrap(): void {
    void this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.folding?.catch(() => undefined);
    await this.reading;
    await this.follower?.stop();
    await this.saving;
    await this.saveSnapshot();
  }

  get position(): number {
    return this.readModels.position;
  }

  /** Caught up with the log as it stood at start, and the work held for that (see holdReadyUntil) done. */
  get ready(): boolean {
    return this.isCaughtUp && this.held.size === 0;
  }

  /**
   * Resolves once the models have caught up with the log as it stood at start; rejects where they cannot. A
   * shutdown before then leaves it unsettled: the process is ending, and that is no failure to report.
   */
  caughtUp(): Promise<void> {
    return this.reachedHead;
  }

  /** Resolves once ready; rejects where the models cannot catch up or held work failed. */
  async whenReady(): Promise<void> {
    await this.reachedHead;
    await Promise.all([...this.held]);
  }

  /**
   * Work to do on the caught-up models before the API serves anyone, such as making the first accounts, which
   * must first know whether there are any: `ready` stays false until it is done, and for good where it fails.
   */
  holdReadyUntil(work: () => Promise<void>): void {
    const held = this.reachedHead.then(work);
    this.held.add(held);
    held.then(
      () => this.held.delete(held),
      (error: Error) => this.logger.error(`Work held until the read models were caught up failed: ${error.message}`),
    );
  }

  /** Resolves once the snapshot being written, if any, is written. */
  async snapshotWritten(): Promise<void> {
    await this.saving;
  }

  model<Entity>(projection: GroupedProjection<Entity>): GroupedReadModel<Entity>;
  model<Entity>(projection: Projection<Entity>): ReadModel<Entity>;
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
          reject(this.isCaughtUp ? new ReadModelsBehindError(position, this.position) : new ReadModelsCatchingUpError(this.position));
        }, timeoutMs).unref();
      }
    });
  }

  /**
   * No snapshot is saved while catching up: each save writes every read model whole, and saving every
   * 100,000 events made the first start on a million take 17 s instead of 9. It is saved once caught up.
   */
  private async start(): Promise<void> {
    try {
      this.folding = this.fold();
      const { head, from } = await this.folding;
      if (this.stopping) return;
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
      // What the snapshot restored is served at once, each entity parsed when first asked for; the rest meanwhile.
      this.reading = this.readModels.readUnread(() => this.stopping);
      await this.waitFor(head, Number.POSITIVE_INFINITY);
      this.isCaughtUp = true;
      this.settleReachedHead();
      this.logger.log(`Read models ${from > 0 ? `restored at position ${from} and caught up` : 'built from the log'} to position ${head}`);
    } catch (error) {
      this.logger.error(`The read models could not catch up with the log: ${(error as Error).message}`);
      this.settleReachedHead(error as Error);
    }
  }

  /** The log's head at start, and the position the snapshot restored, if any. */
  private async fold(): Promise<{ head: number; from: number }> {
    const head = await this.store.headPosition();
    const snapshot = this.snapshots ? await loadSnapshot(this.snapshots.file) : undefined;
    const restored = snapshot !== undefined && (await this.readModels.restore(this.store, snapshot));
    if (snapshot && !restored) this.logger.log('The read-model snapshot does not fit this log or these projections; folding the whole log');
    const from = this.readModels.position;
    await this.readModels.catchUp(this.store, head, () => this.stopping);
    return { head, from };
  }

  private apply(event: RecordedEvent): void {
    this.readModels.apply(event);
    this.release();
  }

  /** One save at a time: a save due while another is written waits for a later event. */
  private saveSnapshotWhenDue(): void {
    if (!this.snapshots || this.saving || this.readModels.folded - this.foldedAtSnapshot < this.snapshots.everyEvents) return;
    this.saving = this.saveSnapshot().finally(() => (this.saving = undefined));
  }

  private async saveSnapshot(): Promise<void> {
    const folded = this.readModels.folded;
    const snapshot = folded === this.foldedAtSnapshot ? undefined : this.readModels.frozen();
    if (!this.snapshots || !snapshot) return;
    try {
      await saveSnapshot(this.snapshots.file, snapshot);
      this.foldedAtSnapshot = folded;
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
