/**
 * A refusal is data: a stable code for programs, a sentence for people, and its kind: `not_found` where the
 * command names something that does not exist, `illegal` where the move is not allowed in the state it is in.
 */
export type RefusalKind = 'illegal' | 'not_found';

export interface Refusal {
  readonly kind: RefusalKind;
  readonly code: string;
  readonly message: string;
}

export type Decision<Event> = Event[] | Refusal;

export const refuse = (code: string, message: string): Refusal => ({ kind: 'illegal', code, message });

export const refuseAsNotFound = (code: string, message: string): Refusal => ({ kind: 'not_found', code, message });

/** The one error a refusal travels in, from wherever it is decided to the one place that answers it. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
  get code(): string {
    return this.refusal.code;
  }
}

export const isRefusal = <Event>(decision: Decision<Event>): decision is Refusal => !Array.isArray(decision);

/** For the checks a decider runs before it decides, each giving either what it looked up or a refusal. */
export const isRefused = <Value extends object>(value: Value | Refusal): value is Refusal => 'kind' in value && 'code' in value && 'message' in value;

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
