import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { LogFollower } from './log-follower';
import { applyEvent, Projection, PROJECTIONS, ReadModel } from './projection';
import { READ_MODEL_SNAPSHOTS, ReadModelSnapshotSettings, readSnapshot, writeSnapshot } from './read-model-snapshot';

const CATCH_UP_PAGE = 1000;

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
  private readonly models = new Map<string, Map<string, unknown>>();
  private follower?: LogFollower;
  private waiters: Waiter[] = [];
  private reached = 0;
  private reachedEventId = '';
  private snapshotAt = 0;
  private caughtUp = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: Projection<unknown>[],
    @Optional() @Inject(READ_MODEL_SNAPSHOTS) private readonly snapshots?: ReadModelSnapshotSettings,
  ) {
    for (const projection of projections) this.models.set(projection.name, new Map());
  }

  async onApplicationBootstrap(): Promise<void> {
    const head = await this.store.headPosition();
    const from = await this.restoreSnapshot();
    await this.catchUp(head);
    this.saveSnapshotWhenDue();
    this.follower = new LogFollower(
      this.store,
      (event) => {
        this.apply(event);
        this.saveSnapshotWhenDue();
      },
      this.logger,
    );
    this.follower.start(this.reached);
    await this.waitFor(head, Number.POSITIVE_INFINITY);
    this.caughtUp = true;
    this.logger.log(`Read models ${from > 0 ? `restored at position ${from} and caught up` : 'built from the log'} to position ${head}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower?.stop();
    this.saveSnapshot();
  }

  get position(): number {
    return this.reached;
  }

  get ready(): boolean {
    return this.caughtUp;
  }

  model<Entity>(projection: Projection<Entity>): ReadModel<Entity> {
    return this.models.get(projection.name) as ReadModel<Entity>;
  }

  /** Resolves once the read models include `position`; read-your-writes for clients that pass `?after=`. */
  waitFor(position: number, timeoutMs: number): Promise<void> {
    if (position <= this.reached) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { position, resolve: () => resolve() };
      this.waiters.push(waiter);
      if (Number.isFinite(timeoutMs)) {
        setTimeout(() => {
          if (!this.waiters.includes(waiter)) return;
          this.waiters = this.waiters.filter((other) => other !== waiter);
          reject(new ReadModelsBehindError(position, this.reached));
        }, timeoutMs).unref();
      }
    });
  }

  /**
   * Far behind, the log is read in pages and applied page by page: handing a million events over one awaited
   * event at a time cost more than the projections themselves. The subscription takes over from there.
   * No snapshot is saved on the way: each save writes every read model whole, and saving every 100,000
   * events made the first start on a million take 17 s instead of 9. It is saved once caught up.
   */
  private async catchUp(head: number): Promise<void> {
    while (this.reached < head) {
      const page = await this.store.readAll({ after: this.reached, maxCount: CATCH_UP_PAGE });
      if (page.length === 0) return;
      for (const event of page) this.apply(event);
    }
  }

  private apply(event: RecordedEvent): void {
    if (event.position <= this.reached) return;
    for (const projection of this.projections) applyEvent(this.models.get(projection.name) as Map<string, unknown>, projection, event);
    this.reached = event.position;
    this.reachedEventId = event.id;
    this.release();
  }

  /** Loads the snapshot where it fits this log and these projections; the position to catch up from. */
  private async restoreSnapshot(): Promise<number> {
    const snapshot = this.snapshots ? readSnapshot(this.snapshots.file) : undefined;
    if (!snapshot) return 0;
    const current = this.projections.every((projection) => snapshot.projections[projection.name]?.version === projection.version);
    const [atPosition] = await this.store.readAll({ after: snapshot.position - 1, maxCount: 1 });
    if (!current || atPosition?.position !== snapshot.position || atPosition.id !== snapshot.lastEventId) {
      this.logger.log('The read-model snapshot does not fit this log or these projections; folding the whole log');
      return 0;
    }
    for (const projection of this.projections) this.models.set(projection.name, new Map(snapshot.projections[projection.name].entries));
    this.reached = this.snapshotAt = snapshot.position;
    this.reachedEventId = snapshot.lastEventId;
    return snapshot.position;
  }

  private saveSnapshotWhenDue(): void {
    if (this.snapshots && this.reached - this.snapshotAt >= this.snapshots.everyEvents) this.saveSnapshot();
  }

  private saveSnapshot(): void {
    if (!this.snapshots || this.reached === this.snapshotAt) return;
    try {
      writeSnapshot(this.snapshots.file, {
        position: this.reached,
        lastEventId: this.reachedEventId,
        projections: Object.fromEntries(
          this.projections.map((projection) => [projection.name, { version: projection.version, entries: [...(this.models.get(projection.name) ?? [])] }]),
        ),
      });
      this.snapshotAt = this.reached;
    } catch (error) {
      this.logger.warn(`The read-model snapshot was not written (${(error as Error).message}); the next start folds more of the log`);
    }
  }

  private release(): void {
    if (!this.waiters.some((waiter) => waiter.position <= this.reached)) return;
    const [due, waiting] = [this.waiters.filter((w) => w.position <= this.reached), this.waiters.filter((w) => w.position > this.reached)];
    this.waiters = waiting;
    due.forEach((waiter) => waiter.resolve());
  }
}
