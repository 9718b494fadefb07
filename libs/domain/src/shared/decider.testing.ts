import { Decider, isRefusal, RefusalKind } from './decider';

/**
 * given(events).when(command).then(events) / .thenRefuses(code): the decider specs read as the domain talks.
 */
export const specFor = <Command, Event, State>(decider: Decider<Command, Event, State>) => (given: Event[]) => ({
  when: (command: Command) => {
    const decision = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
    return {
      then(expected: Event[]): void {
        const result = decision();
        if (isRefusal(result)) throw new Error(`Expected events, got refusal ${result.code}: ${result.message}`);
        expect(result).toEqual(expected);
      },
      thenRefuses(code: string, kind: RefusalKind = 'illegal'): void {
        const result = decision();
        if (!isRefusal(result)) throw new Error(`Expected refusal ${code}, got events ${JSON.stringify(result)}`);
        expect(result.code).toBe(code);
        expect(result.kind).toBe(kind);
        expect(result.message.length).toBeGreaterThan(0);
      },
    };
  },
});
