import { createHash } from 'node:crypto';

/**
 * The Message-ID of one reminder e-mail, derived from its key alone, so a mail sent again after a crash or a
 * doubtful answer carries the same Message-ID, and a mail client or relay that has it already can drop the copy.
 * The recipient is compared without case, as mail systems treat addresses in practice. The parts are hashed as a
 * JSON array, so no choice of separator can make two keys collide.
 */
export const messageIdFor = (key: { kind: string; subjectId: string; recipient: string }, domain = 'beslutningsopfoelgning.local'): string => {
  const digest = createHash('sha256')
    .update(JSON.stringify([key.kind, key.subjectId, key.recipient.trim().toLowerCase()]))
    .digest('hex');
  return `<${digest}@${domain}>`;
};
