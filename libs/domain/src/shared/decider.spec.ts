import { isRefused } from './decider';

describe('isRefused', () => {
  it('takes kind, code and message together for a refusal, and a looked-up value with only some of them (a case has a kind) for what it is', () => {
    expect(isRefused({ kind: 'illegal', code: 'case.withdrawn', message: 'Sagen er trukket tilbage.' })).toBe(true);
    expect(isRefused({ kind: 'decision', code: 'styregruppen-2025-09-19-punkt-2' })).toBe(false);
    expect(isRefused({ code: 'case.withdrawn', message: 'Sagen er trukket tilbage.' })).toBe(false);
    expect(isRefused({ kind: 'decision', message: 'Sagen er trukket tilbage.' })).toBe(false);
    expect(isRefused({ title: 'Takstanalyse' })).toBe(false);
  });
});
