import { CaseEvent, MeetingEvent } from '@app/domain';
import { caseClosed, caseDecided, caseForwarded, casePostponed, caseProposed, caseScheduled, caseWithdrawn, meetingRescheduled, meetingScheduled, readModels } from '../testing/read-side.testing';
import { caseFlow } from './case-flow.query';

const may = { id: 'styregruppen-2025-05-02', startsAt: '2025-05-02T09:00:00+02:00' };
const august = { id: 'styregruppen-2025-08-08', startsAt: '2025-08-08T11:00:00+02:00' };
const k17August = { id: 'k17-2025-08-22', startsAt: '2025-08-22T09:00:00+02:00' };
const kkrSeptember = { id: 'kkr-sjaelland-2025-09-02', startsAt: '2025-09-02T16:00:00+02:00' };

const calendar: MeetingEvent[] = [
  meetingScheduled(may.id, 'styregruppen', may.startsAt),
  meetingScheduled(august.id, 'styregruppen', august.startsAt),
  meetingScheduled(k17August.id, 'k17', k17August.startsAt),
  meetingScheduled(kkrSeptember.id, 'kkr-sjaelland', kkrSeptember.startsAt),
];

// "Kvalitet i samarbejdet mellem kommuner og forsorgshjem": on 2/5, postponed to 8/8, decided, sent to KL.
const forsorgshjem = 'kvalitet-kommuner-forsorgshjem';
const forsorgshjemStory: CaseEvent[] = [
  caseProposed(forsorgshjem, 'styregruppen', { title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem', proposedAt: '2025-04-22T10:00:00+02:00' }),
  caseScheduled(forsorgshjem, 'styregruppen', may.id, may.startsAt, { scheduledAt: '2025-04-24T14:30:00+02:00' }),
  casePostponed(forsorgshjem, 'styregruppen', may.id, '2025-05-02T09:10:00+02:00', { to: { meetingId: august.id, startsAt: august.startsAt }, reason: 'Udsættes til 8/8' }),
  caseDecided(forsorgshjem, 'styregruppen', august.id, '2025-08-08T12:40:00+02:00', {
    outcome: 'decided',
    text: 'Styregruppen besluttede at notatet justeres og videresendes til Koordinationsforum i KL',
  }),
  caseForwarded(forsorgshjem, 'styregruppen', august.id, ['kl-koordinationsforum'], 'decision', '2025-08-08T12:41:00+02:00'),
];

// "Socialtilsyn Østs årsrapport 2024": noted on 8/8, sent to K17 and KKR, noted by K17 on 22/8, on KKR's 2/9.
const tilsyn = 'socialtilsyn-oest-aarsrapport-2024';
const tilsynUntilForwarded: CaseEvent[] = [
  caseProposed(tilsyn, 'styregruppen', { title: 'Socialtilsyn Østs årsrapport 2024', kind: 'information', proposedAt: '2025-07-01T09:00:00+02:00' }),
  caseScheduled(tilsyn, 'styregruppen', august.id, august.startsAt, { scheduledAt: '2025-07-01T09:05:00+02:00' }),
  caseDecided(tilsyn, 'styregruppen', august.id, '2025-08-08T11:45:00+02:00', { outcome: 'noted', text: 'Styregruppen tog orienteringen til efterretning' }),
  caseForwarded(tilsyn, 'styregruppen', august.id, ['k17', 'kkr-sjaelland'], 'information', '2025-08-08T11:46:00+02:00'),
];
const tilsynFurther: CaseEvent[] = [
  caseScheduled(tilsyn, 'k17', k17August.id, k17August.startsAt, { scheduledAt: '2025-08-08T11:47:00+02:00' }),
  caseScheduled(tilsyn, 'kkr-sjaelland', kkrSeptember.id, kkrSeptember.startsAt, { scheduledAt: '2025-08-08T11:47:00+02:00' }),
  caseDecided(tilsyn, 'k17', k17August.id, '2025-08-22T09:50:00+02:00', { outcome: 'noted', text: 'K17 tog orienteringen til efterretning' }),
];

describe('case flow', () => {
  it('given the forsorgshjem case, then the flow runs postponed on 2/5, decided and forwarded on 8/8, and it waits in KL Koordinationsforum', () => {
    const { cases, meetings } = readModels([...calendar, ...forsorgshjemStory]);
    expect(caseFlow(cases, meetings, forsorgshjem)).toEqual({
      caseId: forsorgshjem,
      title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem',
      status: 'open',
      steps: [
        { forumId: 'styregruppen', meetingId: may.id, at: may.startsAt, what: 'postponed', status: 'done', toMeetingId: august.id },
        {
          forumId: 'styregruppen',
          meetingId: august.id,
          at: august.startsAt,
          what: 'decided',
          status: 'done',
          outcome: 'decided',
          text: 'Styregruppen besluttede at notatet justeres og videresendes til Koordinationsforum i KL',
        },
        { forumId: 'styregruppen', meetingId: august.id, at: august.startsAt, what: 'forwarded', status: 'done', toForumIds: ['kl-koordinationsforum'], purpose: 'decision' },
        { forumId: 'kl-koordinationsforum', what: 'waiting', status: 'waiting' },
      ],
      waitsIn: [{ forumId: 'kl-koordinationsforum', meetingId: undefined, startsAt: undefined }],
    });
  });

  it('given the annual report sent to K17 and KKR, when K17 has noted it and KKR has it on 2/9, then it waits on KKR’s 2/9 meeting', () => {
    const { cases, meetings } = readModels([...calendar, ...tilsynUntilForwarded, ...tilsynFurther]);
    const flow = caseFlow(cases, meetings, tilsyn);
    expect(flow?.steps.map((step) => [step.forumId, step.what, step.status, step.meetingId, step.at])).toEqual([
      ['styregruppen', 'decided', 'done', august.id, august.startsAt],
      ['styregruppen', 'forwarded', 'done', august.id, august.startsAt],
      ['k17', 'decided', 'done', k17August.id, k17August.startsAt],
      ['kkr-sjaelland', 'scheduled', 'scheduled', kkrSeptember.id, kkrSeptember.startsAt],
    ]);
    expect(flow?.waitsIn).toEqual([{ forumId: 'kkr-sjaelland', meetingId: kkrSeptember.id, startsAt: kkrSeptember.startsAt }]);
  });

  it('given the annual report just forwarded, then it waits in K17 and KKR, in the order it was sent there', () => {
    const { cases, meetings } = readModels([...calendar, ...tilsynUntilForwarded]);
    const flow = caseFlow(cases, meetings, tilsyn);
    expect(flow?.waitsIn).toEqual([
      { forumId: 'k17', meetingId: undefined, startsAt: undefined },
      { forumId: 'kkr-sjaelland', meetingId: undefined, startsAt: undefined },
    ]);
    expect(flow?.steps.slice(-2)).toEqual([
      { forumId: 'k17', what: 'waiting', status: 'waiting' },
      { forumId: 'kkr-sjaelland', what: 'waiting', status: 'waiting' },
    ]);
  });

  it('given a case only proposed, then its one step is waiting in Styregruppen', () => {
    const { cases, meetings } = readModels([...calendar, forsorgshjemStory[0]]);
    expect(caseFlow(cases, meetings, forsorgshjem)).toMatchObject({
      status: 'open',
      steps: [{ forumId: 'styregruppen', what: 'waiting', status: 'waiting' }],
      waitsIn: [{ forumId: 'styregruppen' }],
    });
  });

  it('given a case on the 2/5 meeting, then its step is that meeting, scheduled, at its start', () => {
    const { cases, meetings } = readModels([...calendar, ...forsorgshjemStory.slice(0, 2)]);
    expect(caseFlow(cases, meetings, forsorgshjem)?.steps).toEqual([{ forumId: 'styregruppen', meetingId: may.id, at: may.startsAt, what: 'scheduled', status: 'scheduled' }]);
  });

  it('given the 8/8 meeting is moved to 15/8, then the steps show the meeting’s new start', () => {
    const { cases, meetings } = readModels([
      ...calendar,
      ...forsorgshjemStory.slice(0, 3),
      meetingRescheduled(august.id, 'styregruppen', august.startsAt, '2025-08-15T11:00:00+02:00', '2025-06-01T09:00:00+02:00'),
    ]);
    const flow = caseFlow(cases, meetings, forsorgshjem);
    expect(flow?.waitsIn).toEqual([{ forumId: 'styregruppen', meetingId: august.id, startsAt: '2025-08-15T11:00:00+02:00' }]);
    expect(flow?.steps.at(-1)).toEqual({ forumId: 'styregruppen', meetingId: august.id, at: '2025-08-15T11:00:00+02:00', what: 'scheduled', status: 'scheduled' });
  });

  it('given a meeting the read model does not know, then a step falls back to when it happened', () => {
    const { cases, meetings } = readModels([meetingScheduled(august.id, 'styregruppen', august.startsAt), ...forsorgshjemStory.slice(0, 3)]);
    expect(caseFlow(cases, meetings, forsorgshjem)?.steps[0]).toMatchObject({ what: 'postponed', meetingId: may.id, at: '2025-05-02T09:10:00+02:00' });
  });

  it('given a case withdrawn while it was on a meeting, then the flow ends with the withdrawal and it waits nowhere', () => {
    const { cases, meetings } = readModels([
      ...calendar,
      ...forsorgshjemStory.slice(0, 3),
      caseWithdrawn(forsorgshjem, '2025-06-10T09:00:00+02:00', { reason: 'Slagelse trækker punktet' }),
    ]);
    const flow = caseFlow(cases, meetings, forsorgshjem);
    expect(flow?.status).toBe('withdrawn');
    expect(flow?.steps.at(-1)).toEqual({ forumId: 'styregruppen', what: 'withdrawn', status: 'done', at: '2025-06-10T09:00:00+02:00' });
    expect(flow?.waitsIn).toEqual([]);
  });

  it('given a forwarded case that is closed, then the flow ends with the closing and it waits nowhere', () => {
    const { cases, meetings } = readModels([...calendar, ...forsorgshjemStory, caseClosed(forsorgshjem, '2025-12-15T10:00:00+01:00')]);
    const flow = caseFlow(cases, meetings, forsorgshjem);
    expect(flow?.status).toBe('closed');
    expect(flow?.steps.map((step) => step.what)).toEqual(['postponed', 'decided', 'forwarded', 'closed']);
    expect(flow?.waitsIn).toEqual([]);
  });

  it('given a case nobody has proposed, then there is no flow', () => {
    const { cases, meetings } = readModels(calendar);
    expect(caseFlow(cases, meetings, forsorgshjem)).toBeUndefined();
  });
});
