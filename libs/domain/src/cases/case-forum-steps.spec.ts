import { evolveForumSteps, ForumStep, ForumSteps } from './case-forum-steps';
import { CaseEvent } from './case.events';

const caseId = 'socialtilsyn-oest-aarsrapport';
const styregruppenAugust = { meetingId: 'styregruppen-2025-08-08', startsAt: '2025-08-08T11:00:00+02:00' };
const k17August = { meetingId: 'k17-2025-08-22', startsAt: '2025-08-22T09:00:00+02:00' };
const k17October = { meetingId: 'k17-2025-10-03', startsAt: '2025-10-03T09:00:00+02:00' };
const k17December = { meetingId: 'k17-2025-12-05', startsAt: '2025-12-05T09:00:00+01:00' };

const proposed: CaseEvent = {
  type: 'CaseProposed',
  data: { caseId, forumId: 'styregruppen', title: 'Socialtilsyn Øst årsrapport 2024', kind: 'information', recommendation: [], attachments: [], proposedAt: '2025-07-01T09:00:00+02:00' },
};
const scheduled = (forumId: string, meeting: { meetingId: string; startsAt: string }, previousMeetingId?: string): CaseEvent => ({
  type: 'CaseScheduled',
  data: { caseId, forumId, ...meeting, previousMeetingId, scheduledAt: '2025-07-02T09:00:00+02:00' },
});
const postponed = (forumId: string, fromMeetingId: string, to?: { meetingId: string; startsAt: string }): CaseEvent => ({
  type: 'CasePostponed',
  data: { caseId, forumId, fromMeetingId, toMeetingId: to?.meetingId, toStartsAt: to?.startsAt, postponedAt: '2025-08-22T09:10:00+02:00' },
});
const decided = (forumId: string, meetingId: string): CaseEvent => ({
  type: 'CaseDecided',
  data: { caseId, forumId, meetingId, outcome: 'noted', text: 'Taget til efterretning', points: [], decidedAt: '2025-10-03T10:00:00+02:00' },
});
const forwardedToK17: CaseEvent = {
  type: 'CaseForwarded',
  data: { caseId, fromForumId: 'styregruppen', fromMeetingId: styregruppenAugust.meetingId, toForumIds: ['k17'], purpose: 'information', forwardedAt: '2025-08-08T12:00:00+02:00' },
};

/** The steps after the events, each handed in with its position in the log, as the read side folds them. */
const stepsAfter = (...events: [number, CaseEvent][]): ForumSteps => events.reduce((steps, [position, event]) => evolveForumSteps(steps, event, position), {} as ForumSteps);

const fromStyregruppen = [
  [1, proposed],
  [2, scheduled('styregruppen', styregruppenAugust)],
  [3, decided('styregruppen', styregruppenAugust.meetingId)],
  [4, forwardedToK17],
] as [number, CaseEvent][];

/** The step with all its fields, absent ones undefined, as the fold builds every step. */
const step = (fields: Pick<ForumStep, 'forumId' | 'purpose' | 'state'> & Partial<ForumStep>): ForumStep => ({
  meetingId: undefined,
  startsAt: undefined,
  fromForumId: undefined,
  carriedOverFrom: undefined,
  since: undefined,
  ...fields,
});

describe('where a case stands in each forum', () => {
  it('keeps the purpose and the forum it came from through its meetings, postponements and decision in the forum it was forwarded to', () => {
    const forwarded = { forumId: 'k17', purpose: 'information', fromForumId: 'styregruppen' } as const;
    const onAugust = [...fromStyregruppen, [5, scheduled('k17', k17August)]] as [number, CaseEvent][];
    const postponedToOctober = [...onAugust, [6, postponed('k17', k17August.meetingId, k17October)]] as [number, CaseEvent][];

    expect(stepsAfter(...fromStyregruppen).k17).toStrictEqual(step({ ...forwarded, state: 'waiting', since: 4 }));
    expect(stepsAfter(...onAugust).k17).toStrictEqual(step({ ...forwarded, state: 'scheduled', ...k17August, since: 5 }));
    expect(stepsAfter(...postponedToOctober).k17).toStrictEqual(
      step({ ...forwarded, state: 'scheduled', ...k17October, carriedOverFrom: k17August.meetingId, since: 6 }),
    );
    // Decided, it keeps its place in the queue (since) and the start it was given.
    expect(stepsAfter(...postponedToOctober, [7, decided('k17', k17October.meetingId)]).k17).toStrictEqual(
      step({ ...forwarded, state: 'decided', ...k17October, carriedOverFrom: k17August.meetingId, since: 6 }),
    );
  });

  it('names the meeting a case was moved from, not one it was carried over from before', () => {
    const moved = stepsAfter(
      ...fromStyregruppen,
      [5, scheduled('k17', k17August)],
      [6, postponed('k17', k17August.meetingId, k17October)],
      [7, scheduled('k17', k17December, k17October.meetingId)],
    );

    expect(moved.k17).toMatchObject({ state: 'scheduled', meetingId: k17December.meetingId, carriedOverFrom: k17October.meetingId });
  });

  it('keeps the meeting it was carried over from where it is put on a meeting without being moved', () => {
    const waitingAfterPostponement = [...fromStyregruppen, [5, scheduled('k17', k17August)], [6, postponed('k17', k17August.meetingId)]] as [number, CaseEvent][];

    expect(stepsAfter(...waitingAfterPostponement).k17).toMatchObject({ state: 'waiting', meetingId: undefined, carriedOverFrom: k17August.meetingId });
    expect(stepsAfter(...waitingAfterPostponement, [7, scheduled('k17', k17October)]).k17).toMatchObject({
      state: 'scheduled',
      meetingId: k17October.meetingId,
      carriedOverFrom: k17August.meetingId,
    });
  });

  // The read side folds whatever the log holds: an event for a forum the case has no step in yet must not
  // stop every read model, so it starts that forum's step as one for decision.
  it.each<[string, CaseEvent, Pick<ForumStep, 'state'> & Partial<ForumStep>]>([
    ['put on a meeting', scheduled('k17', k17August), { state: 'scheduled', ...k17August }],
    ['postponed', postponed('k17', k17August.meetingId, k17October), { state: 'scheduled', ...k17October, carriedOverFrom: k17August.meetingId }],
    ['decided', decided('k17', k17August.meetingId), { state: 'decided', meetingId: k17August.meetingId }],
  ])('starts the step of a forum it had none in where the log says it was %s there', (_, event, expected) => {
    expect(stepsAfter([1, proposed], [9, event]).k17).toStrictEqual(step({ forumId: 'k17', purpose: 'decision', since: 9, ...expected }));
  });
});
