import { messageIdFor } from './message-id';

describe('messageIdFor', () => {
  const key = { kind: 'agenda', subjectId: 'styregruppen-2025-12-12', recipient: 'Anne.Holm@Koege.dk' };

  it('is an angle-bracketed id at the domain, the same for the same key', () => {
    expect(messageIdFor(key)).toMatch(/^<[0-9a-f]{64}@beslutningsopfoelgning\.local>$/);
    expect(messageIdFor({ ...key })).toBe(messageIdFor(key));
    expect(messageIdFor(key, 'rammeaftale.example')).toMatch(/@rammeaftale\.example>$/);
  });

  it('compares the recipient without case', () => {
    expect(messageIdFor({ ...key, recipient: 'anne.holm@koege.dk' })).toBe(messageIdFor(key));
  });

  it('differs by kind, subject and recipient, also where joining the parts would read alike', () => {
    const ids = new Set([
      messageIdFor(key),
      messageIdFor({ ...key, kind: 'material-deadline' }),
      messageIdFor({ ...key, subjectId: 'styregruppen-2026-01-30' }),
      messageIdFor({ ...key, recipient: 'peter.lind@slagelse.dk' }),
      messageIdFor({ kind: 'agenda', subjectId: 'k17-1', recipient: 'x@k17.example' }),
      messageIdFor({ kind: 'agendak17', subjectId: '-1', recipient: 'x@k17.example' }),
    ]);
    expect(ids.size).toBe(6);
  });
});
