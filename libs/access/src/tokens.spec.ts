import { bearerOf, issueToken, readToken } from './tokens';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const claims = { accountId: 'acc-1', credentialsVersion: 2, expiresAt: 2_000_000 };

describe('tokens', () => {
  it('reads back what it signed, until it expires', () => {
    const token = issueToken(secret, claims);
    expect(readToken(secret, token, 1_999_999)).toEqual(claims);
    expect(readToken(secret, token, 2_000_000)).toBeUndefined();
  });

  it('refuses a token signed with another secret, or with any character changed', () => {
    const token = issueToken(secret, claims);
    expect(readToken('another-secret-of-thirty-two-characters', token, 0)).toBeUndefined();
    for (let index = 0; index < token.length; index++) {
      const changed = token.slice(0, index) + (token[index] === 'A' ? 'B' : 'A') + token.slice(index + 1);
      if (changed !== token) expect(readToken(secret, changed, 0)).toBeUndefined();
    }
  });

  it('takes the token from a Bearer header only', () => {
    expect(bearerOf('Bearer abc.def')).toBe('abc.def');
    expect(bearerOf('bearer  abc ')).toBe('abc');
    expect(bearerOf('Basic abc')).toBeUndefined();
    expect(bearerOf(undefined)).toBeUndefined();
  });
});
