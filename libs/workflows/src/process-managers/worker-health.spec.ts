import { InMemoryEventStore } from '@app/event-store';
import { CASE_SCHEDULING } from './process-manager.runner';
import { BEHIND_COUNTED_UP_TO, workerHealth } from './worker-health';

/** What /health says of the worker, from the log and its checkpoint, at a moment the test chooses. */
describe('worker health', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  const appendEvents = async (count: number) => {
    const results = [];
    for (let n = 0; n < count; n++) results.push(await store.append(`case-${n}`, [{ type: 'CaseProposed', data: { n } }]));
    return results;
  };
  const recordedAt = async (position: number): Promise<Date> => (await store.readAll({ after: position - 1, maxCount: 1 }))[0].recordedAt;
  const seconds = (from: Date, count: number) => new Date(from.getTime() + count * 1000);

  it('given a worker without a checkpoint and an empty log, reports it up, at position 0 and nothing waiting', async () => {
    expect(await workerHealth(store, store, 60)).toEqual({ status: 'up', position: 0, behind: 0, lagSeconds: 0, failedReactions: 0 });
  });

  it('given three events after its checkpoint, counts them and measures the wait from the oldest, in whole seconds', async () => {
    const [first, second] = await appendEvents(4);
    await store.saveCheckpoint(CASE_SCHEDULING, first.position);
    const oldestWaiting = await recordedAt(second.position);

    const health = await workerHealth(store, store, 60, seconds(oldestWaiting, 2.9));

    expect(health).toMatchObject({ status: 'up', position: first.position, behind: 3, waitingSince: oldestWaiting.toISOString(), lagSeconds: 2 });
    expect(new Date(health.checkpointSavedAt!).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('calls the worker stuck only once an event has waited longer than allowed, not when it has waited exactly that long', async () => {
    const [event] = await appendEvents(1);
    const since = await recordedAt(event.position);

    expect(await workerHealth(store, store, 5, seconds(since, 5))).toMatchObject({ status: 'up', lagSeconds: 5 });
    expect(await workerHealth(store, store, 5, seconds(since, 5.001))).toMatchObject({ status: 'stuck', lagSeconds: 5 });
  });

  it('reports no wait, rather than a negative one, where the clock of this process is behind the time an event was recorded', async () => {
    const [event] = await appendEvents(1);

    expect(await workerHealth(store, store, 5, seconds(await recordedAt(event.position), -30))).toMatchObject({ status: 'up', behind: 1, lagSeconds: 0 });
  });

  it('counts the events waiting only up to its limit, since /health is asked often', async () => {
    await appendEvents(BEHIND_COUNTED_UP_TO + 5);

    expect((await workerHealth(store, store, 60)).behind).toBe(BEHIND_COUNTED_UP_TO);
  });

  it('reports a worker at the head of the log as having nothing waiting', async () => {
    const results = await appendEvents(2);
    await store.saveCheckpoint(CASE_SCHEDULING, results[1].position);

    expect(await workerHealth(store, store, 0, new Date(Date.now() + 3_600_000))).toMatchObject({ status: 'up', behind: 0, lagSeconds: 0, waitingSince: undefined });
  });

  it('reports the reactions that failed for good, and the last of them with its time as text', async () => {
    const [event] = await appendEvents(1);
    await store.saveCheckpoint(CASE_SCHEDULING, event.position);
    const failure = { position: event.position, eventId: 'event-1', what: 'schedule-case sag-1 møde-1', error: 'IdempotencyKeyReusedError: brugt' };
    await store.recordFailure(CASE_SCHEDULING, { ...failure, failedAt: new Date('2025-09-19T10:00:00Z') });
    await store.recordFailure(CASE_SCHEDULING, { ...failure, eventId: 'event-2', failedAt: new Date('2025-09-19T10:00:05Z') });
    await store.recordFailure('another-consumer', { ...failure, eventId: 'event-3', failedAt: new Date('2025-09-19T10:00:09Z') });

    expect(await workerHealth(store, store, 60)).toMatchObject({
      failedReactions: 2,
      lastFailure: { ...failure, eventId: 'event-2', failedAt: '2025-09-19T10:00:05.000Z' },
    });
  });
});
