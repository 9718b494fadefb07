import type { RecordedEvent } from '@app/event-store';
import { foldEvents } from '../projection-runner/projection';
import { caseProposed, deepFreeze, followUpAssigned, followUpCancelled, followUpCompleted, followUpEscalated, followUpRescheduled, plain, recorder as storeRecorder } from '../testing/read-side.testing';
import { FollowUpRecord, followUpsProjection } from './follow-ups.projection';

/** Records the events as the store hands them out, well into the log. */
const recorder = () => storeRecorder({ after: 100 });

const fold = (events: RecordedEvent[]): Map<string, FollowUpRecord> => foldEvents(followUpsProjection, events);

const caseId = 'socialtilsyn-oest-aarsrapport-2024';

// "Sekretariatet kontakter KORA ..." with a date, and "dagsorden deles med styregruppen forud for mødet" before K17's next meeting.
const koraAssigned = followUpAssigned('kontakt-kora', caseId, {
  forumId: 'styregruppen',
  description: 'Sekretariatet kontakter KORA om en analyse af det økonomiske tilsyn',
  owners: [{ name: 'Rammeaftalesekretariatet', email: 'rammeaftale@example.dk', organisation: 'Region Sjælland' }],
  due: '2025-09-01',
  assignedAt: '2025-08-08T12:10:00+02:00',
});
const agendaAssigned = followUpAssigned('dagsorden-deles', caseId, {
  forumId: 'styregruppen',
  description: 'Dagsorden for Koordinationsforum deles med styregruppen forud for mødet',
  owners: [{ name: 'Slagelse Kommune', organisation: 'Slagelse Kommune' }, { name: 'Rammeaftalesekretariatet' }],
  dueBeforeMeetingOfForumId: 'k17',
  assignedAt: '2025-08-08T12:15:00+02:00',
});
const koraCompleted = followUpCompleted('kontakt-kora', caseId, '2025-08-28T15:00:00+02:00', { note: 'KORA har svaret; analysen starter i oktober' });
const agendaRescheduled = followUpRescheduled('dagsorden-deles', caseId, '2025-09-30', '2025-08-20T09:00:00+02:00');
const agendaCancelled = followUpCancelled('dagsorden-deles', caseId, '2025-09-02T10:00:00+02:00', { reason: 'Mødet i Koordinationsforum er aflyst' });
const koraToSecretariat = followUpEscalated('kontakt-kora', caseId, 'secretariat', '2025-09-03T07:00:00+02:00');
const koraToChair = followUpEscalated('kontakt-kora', caseId, 'chair', '2025-09-08T07:00:00+02:00');

describe('follow-ups projection', () => {
  it('is keyed by the follow-up id, and ignores case events', () => {
    const record = recorder();
    expect(followUpsProjection.keyOf(record(koraAssigned))).toBe('kontakt-kora');
    expect(followUpsProjection.keyOf(record(agendaCancelled))).toBe('dagsorden-deles');
    const proposal = caseProposed(caseId, 'styregruppen', { title: 'Socialtilsyn Østs årsrapport 2024', kind: 'information', proposedAt: '2025-07-01T09:00:00+02:00' });
    expect(followUpsProjection.keyOf(record(proposal))).toBeUndefined();
  });

  describe('FollowUpAssigned', () => {
    it('given nothing, when a follow-up with a date is assigned, then it is open with its case, forum, owners and due date', () => {
      const record = recorder();
      expect(plain(fold([record(koraAssigned)]))).toEqual({
        'kontakt-kora': {
          id: 'kontakt-kora',
          caseId,
          forumId: 'styregruppen',
          description: 'Sekretariatet kontakter KORA om en analyse af det økonomiske tilsyn',
          owners: [{ name: 'Rammeaftalesekretariatet', email: 'rammeaftale@example.dk', organisation: 'Region Sjælland' }],
          due: '2025-09-01',
          status: 'open',
          assignedAt: '2025-08-08T12:10:00+02:00',
        },
      });
    });

    it('given nothing, when a follow-up due before K17’s next meeting is assigned, then it keeps that forum and has no date of its own', () => {
      const record = recorder();
      const followUp = fold([record(agendaAssigned)]).get('dagsorden-deles');
      expect(followUp).toMatchObject({ status: 'open', dueBeforeMeetingOfForumId: 'k17', owners: agendaAssigned.data.owners });
      expect(followUp?.due).toBeUndefined();
    });
  });

  describe('FollowUpCompleted', () => {
    it('given an open follow-up, when it is completed, then it is done with when and the note', () => {
      const record = recorder();
      expect(fold([koraAssigned, koraCompleted].map(record)).get('kontakt-kora')).toMatchObject({
        status: 'done',
        completedAt: '2025-08-28T15:00:00+02:00',
        note: 'KORA har svaret; analysen starter i oktober',
        due: '2025-09-01',
      });
    });
  });

  describe('FollowUpRescheduled', () => {
    it('given a follow-up due before K17’s next meeting, when it is given a date, then it is due that date and no longer follows the meeting', () => {
      const record = recorder();
      const followUp = fold([agendaAssigned, agendaRescheduled].map(record)).get('dagsorden-deles');
      expect(followUp).toMatchObject({ due: '2025-09-30', status: 'open' });
      expect(followUp?.dueBeforeMeetingOfForumId).toBeUndefined();
    });
  });

  describe('FollowUpCancelled', () => {
    it('given an open follow-up, when it is cancelled, then its status is cancelled and the rest stays', () => {
      const record = recorder();
      const before = fold([record(agendaAssigned)]).get('dagsorden-deles');
      const after = fold([agendaAssigned, agendaCancelled].map(recorder())).get('dagsorden-deles');
      expect(after).toEqual({ ...before, status: 'cancelled' });
    });
  });

  describe('FollowUpEscalated', () => {
    it('given an overdue follow-up, when it is escalated to the secretariat and then the chair, then it shows the latest level', () => {
      const record = recorder();
      expect(fold([koraAssigned, koraToSecretariat].map(record)).get('kontakt-kora')?.escalatedTo).toBe('secretariat');
      expect(fold([koraAssigned, koraToSecretariat, koraToChair].map(recorder())).get('kontakt-kora')?.escalatedTo).toBe('chair');
    });
  });

  it('given no assignment, when other events of the follow-up arrive, then no follow-up appears', () => {
    const record = recorder();
    expect(fold([koraCompleted, agendaRescheduled, agendaCancelled, koraToChair].map(record)).size).toBe(0);
  });

  it('given two follow-ups, when one of them changes, then the other is the very same record', () => {
    const record = recorder();
    const before = fold([koraAssigned, agendaAssigned].map(record));
    const kept = before.get('dagsorden-deles');
    const after = foldEvents(followUpsProjection, [record(koraCompleted)], before);
    expect(after.get('dagsorden-deles')).toBe(kept);
  });

  it('never changes the record it is handed (each step works on a frozen one)', () => {
    const record = recorder();
    const events = [koraAssigned, koraToSecretariat, koraToChair, koraCompleted].map(record);
    const last = events.reduce<FollowUpRecord | undefined>((followUp, event) => followUpsProjection.evolve(deepFreeze(followUp), event), undefined);
    expect(last).toMatchObject({ status: 'done', escalatedTo: 'chair' });
  });

  it('given a history where every event is delivered twice in a row, then the state equals the one from single delivery', () => {
    const record = recorder();
    const events = [koraAssigned, agendaAssigned, agendaRescheduled, koraToSecretariat, koraCompleted, agendaCancelled].map(record);
    const once = fold(events);
    const twice = fold(events.flatMap((event) => [event, event]));
    expect(plain(twice)).toEqual(plain(once));
    expect(once.get('kontakt-kora')?.status).toBe('done');
    expect(once.get('dagsorden-deles')?.status).toBe('cancelled');
  });
});
