import { CheckpointStore, ConsumerFailure, EventStore } from '@app/event-store';
import { CASE_SCHEDULING } from './process-manager.runner';

export interface WorkerHealth {
  /** `stuck`: an event has waited longer than allowed for the worker to handle it. */
  status: 'up' | 'stuck';
  /** The last event the worker has handled (its checkpoint), and how many events of the log lie beyond it, counted up to BEHIND_COUNTED_UP_TO. */
  position: number;
  behind: number;
  /** When the oldest event the worker has not handled was recorded. */
  waitingSince?: string;
  /** Reactions that failed for good and were recorded instead of retried, and the last of them. */
  failedReactions: number;
  lastFailure?: Omit<ConsumerFailure, 'failedAt'> & { failedAt: string };
}

/**
 * Events are counted, not positions subtracted: on EventStoreDB a position is a byte offset. They are counted
 * only so far, since /health is asked often.
 */
export const BEHIND_COUNTED_UP_TO = 100;

/**
 * How the worker's process manager stands, read from the store it shares with the API: so the API's /health
 * can tell a worker that is stuck or gone from one that merely has nothing to do.
 */
export const workerHealth = async (store: EventStore, checkpoints: CheckpointStore, maxLagSeconds: number, now = new Date()): Promise<WorkerHealth> => {
  const [status, head] = await Promise.all([checkpoints.consumerStatus(CASE_SCHEDULING), store.headPosition()]);
  const position = status.position ?? 0;
  const waiting = position < head ? await store.readAll({ after: position, maxCount: BEHIND_COUNTED_UP_TO }) : [];
  const [oldestWaiting] = waiting;
  const stuck = oldestWaiting !== undefined && now.getTime() - oldestWaiting.recordedAt.getTime() > maxLagSeconds * 1000;
  const last = status.lastFailure;
  return {
    status: stuck ? 'stuck' : 'up',
    position,
    behind: waiting.length,
    waitingSince: oldestWaiting?.recordedAt.toISOString(),
    failedReactions: status.failures,
    lastFailure: last && { ...last, failedAt: last.failedAt.toISOString() },
  };
};
