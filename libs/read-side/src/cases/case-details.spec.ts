import type { RecordedEvent } from '@app/event-store';
import { caseClosed, caseDecided, caseForwarded, casePostponed, caseProposed, caseScheduled, caseWithdrawn, recorder as storeRecorder } from '../testing/read-side.testing';
import { CaseDetails, evolveCaseDetails } from './case-details';

/** One case's stream as the store reads it back: revisions from 0, global positions rising (other streams in between). */
const recorder = () => storeRecorder({ after: 40, step: 3 });

const fold = (events: RecordedEvent[]): CaseDetails | undefined => events.reduce(evolveCaseDetails, undefined);

const caseId = 'kvalitet-kommuner-forsorgshjem';
const proposal = caseProposed(caseId, 'styregruppen', {
  title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem',
  kind: 'decision',
  summary: 'Et notat peger på udfordringer i samarbejdet mellem kommunerne og forsorgshjemmene.',
  recommendation: ['Godkender, at notatet videresendes til de øvrige regioners rammeaftalesekretariater', 'Drøfter input til den videre proces'],
  background: 'Slagelse Kommune har som forsorgshjemskommune rejst sagen i Økonomigruppen.',
  attachments: [{ title: 'Notat om samarbejdet med forsorgshjem', url: 'https://rammeaftale-sjaelland.dk/bilag/forsorgshjem-notat.pdf' }],
  presenter: 'Slagelse Kommune',
  proposedAt: '2025-04-22T10:00:00+02:00',
});
const onMay = caseScheduled(caseId, 'styregruppen', 'styregruppen-2025-05-02', '2025-05-02T09:00:00+02:00', { scheduledAt: '2025-04-24T14:30:00+02:00' });
const toAugust = casePostponed(caseId, 'styregruppen', 'styregruppen-2025-05-02', '2025-05-02T09:10:00+02:00', {
  to: { meetingId: 'styregruppen-2025-08-08', startsAt: '2025-08-08T11:00:00+02:00' },
  reason: 'Punktet udsættes til næste styregruppemøde 8/8, 11-14',
});
const toNextMeeting = casePostponed(caseId, 'styregruppen', 'styregruppen-2025-05-02', '2025-05-02T09:10:00+02:00', { reason: 'Udsættes til næste møde' });
const decidedInAugust = caseDecided(caseId, 'styregruppen', 'styregruppen-2025-08-08', '2025-08-08T12:40:00+02:00', {
  outcome: 'decided',
  text: 'Styregruppen besluttede at notatet justeres og videresendes til Koordinationsforum i KL',
  points: ['Notatet justeres', 'Videresendes til Koordinationsforum i KL'],
});
const toKl = caseForwarded(caseId, 'styregruppen', 'styregruppen-2025-08-08', ['kl-koordinationsforum', 'k17'], 'decision', '2025-08-08T12:41:00+02:00');
const closed = caseClosed(caseId, '2025-12-15T10:00:00+01:00');

describe('case details (one case folded from its own stream)', () => {
  it('given no events of the case, when a scheduling arrives before any proposal, then there is no case', () => {
    const record = recorder();
    expect(fold([record(onMay)])).toBeUndefined();
  });

  it('given nothing, when the case is proposed, then every part of the proposal is there, it is open and waits in Styregruppen, at revision 0', () => {
    const record = recorder();
    expect(fold([record(proposal)])).toEqual({
      id: caseId,
      forumId: 'styregruppen',
      title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem',
      kind: 'decision',
      summary: 'Et notat peger på udfordringer i samarbejdet mellem kommunerne og forsorgshjemmene.',
      recommendation: ['Godkender, at notatet videresendes til de øvrige regioners rammeaftalesekretariater', 'Drøfter input til den videre proces'],
      background: 'Slagelse Kommune har som forsorgshjemskommune rejst sagen i Økonomigruppen.',
      attachments: [{ title: 'Notat om samarbejdet med forsorgshjem', url: 'https://rammeaftale-sjaelland.dk/bilag/forsorgshjem-notat.pdf' }],
      presenter: 'Slagelse Kommune',
      status: 'open',
      forums: [{ forumId: 'styregruppen', purpose: 'decision', state: 'waiting' }],
      decisions: [],
      forwards: [],
      proposedAt: '2025-04-22T10:00:00+02:00',
      revision: 0,
    });
  });

  it('given a proposed case, when it is put on 2/5, then Styregruppen’s step is that meeting with its start, at revision 1', () => {
    const record = recorder();
    const details = fold([proposal, onMay].map(record));
    expect(details?.forums).toEqual([
      { forumId: 'styregruppen', purpose: 'decision', state: 'scheduled', meetingId: 'styregruppen-2025-05-02', startsAt: '2025-05-02T09:00:00+02:00' },
    ]);
    expect(details?.revision).toBe(1);
  });

  it('given a case on 2/5, when it is postponed to the named 8/8 meeting, then it is on 8/8 with that start', () => {
    const record = recorder();
    expect(fold([proposal, onMay, toAugust].map(record))?.forums).toEqual([
      { forumId: 'styregruppen', purpose: 'decision', state: 'scheduled', meetingId: 'styregruppen-2025-08-08', startsAt: '2025-08-08T11:00:00+02:00', carriedOverFrom: 'styregruppen-2025-05-02' },
    ]);
  });

  it('given a case on 2/5, when it is postponed to "the next meeting", then it waits in Styregruppen with no meeting', () => {
    const record = recorder();
    expect(fold([proposal, onMay, toNextMeeting].map(record))?.forums).toEqual([
      { forumId: 'styregruppen', purpose: 'decision', state: 'waiting', carriedOverFrom: 'styregruppen-2025-05-02' },
    ]);
  });

  it('given a case on 8/8, when it is decided, then the step is decided and the decision is kept with its points', () => {
    const record = recorder();
    const details = fold([proposal, onMay, toAugust, decidedInAugust].map(record));
    expect(details?.forums[0]).toMatchObject({ forumId: 'styregruppen', state: 'decided', meetingId: 'styregruppen-2025-08-08' });
    expect(details?.decisions).toEqual([
      {
        forumId: 'styregruppen',
        meetingId: 'styregruppen-2025-08-08',
        outcome: 'decided',
        text: 'Styregruppen besluttede at notatet justeres og videresendes til Koordinationsforum i KL',
        points: ['Notatet justeres', 'Videresendes til Koordinationsforum i KL'],
        decidedAt: '2025-08-08T12:40:00+02:00',
      },
    ]);
  });

  it('given a decided case, when it is forwarded to KL Koordinationsforum and K17, then it waits in both and the forward is kept', () => {
    const record = recorder();
    const details = fold([proposal, onMay, toAugust, decidedInAugust, toKl].map(record));
    expect(details?.forums.map((step) => [step.forumId, step.state, step.purpose])).toEqual([
      ['styregruppen', 'decided', 'decision'],
      ['kl-koordinationsforum', 'waiting', 'decision'],
      ['k17', 'waiting', 'decision'],
    ]);
    expect(details?.forwards).toEqual([
      {
        fromForumId: 'styregruppen',
        fromMeetingId: 'styregruppen-2025-08-08',
        toForumIds: ['kl-koordinationsforum', 'k17'],
        purpose: 'decision',
        forwardedAt: '2025-08-08T12:41:00+02:00',
      },
    ]);
    expect(details?.revision).toBe(4);
  });

  it('given an open case, when it is withdrawn, then its status is withdrawn', () => {
    const record = recorder();
    const details = fold([proposal, onMay, caseWithdrawn(caseId, '2025-04-28T08:00:00+02:00', { reason: 'Slagelse trækker punktet' })].map(record));
    expect(details?.status).toBe('withdrawn');
    expect(details?.revision).toBe(2);
  });

  it('given a forwarded case, when it is closed, then its status is closed', () => {
    const record = recorder();
    const details = fold([proposal, onMay, toAugust, decidedInAugust, toKl, closed].map(record));
    expect(details?.status).toBe('closed');
    expect(details?.revision).toBe(5);
  });

  it('given the stream where every event is delivered twice in a row, then the details equal those from single delivery', () => {
    const record = recorder();
    const events = [proposal, onMay, toAugust, decidedInAugust, toKl, closed].map(record);
    const once = fold(events);
    const twice = fold(events.flatMap((event) => [event, event]));
    expect(twice).toEqual(once);
  });
});
