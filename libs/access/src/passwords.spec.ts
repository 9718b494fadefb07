import { hashPassword, UNKNOWN_ACCOUNT_HASH, verifyPassword } from './passwords';

describe('passwords', () => {
  it('verifies the password it hashed and no other, with a salt of its own each time', async () => {
    const hash = await hashPassword('sekretariatets-kodeord');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('sekretariatets-kodeord');
    expect(await verifyPassword('sekretariatets-kodeord', hash)).toBe(true);
    expect(await verifyPassword('sekretariatets-kodeord ', hash)).toBe(false);
    expect(await hashPassword('sekretariatets-kodeord')).not.toBe(hash);
  });

  it('matches no password against the hash of an unknown account, nor against something that is no hash', async () => {
    expect(await verifyPassword('', UNKNOWN_ACCOUNT_HASH)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});
