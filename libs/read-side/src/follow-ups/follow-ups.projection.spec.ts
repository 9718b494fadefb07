import {
  CaseProposed,
  FollowUpAssigned,
  FollowUpCancelled,
  FollowUpCompleted,
  FollowUpEscalated,
  FollowUpEvent,
  FollowUpRescheduled,
  followUpStreamId,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { foldEvents } from '../projection-runner/projection';
import { FollowUpRecord, followUpsProjection, FollowUpsState } from './follow-ups.projection';

/** Records domain events the way the store hands them out: global positions rise, revisions count per stream. */
const recorder = () => {
  let position = 100;
  const revisions = new Map<string, number>();
  return (event: FollowUpEvent | CaseProposed): RecordedEvent => {
    const streamId = event.type === 'CaseProposed' ? `case-${event.data.caseId}` : followUpStreamId(event.data.followUpId);
    position += 1;
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    return {
      id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      streamId,
      type: event.type,
      revision,
      position,
      data: event.data,
      metadata: {},
      recordedAt: new Date(Date.UTC(2025, 7, 8) + position * 60_000),
    };
  };
};

const fold = (events: RecordedEvent[]): Map<string, FollowUpRecord> => foldEvents(followUpsProjection, events);
const plain = (state: FollowUpsState) => Object.fromEntries(state);

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

const caseId = 'socialtilsyn-oest-aarsrapport-2024';

// "Sekretariatet kontakter KORA ..." with a date, and "dagsorden deles med styregruppen forud for mødet" before K17's next meeting.
const koraAssigned: FollowUpAssigned = {
  type: 'FollowUpAssigned',
  data: {
    followUpId: 'kontakt-kora',
    caseId,
    forumId: 'styregruppen',
    description: 'Sekretariatet kontakter KORA om en analyse af det økonomiske tilsyn',
    owners: [{ name: 'Rammeaftalesekretariatet', email: 'rammeaftale@example.dk', organisation: 'Region Sjælland' }],
    due: '2025-09-01',
    assignedAt: '2025-08-08T12:10:00+02:00',
  },
};
const agendaAssigned: FollowUpAssigned = {
  type: 'FollowUpAssigned',
  data: {
    followUpId: 'dagsorden-deles',
    caseId,
    forumId: 'styregruppen',
    description: 'Dagsorden for Koordinationsforum deles med styregruppen forud for mødet',
    owners: [{ name: 'Slagelse Kommune', organisation: 'Slagelse Kommune' }, { name: 'Rammeaftalesekretariatet' }],
    dueBeforeMeetingOfForumId: 'k17',
    assignedAt: '2025-08-08T12:15:00+02:00',
  },
};
const koraCompleted: FollowUpCompleted = {
  type: 'FollowUpCompleted',
  data: { followUpId: 'kontakt-kora', caseId, note: 'KORA har svaret; analysen starter i oktober', completedAt: '2025-08-28T15:00:00+02:00' },
};
const agendaRescheduled: FollowUpRescheduled = {
  type: 'FollowUpRescheduled',
  data: { followUpId: 'dagsorden-deles', caseId, due: '2025-09-30', rescheduledAt: '2025-08-20T09:00:00+02:00' },
};
const agendaCancelled: FollowUpCancelled = {
  type: 'FollowUpCancelled',
  data: { followUpId: 'dagsorden-deles', caseId, reason: 'Mødet i Koordinationsforum er aflyst', cancelledAt: '2025-09-02T10:00:00+02:00' },
};
const koraToSecretariat: FollowUpEscalated = {
  type: 'FollowUpEscalated',
  data: { followUpId: 'kontakt-kora', caseId, level: 'secretariat', escalatedAt: '2025-09-03T07:00:00+02:00' },
};
const koraToChair: FollowUpEscalated = {
  type: 'FollowUpEscalated',
  data: { followUpId: 'kontakt-kora', caseId, level: 'chair', escalatedAt: '2025-09-08T07:00:00+02:00' },
};

describe('follow-ups projection', () => {
  it('is keyed by the follow-up id, and ignores case events', () => {
    const record = recorder();
    expect(followUpsProjection.keyOf(record(koraAssigned))).toBe('kontakt-kora');
    expect(followUpsProjection.keyOf(record(agendaCancelled))).toBe('dagsorden-deles');
    const proposal: CaseProposed = {
      type: 'CaseProposed',
      data: { caseId, forumId: 'styregruppen', title: 'Socialtilsyn Østs årsrapport 2024', kind: 'information', recommendation: [], attachments: [], proposedAt: '2025-07-01T09:00:00+02:00' },
    };
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
