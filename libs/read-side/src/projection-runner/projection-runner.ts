import { EVENT_STORE, EventStore, Subscription } from '@app/event-store';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { applyEvent, Projection, PROJECTIONS, ReadModel } from './projection';

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
 * live in memory and are built from the whole log at start; nothing else writes to them.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly models = new Map<string, Map<string, unknown>>();
  private subscription?: Subscription;
  private waiters: Waiter[] = [];
  private reached = 0;
  private caughtUp = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: Projection<unknown>[],
  ) {
    for (const projection of projections) this.models.set(projection.name, new Map());
  }

  async onApplicationBootstrap(): Promise<void> {
    const head = await this.store.headPosition();
    this.subscription = this.store.subscribeToAll({ after: 0 });
    void this.consume(this.subscription);
    await this.waitFor(head, Number.POSITIVE_INFINITY);
    this.caughtUp = true;
    this.logger.log(`Read models built from the log up to position ${head}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
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

  private async consume(subscription: Subscription): Promise<void> {
    try {
      for await (const event of subscription) {
        if (event.position <= this.reached) continue;
        for (const projection of this.projections) applyEvent(this.models.get(projection.name) as Map<string, unknown>, projection, event);
        this.reached = event.position;
        this.release();
      }
    } catch (error) {
      this.logger.error(`Subscription for the read models failed: ${(error as Error).message}`);
    }
  }

  private release(): void {
    const [due, waiting] = [this.waiters.filter((w) => w.position <= this.reached), this.waiters.filter((w) => w.position > this.reached)];
    this.waiters = waiting;
    due.forEach((waiter) => waiter.resolve());
  }
}
