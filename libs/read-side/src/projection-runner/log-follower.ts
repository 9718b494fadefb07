import { EventStore, RecordedEvent, SubscriptionFilter, Subscription } from '@app/event-store';
import { Logger } from '@nestjs/common';

const FIRST_PAUSE_MS = 1000;
const LONGEST_PAUSE_MS = 30_000;

/**
 * Follows the log event by event from a position. Where the subscription fails or ends (a dropped
 * connection, a handler that threw), it subscribes again from the last event handled, after a pause that doubles up to
 * 30 s: neither store resumes a subscription by itself, and an event is never skipped.
 */
export class LogFollower {
  private subscription?: Subscription;
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;

  constructor(
    private readonly store: EventStore,
    private readonly handle: (event: RecordedEvent) => void | Promise<void>,
    private readonly logger: Logger,
    private readonly filter?: SubscriptionFilter,
  ) {}

  start(after: number): void {
    this.running = this.follow(after);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.subscription?.stop();
    await this.running;
  }

  private async follow(after: number): Promise<void> {
    let position = after;
    let pause = FIRST_PAUSE_MS;
    while (!this.stopped) {
      this.subscription = this.store.subscribeToAll({ after: position, filter: this.filter });
      let reason = 'the subscription ended';
      try {
        for await (const event of this.subscription) {
          // Awaited only when it is a promise: a rebuild hands over a million events, and a tick each adds up.
          const handled = this.handle(event);
          if (handled) await handled;
          position = event.position;
          pause = FIRST_PAUSE_MS;
        }
      } catch (error) {
        reason = (error as Error).message;
      }
      if (this.stopped) return;
      this.logger.error(`Following the log stopped after position ${position} (${reason}); subscribing again in ${pause / 1000} s`);
      await this.subscription.stop().catch(() => undefined);
      await this.pause(pause);
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
    }
  }

  /** A pause that `stop()` cuts short, so shutting down never waits out a back-off. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
