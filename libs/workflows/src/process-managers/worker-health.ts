import { CheckpointStore, ConsumerFailure, EventStore } from '@app/event-store';
import { CASE_SCHEDULING } from './process-manager.runner';

/** How far one of the worker's log consumers is behind the log, read from its checkpoint. */
export interface ConsumerLag {
  /** `stuck`: an event has waited longer than allowed for the consumer to handle it. */
  status: 'up' | 'stuck';
  /** The last event the consumer has handled (its checkpoint), and how many events of the log lie beyond it, counted up to BEHIND_COUNTED_UP_TO. */
  position: number;
  behind: number;
  /** When the oldest event the consumer has not handled was recorded, and how many seconds ago that is. */
  waitingSince?: string;
  lagSeconds: number;
  /** When the consumer last saved its checkpoint: a worker that is gone stops saving. */
  checkpointSavedAt?: string;
}

export interface WorkerHealth extends ConsumerLag {
  /** Reactions that failed for good and were recorded instead of retried, and the last of them. */
  failedReactions: number;
  lastFailure?: Omit<ConsumerFailure, 'failedAt'> & { failedAt: string };
}

/**
 * Events are counted, not positions subtracted: on EventStoreDB a position is a byte offset. They are counted
 * only so far, since /health is asked often.
 */
export const BEHIND_COUNTED_UP_TO = 100;

/** How far behind the log the consumer `name` is, from the store it shares with the API. */
export const consumerLag = async (store: EventStore, checkpoints: CheckpointStore, name: string, maxLagSeconds: number, now = new Date()): Promise<ConsumerLag & { failures: number; lastFailure?: ConsumerFailure }> => {
  const [status, head] = await Promise.all([checkpoints.consumerStatus(name), store.headPosition()]);
  const position = status.position ?? 0;
  const waiting = position < head ? await store.readAll({ after: position, maxCount: BEHIND_COUNTED_UP_TO }) : [];
  const [oldestWaiting] = waiting;
  const lagMs = oldestWaiting === undefined ? 0 : Math.max(0, now.getTime() - oldestWaiting.recordedAt.getTime());
  return {
    status: lagMs > maxLagSeconds * 1000 ? 'stuck' : 'up',
    position,
    behind: waiting.length,
    waitingSince: oldestWaiting?.recordedAt.toISOString(),
    lagSeconds: Math.floor(lagMs / 1000),
    checkpointSavedAt: status.savedAt?.toISOString(),
    failures: status.failures,
    lastFailure: status.lastFailure,
  };
};

/**
 * How the worker's process manager stands, read from the store it shares with the API: so the API's health
 * can tell a worker that is stuck or gone from one that merely has nothing to do.
 */
export const workerHealth = async (store: EventStore, checkpoints: CheckpointStore, maxLagSeconds: number, now = new Date()): Promise<WorkerHealth> => {
  const { failures, lastFailure, ...lag } = await consumerLag(store, checkpoints, CASE_SCHEDULING, maxLagSeconds, now);
  return { ...lag, failedReactions: failures, lastFailure: lastFailure && { ...lastFailure, failedAt: lastFailure.failedAt.toISOString() } };
};
