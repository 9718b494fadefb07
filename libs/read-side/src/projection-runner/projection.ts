import { RecordedEvent } from '@app/event-store';

/**
 * A read model: a pure fold of the log. `evolve` must give the same state when handed an event it has
 * already seen, because the store delivers at least once.
 */
export interface Projection<State> {
  readonly name: string;
  /** Bump when `evolve` changes meaning, so the state is rebuilt from the whole log. */
  readonly version: number;
  initialState(): State;
  evolve(state: State, event: RecordedEvent): State;
}

export const PROJECTIONS = Symbol('PROJECTIONS');
