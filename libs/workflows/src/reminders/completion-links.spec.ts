import { completionLink, completionLinkExpiry, verifyCompletionToken } from './completion-links';

describe('the signed "Markér som udført" link', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const madeAt = new Date('2025-08-08T12:00:00+02:00');
  const expiresAt = completionLinkExpiry(madeAt);
  const tokenOf = (link: string): string => link.slice(link.lastIndexOf('/') + 1);
  const link = completionLink(secret, 'styregruppen-2025-08-08-punkt-3', expiresAt, 'https://opfoelgning.example.dk/');

  it('points at the API and names the follow-up it was made for', () => {
    expect(link).toMatch(/^https:\/\/opfoelgning\.example\.dk\/links\/udfoer\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyCompletionToken(secret, tokenOf(link), madeAt)).toEqual({ followUpId: 'styregruppen-2025-08-08-punkt-3' });
  });

  it('holds for 30 days after it is made, unless another lifetime is given', () => {
    expect(completionLinkExpiry(madeAt).toISOString()).toBe('2025-09-07T10:00:00.000Z');
    expect(completionLinkExpiry(madeAt, 7).toISOString()).toBe('2025-08-15T10:00:00.000Z');
    expect(verifyCompletionToken(secret, tokenOf(link), new Date('2025-09-07T09:59:59Z'))).toEqual({ followUpId: 'styregruppen-2025-08-08-punkt-3' });
    expect(verifyCompletionToken(secret, tokenOf(link), new Date('2025-09-07T10:00:00Z'))).toEqual({ problem: 'expired' });
  });

  it('is refused as tampered where any one character of it is changed', () => {
    const token = tokenOf(link);
    for (let index = 0; index < token.length; index++) {
      const changed = `${token.slice(0, index)}${token[index] === 'A' ? 'B' : 'A'}${token.slice(index + 1)}`;
      expect(verifyCompletionToken(secret, changed, madeAt)).toEqual({ problem: 'tampered' });
    }
  });

  it('is refused as tampered where it is cut short, lengthened, or signed with another secret', () => {
    const token = tokenOf(link);
    expect(verifyCompletionToken(secret, token.slice(0, -1), madeAt)).toEqual({ problem: 'tampered' });
    expect(verifyCompletionToken(secret, `${token}A`, madeAt)).toEqual({ problem: 'tampered' });
    expect(verifyCompletionToken(secret, token.split('.')[0], madeAt)).toEqual({ problem: 'tampered' });
    expect(verifyCompletionToken(secret, `${token}.${token}`, madeAt)).toEqual({ problem: 'tampered' });
    expect(verifyCompletionToken('another-secret-of-thirty-two-characters!', token, madeAt)).toEqual({ problem: 'tampered' });
  });

  it('keeps a follow-up id with dots, slashes and Danish letters as it was', () => {
    const odd = completionLink(secret, 'økonomi/2025.08 punkt 3', expiresAt, 'http://localhost:3000');
    expect(verifyCompletionToken(secret, tokenOf(odd), madeAt)).toEqual({ followUpId: 'økonomi/2025.08 punkt 3' });
  });

  it('tells an expired link from a tampered one only where the signature holds', () => {
    const lapsed = completionLink(secret, 'f-1', new Date('2025-08-01T00:00:00Z'), 'http://localhost:3000');
    expect(verifyCompletionToken(secret, tokenOf(lapsed), madeAt)).toEqual({ problem: 'expired' });
    expect(verifyCompletionToken('another-secret-of-thirty-two-characters!', tokenOf(lapsed), madeAt)).toEqual({ problem: 'tampered' });
  });
});
