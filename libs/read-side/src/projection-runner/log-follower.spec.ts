import { EventStore, RecordedEvent, Subscription } from '@app/event-store';
import { Logger } from '@nestjs/common';
import { LogFollower } from './log-follower';

const event = (position: number): RecordedEvent => ({
  id: `event-${position}`,
  streamId: 'meeting-a',
  type: 'MeetingScheduled',
  revision: position - 1,
  position,
  data: {},
  metadata: {},
  recordedAt: new Date(0),
});

/** A log of five events whose first subscription breaks after two, as a dropped connection would. */
const breakingStore = (log: RecordedEvent[], breakAfter: number) => {
  const subscribedAfter: number[] = [];
  const store = {
    subscribeToAll: ({ after = 0 }: { after?: number } = {}): Subscription => {
      subscribedAfter.push(after);
      const first = subscribedAfter.length === 1;
      return {
        stop: async () => undefined,
        async *[Symbol.asyncIterator]() {
          let sent = 0;
          for (const recorded of log.filter((candidate) => candidate.position > after)) {
            if (first && sent === breakAfter) throw new Error('connection dropped');
            sent += 1;
            yield recorded;
          }
        },
      };
    },
  } as unknown as EventStore;
  return { store, subscribedAfter };
};

const quietLogger = { error: () => undefined } as unknown as Logger;

describe('LogFollower', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  const until = async (done: () => boolean) => {
    for (let round = 0; round < 100 && !done(); round++) await jest.advanceTimersByTimeAsync(500);
  };

  it('subscribes again from the last event handled when the subscription fails, and skips none', async () => {
    const log = [1, 2, 3, 4, 5].map(event);
    const { store, subscribedAfter } = breakingStore(log, 2);
    const handled: number[] = [];
    const follower = new LogFollower(store, (recorded) => void handled.push(recorded.position), quietLogger);
    follower.start(0);
    await until(() => handled.length === 5);
    await follower.stop();
    expect(handled).toEqual([1, 2, 3, 4, 5]);
    expect(subscribedAfter.slice(0, 2)).toEqual([0, 2]);
  });

  it('hands an event over again when its handler threw', async () => {
    const { store } = breakingStore([1, 2, 3].map(event), Number.POSITIVE_INFINITY);
    const attempts: number[] = [];
    let failed = false;
    const follower = new LogFollower(
      store,
      (recorded) => {
        attempts.push(recorded.position);
        if (recorded.position === 2 && !failed) {
          failed = true;
          throw new Error('the store did not answer');
        }
      },
      quietLogger,
    );
    follower.start(0);
    await until(() => attempts.filter((position) => position === 3).length > 0);
    await follower.stop();
    expect(attempts.slice(0, 4)).toEqual([1, 2, 2, 3]);
  });
});
