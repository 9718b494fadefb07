import { CaseEvent, ForwardPurpose } from '@app/domain';
import { caseDecided, caseForwarded, caseProposed, caseScheduled, caseWithdrawn, meetingHeld, meetingScheduled, readModels } from '../testing/read-side.testing';
import { forumPipeline } from './forum-pipeline.query';

/** Raised in Styregruppen, decided on the given meeting and forwarded from it. */
const raisedAndForwarded = (caseId: string, title: string, meetingId: string, startsAt: string, toForumIds: string[], purpose: ForwardPurpose): CaseEvent[] => [
  caseProposed(caseId, 'styregruppen', { title }),
  caseScheduled(caseId, 'styregruppen', meetingId, startsAt),
  caseDecided(caseId, 'styregruppen', meetingId, startsAt),
  caseForwarded(caseId, 'styregruppen', meetingId, toForumIds, purpose, startsAt),
];

const august = { id: 'styregruppen-2025-08-08', startsAt: '2025-08-08T11:00:00+02:00' };
const september = { id: 'styregruppen-2025-09-19', startsAt: '2025-09-19T12:00:00+02:00' };

/** K17 on 20/9/2025: the 22/8 meeting held, 3/10 next, 5/12 after it. */
const k17OnTheTwentiethOfSeptember = () =>
  readModels([
    meetingScheduled('styregruppen-2025-08-08', 'styregruppen', august.startsAt),
    meetingScheduled('styregruppen-2025-09-19', 'styregruppen', september.startsAt),
    meetingScheduled('k17-2025-08-22', 'k17', '2025-08-22T09:00:00+02:00'),
    meetingScheduled('k17-2025-10-03', 'k17', '2025-10-03T09:00:00+02:00'),
    meetingScheduled('k17-2025-12-05', 'k17', '2025-12-05T09:00:00+01:00'),
    meetingScheduled('kkr-sjaelland-2025-10-22', 'kkr-sjaelland', '2025-10-22T16:00:00+02:00'),
    meetingHeld('k17-2025-08-22', 'k17', '2025-08-22T12:00:00+02:00'),
    // Sent to K17 and KKR on 8/8, and dealt with by K17 on 22/8: no longer in K17's pipeline.
    ...raisedAndForwarded('socialtilsyn-oest-aarsrapport-2024', 'Socialtilsyn Østs årsrapport 2024', august.id, august.startsAt, ['k17', 'kkr-sjaelland'], 'information'),
    caseScheduled('socialtilsyn-oest-aarsrapport-2024', 'k17', 'k17-2025-08-22', '2025-08-22T09:00:00+02:00'),
    caseDecided('socialtilsyn-oest-aarsrapport-2024', 'k17', 'k17-2025-08-22', '2025-08-22T09:40:00+02:00'),
    // Sent to K17 on 19/9 for decision and put on 3/10.
    ...raisedAndForwarded('takstanalyse-2026', 'Takstanalyse 2026', september.id, september.startsAt, ['k17'], 'decision'),
    caseScheduled('takstanalyse-2026', 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00'),
    // Sent to K17 on 19/9 for information, not on a meeting yet.
    ...raisedAndForwarded('tilsynsreform-2026', 'Tilsynsreformen fra 1/1-2026', september.id, september.startsAt, ['k17'], 'information'),
    // Sent to K17 on 19/9 and put on 5/12, a later meeting than the next one.
    ...raisedAndForwarded('botilbud-kapacitet', 'Kapacitet på botilbud', september.id, september.startsAt, ['k17'], 'decision'),
    caseScheduled('botilbud-kapacitet', 'k17', 'k17-2025-12-05', '2025-12-05T09:00:00+01:00'),
    // Sent to K17 and then withdrawn.
    ...raisedAndForwarded('ankestyrelsen-bestilling', 'Ankestyrelsens bestilling', september.id, september.startsAt, ['k17'], 'decision'),
    caseWithdrawn('ankestyrelsen-bestilling', '2025-09-19T14:00:00+02:00'),
    // Sent to KKR only.
    ...raisedAndForwarded('plejefamilier', 'Rekruttering af plejefamilier', september.id, september.startsAt, ['kkr-sjaelland'], 'information'),
    // Sent to K17 on 8/8, put on the next K17 meeting later than the one sent on 19/9.
    ...raisedAndForwarded('forsorgshjem', 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem', august.id, august.startsAt, ['k17', 'kl-koordinationsforum'], 'decision'),
    caseScheduled('forsorgshjem', 'k17', 'k17-2025-10-03', '2025-10-03T09:00:00+02:00'),
  ]);

const now = '2025-09-20T10:00:00+02:00';

describe('forum pipeline', () => {
  it('given K17 on 20/9, then it is what goes to the 3/10 meeting and what still waits, in the order they got there', () => {
    const { cases, meetings } = k17OnTheTwentiethOfSeptember();
    const pipeline = forumPipeline(cases, meetings, 'k17', now);
    expect(pipeline.forumId).toBe('k17');
    expect(pipeline.nextMeeting).toMatchObject({ id: 'k17-2025-10-03', startsAt: '2025-10-03T09:00:00+02:00', status: 'scheduled' });
    expect(pipeline.cases).toEqual([
      { caseId: 'takstanalyse-2026', title: 'Takstanalyse 2026', purpose: 'decision', fromForumId: 'styregruppen', state: 'scheduled', meetingId: 'k17-2025-10-03' },
      { caseId: 'tilsynsreform-2026', title: 'Tilsynsreformen fra 1/1-2026', purpose: 'information', fromForumId: 'styregruppen', state: 'waiting', meetingId: undefined },
      {
        caseId: 'forsorgshjem',
        title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem',
        purpose: 'decision',
        fromForumId: 'styregruppen',
        state: 'scheduled',
        meetingId: 'k17-2025-10-03',
      },
    ]);
  });

  it('given a case on a later K17 meeting, a case decided in K17, a withdrawn one and one sent to KKR only, then none of them is in K17’s pipeline', () => {
    const { cases, meetings } = k17OnTheTwentiethOfSeptember();
    const listed = forumPipeline(cases, meetings, 'k17', now).cases.map((entry) => entry.caseId);
    expect(listed).not.toContain('botilbud-kapacitet');
    expect(listed).not.toContain('socialtilsyn-oest-aarsrapport-2024');
    expect(listed).not.toContain('ankestyrelsen-bestilling');
    expect(listed).not.toContain('plejefamilier');
  });

  it('given KKR, then the cases sent there are listed as waiting, the 22/10 meeting as its next', () => {
    const { cases, meetings } = k17OnTheTwentiethOfSeptember();
    const pipeline = forumPipeline(cases, meetings, 'kkr-sjaelland', now);
    expect(pipeline.nextMeeting?.id).toBe('kkr-sjaelland-2025-10-22');
    expect(pipeline.cases.map((entry) => [entry.caseId, entry.state, entry.purpose])).toEqual([
      ['socialtilsyn-oest-aarsrapport-2024', 'waiting', 'information'],
      ['plejefamilier', 'waiting', 'information'],
    ]);
  });

  it('given KL Koordinationsforum with no meeting at all, then there is no next meeting and the case sent there waits', () => {
    const { cases, meetings } = k17OnTheTwentiethOfSeptember();
    const pipeline = forumPipeline(cases, meetings, 'kl-koordinationsforum', now);
    expect(pipeline.nextMeeting).toBeUndefined();
    expect(pipeline.cases).toEqual([
      { caseId: 'forsorgshjem', title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem', purpose: 'decision', fromForumId: 'styregruppen', state: 'waiting', meetingId: undefined },
    ]);
  });

  it('given the day after 3/10, then 5/12 is next and the cases on it are listed, those left on 3/10 are not', () => {
    const { cases, meetings } = k17OnTheTwentiethOfSeptember();
    const pipeline = forumPipeline(cases, meetings, 'k17', '2025-10-04T09:00:00+02:00');
    expect(pipeline.nextMeeting?.id).toBe('k17-2025-12-05');
    expect(pipeline.cases.map((entry) => entry.caseId)).toEqual(['tilsynsreform-2026', 'botilbud-kapacitet']);
  });

  it('given a forum nobody has heard of, then the pipeline is empty', () => {
    const { cases, meetings } = k17OnTheTwentiethOfSeptember();
    expect(forumPipeline(cases, meetings, 'oekonomigruppen', now)).toEqual({ forumId: 'oekonomigruppen', nextMeeting: undefined, cases: [] });
  });
});
