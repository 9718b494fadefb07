import { followUpAssigned, followUpCancelled, followUpCompleted, followUpRescheduled, readModels } from '../testing/read-side.testing';

describe('open follow-ups projection', () => {
  const kora = followUpAssigned('kontakt-kora', 'forsorgshjem', { due: '2025-09-01' });
  const agenda = followUpAssigned('dagsorden-deles', 'svindel', { dueBeforeMeetingOfForumId: 'kl-koordinationsforum' });
  const note = followUpAssigned('notat-justeres', 'forsorgshjem', { due: '2025-08-15' });

  it('given follow-ups assigned, then each is open', () => {
    expect([...readModels([kora, agenda, note]).openFollowUps.keys()]).toEqual(['kontakt-kora', 'dagsorden-deles', 'notat-justeres']);
  });

  it('given one completed and one cancelled, then only the third is left', () => {
    const { openFollowUps, followUps } = readModels([
      kora,
      agenda,
      note,
      followUpCompleted('notat-justeres', 'forsorgshjem', '2025-08-19T10:00:00+02:00'),
      followUpCancelled('kontakt-kora', 'forsorgshjem', '2025-08-20T10:00:00+02:00'),
    ]);
    expect([...openFollowUps.keys()]).toEqual(['dagsorden-deles']);
    expect(followUps.size).toBe(3);
  });

  it('given a new due date, then it stays open with that date', () => {
    const { openFollowUps } = readModels([kora, followUpRescheduled('kontakt-kora', 'forsorgshjem', '2025-10-01', '2025-08-30T09:00:00+02:00')]);
    expect(openFollowUps.get('kontakt-kora')).toMatchObject({ status: 'open', due: '2025-10-01' });
  });

  it('given an event for a follow-up it has let go, then it does not come back', () => {
    const { openFollowUps } = readModels([
      note,
      followUpCompleted('notat-justeres', 'forsorgshjem', '2025-08-19T10:00:00+02:00'),
      followUpRescheduled('notat-justeres', 'forsorgshjem', '2025-10-01', '2025-08-30T09:00:00+02:00'),
    ]);
    expect(openFollowUps.has('notat-justeres')).toBe(false);
  });
});
