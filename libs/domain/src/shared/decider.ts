/** A refusal is data: a stable code for programs and a sentence for people. */
export interface Refusal {
  readonly code: string;
  readonly message: string;
}

export type Decision<Event> = Event[] | Refusal;

export const refuse = (code: string, message: string): Refusal => ({ code, message });

export const isRefusal = <Event>(decision: Decision<Event>): decision is Refusal => !Array.isArray(decision);

/**
 * One aggregate's rules: `decide` turns a command into events or a refusal, `evolve` folds events into state.
 * Both are pure: the clock and any looked-up facts arrive in the command.
 */
export interface Decider<Command, Event, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Decision<Event>;
}

export const fold = <Event, State>(decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>, events: readonly Event[]): State =>
  events.reduce(decider.evolve, decider.initialState());

export const assertNever = (value: never): never => {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
};
