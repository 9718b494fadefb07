import { FollowUpAssigned, FollowUpEvent, MeetingEvent, Owner } from '@app/domain';
import { Settings } from 'luxon';
import { calendar2025, followUpAssigned, followUpCancelled, followUpCompleted, meetingCancelled, meetingHeld, meetingRescheduled, meetingScheduled, readModels } from '../testing/read-side.testing';
import { InvalidCursorError } from '../paging';
import { FollowUpsPageFilter, listFollowUps, pageFollowUps, resolveFollowUp } from './follow-ups.query';
import { FollowUpRecord } from './follow-ups.projection';

const meetingsFrom = (events: MeetingEvent[]) => readModels(events).meetings;

const { styregruppenAugust, styregruppenSeptember, k17May, k17August, k17October, kkrOctober } = calendar2025;

const secretariat: Owner = { name: 'Rammeaftalesekretariatet', email: 'rammeaftale@example.dk', organisation: 'Region Sjælland' };
const slagelse: Owner = { name: 'Slagelse Kommune', organisation: 'Slagelse Kommune' };

/** Given in Styregruppen during the 8/8 meeting, in the annual report's case, to the secretariat, unless told otherwise. */
const assigned = (
  followUpId: string,
  due: { due?: string; dueBeforeMeetingOfForumId?: string },
  { caseId = 'socialtilsyn-oest-aarsrapport-2024', ...more }: Partial<Omit<FollowUpAssigned['data'], 'followUpId'>> = {},
): FollowUpAssigned => followUpAssigned(followUpId, caseId, { forumId: 'styregruppen', owners: [secretariat], assignedAt: '2025-08-08T12:15:00+02:00', ...due, ...more });

const single = (event: FollowUpAssigned, ...more: FollowUpEvent[]): FollowUpRecord => readModels([event, ...more]).followUps.get(event.data.followUpId)!;

describe('follow-ups query', () => {
  describe('resolveFollowUp with a date of its own', () => {
    const kora = single(assigned('kontakt-kora', { due: '2025-09-01' }));
    const meetings = meetingsFrom([styregruppenSeptember]);

    it('given the due day itself, then it is not overdue', () => {
      expect(resolveFollowUp(kora, meetings, '2025-09-01')).toMatchObject({ dueDate: '2025-09-01', overdue: false, daysOverdue: undefined, dueMeetingId: undefined });
    });

    it('given the day after, then it is one day overdue', () => {
      expect(resolveFollowUp(kora, meetings, '2025-09-02')).toMatchObject({ overdue: true, daysOverdue: 1 });
    });

    it('given a due date at the end of August, when today is 2 September, then it counts the days across the month end', () => {
      const lateAugust = single(assigned('notat-justeres', { due: '2025-08-29' }));
      expect(resolveFollowUp(lateAugust, meetings, '2025-09-02')).toMatchObject({ overdue: true, daysOverdue: 4 });
    });

    it('given a due date just before New Year, when today is 2 January, then it counts the days across the year end', () => {
      const newYear = single(assigned('budget-2026', { due: '2025-12-30' }));
      expect(resolveFollowUp(newYear, meetings, '2026-01-02')).toMatchObject({ overdue: true, daysOverdue: 3 });
    });

    it('given Copenhagen time and a due date before summer time ends, when today is after, then it still counts whole days', () => {
      const zone = Settings.defaultZone;
      Settings.defaultZone = 'Europe/Copenhagen';
      try {
        const autumn = single(assigned('tilsyn-svar', { due: '2025-10-24' }));
        expect(resolveFollowUp(autumn, meetings, '2025-10-27')).toMatchObject({ overdue: true, daysOverdue: 3 });
      } finally {
        Settings.defaultZone = zone;
      }
    });

    it('given a follow-up that is done or cancelled, when its date has passed, then it is not overdue', () => {
      const done = single(assigned('kontakt-kora', { due: '2025-09-01' }), followUpCompleted('kontakt-kora', 'socialtilsyn-oest-aarsrapport-2024', '2025-09-03T10:00:00+02:00'));
      const cancelled = single(assigned('kontakt-kora', { due: '2025-09-01' }), followUpCancelled('kontakt-kora', 'socialtilsyn-oest-aarsrapport-2024', '2025-09-03T10:00:00+02:00'));
      expect(resolveFollowUp(done, meetings, '2025-09-20')).toMatchObject({ dueDate: '2025-09-01', overdue: false, daysOverdue: undefined });
      expect(resolveFollowUp(cancelled, meetings, '2025-09-20')).toMatchObject({ dueDate: '2025-09-01', overdue: false, daysOverdue: undefined });
    });
  });

  describe('resolveFollowUp due "before the next meeting of" a forum', () => {
    const beforeK17 = single(assigned('dagsorden-deles', { dueBeforeMeetingOfForumId: 'k17' }));

    it('given K17 meetings in May, August and October, when assigned on 8/8, then it is due on the date of K17’s 22/8 meeting', () => {
      const view = resolveFollowUp(beforeK17, meetingsFrom([k17May, k17October, k17August]), '2025-08-20');
      expect(view).toMatchObject({ dueDate: '2025-08-22', dueMeetingId: 'k17-2025-08-22', overdue: false });
    });

    it('given the 22/8 meeting is cancelled, then it is due before the one after, 3/10', () => {
      const cancelled = meetingCancelled('k17-2025-08-22', 'k17', '2025-08-15T09:00:00+02:00');
      const view = resolveFollowUp(beforeK17, meetingsFrom([k17May, k17August, k17October, cancelled]), '2025-08-25');
      expect(view).toMatchObject({ dueDate: '2025-10-03', dueMeetingId: 'k17-2025-10-03', overdue: false });
    });

    it('given the 22/8 meeting is moved to 29/8, then the due date follows it', () => {
      const moved = meetingRescheduled('k17-2025-08-22', 'k17', '2025-08-22T09:00:00+02:00', '2025-08-29T13:00:00+02:00', '2025-08-12T09:00:00+02:00');
      const meetings = meetingsFrom([k17May, k17August, k17October, moved]);
      expect(resolveFollowUp(beforeK17, meetings, '2025-08-25')).toMatchObject({ dueDate: '2025-08-29', dueMeetingId: 'k17-2025-08-22', overdue: false });
      expect(resolveFollowUp(beforeK17, meetings, '2025-08-30')).toMatchObject({ overdue: true, daysOverdue: 1 });
    });

    it('given the 22/8 meeting has been held, when today is 25/8, then it is still due by that meeting and three days overdue', () => {
      const held = meetingHeld('k17-2025-08-22', 'k17', '2025-08-22T12:00:00+02:00');
      const view = resolveFollowUp(beforeK17, meetingsFrom([k17August, held, k17October]), '2025-08-25');
      expect(view).toMatchObject({ dueDate: '2025-08-22', dueMeetingId: 'k17-2025-08-22', overdue: true, daysOverdue: 3 });
    });

    it('given it is given during Styregruppen’s 8/8 meeting and due before Styregruppen’s next, then that is 19/9, not the meeting under way', () => {
      const beforeStyregruppen = single(assigned('oplaeg-19-9', { dueBeforeMeetingOfForumId: 'styregruppen' }));
      expect(resolveFollowUp(beforeStyregruppen, meetingsFrom([styregruppenAugust, styregruppenSeptember]), '2025-08-20')).toMatchObject({
        dueDate: '2025-09-19',
        dueMeetingId: 'styregruppen-2025-09-19',
      });
    });

    it('given KL Koordinationsforum has no meeting yet, then it has no due date and is not overdue; once one is scheduled, it is due then', () => {
      const beforeKl = single(assigned('rejses-i-kl', { dueBeforeMeetingOfForumId: 'kl-koordinationsforum' }));
      expect(resolveFollowUp(beforeKl, meetingsFrom([k17August]), '2026-06-01')).toMatchObject({ dueDate: undefined, dueMeetingId: undefined, overdue: false });
      const klMeeting = meetingScheduled('kl-koordinationsforum-2025-11-12', 'kl-koordinationsforum', '2025-11-12T10:00:00+01:00');
      expect(resolveFollowUp(beforeKl, meetingsFrom([k17August, klMeeting]), '2025-11-14')).toMatchObject({
        dueDate: '2025-11-12',
        dueMeetingId: 'kl-koordinationsforum-2025-11-12',
        overdue: true,
        daysOverdue: 2,
      });
    });
  });

  describe('listFollowUps', () => {
    const kora = assigned('kontakt-kora', { due: '2025-09-01' });
    const agenda = assigned('dagsorden-deles', { dueBeforeMeetingOfForumId: 'k17' }, { owners: [slagelse, secretariat], caseId: 'kvalitet-kommuner-forsorgshjem' });
    const note = assigned('notat-justeres', { due: '2025-08-15' }, { owners: [slagelse], caseId: 'kvalitet-kommuner-forsorgshjem' });
    const cancelledOne = assigned('kontakt-stoe', { due: '2025-08-20' });
    const kkr = assigned(
      'kkr-rejser-sagen',
      { due: '2025-10-15' },
      { forumId: 'kkr-sjaelland', owners: [{ name: 'KKR-formandskabet', organisation: 'KKR Sjælland' }], description: 'KKR-formandskabet rejser sagen politisk' },
    );
    const undated = assigned('rejses-i-kl', { dueBeforeMeetingOfForumId: 'kl-koordinationsforum' });
    const followUps = readModels([
      kora,
      agenda,
      note,
      cancelledOne,
      kkr,
      undated,
      followUpCompleted('notat-justeres', 'kvalitet-kommuner-forsorgshjem', '2025-08-19T10:00:00+02:00'),
      followUpCancelled('kontakt-stoe', 'socialtilsyn-oest-aarsrapport-2024', '2025-08-19T10:00:00+02:00'),
    ]);
    const meetings = meetingsFrom([styregruppenSeptember, k17August, k17October, kkrOctober]);
    const today = '2025-09-05';
    const ids = (filter: Parameters<typeof listFollowUps>[2]) => listFollowUps(followUps, meetings, filter, today).map((view) => view.id);

    it('given no filter, then every follow-up is listed: overdue ones first, most overdue first, then by due date, undated last', () => {
      const views = listFollowUps(followUps, meetings, {}, today);
      expect(views.map((view) => [view.id, view.dueDate, view.daysOverdue])).toEqual([
        ['dagsorden-deles', '2025-08-22', 14],
        ['kontakt-kora', '2025-09-01', 4],
        ['notat-justeres', '2025-08-15', undefined],
        ['kontakt-stoe', '2025-08-20', undefined],
        ['kkr-rejser-sagen', '2025-10-15', undefined],
        ['rejses-i-kl', undefined, undefined],
      ]);
    });

    it('given status open, then the open ones are listed, overdue ones included, done and cancelled left out', () => {
      expect(ids({ status: 'open' })).toEqual(['dagsorden-deles', 'kontakt-kora', 'kkr-rejser-sagen', 'rejses-i-kl']);
    });

    it('given status overdue, then only open follow-ups past their date are listed', () => {
      expect(ids({ status: 'overdue' })).toEqual(['dagsorden-deles', 'kontakt-kora']);
    });

    it('given status done, then only the completed one is listed', () => {
      expect(ids({ status: 'done' })).toEqual(['notat-justeres']);
    });

    it('given a forum, then only that forum’s follow-ups are listed', () => {
      expect(ids({ forumId: 'kkr-sjaelland' })).toEqual(['kkr-rejser-sagen']);
    });

    it('given a case, then only that case’s follow-ups are listed', () => {
      expect(ids({ caseId: 'kvalitet-kommuner-forsorgshjem' })).toEqual(['dagsorden-deles', 'notat-justeres']);
    });

    it('given an owner in other letter case, then it matches the owner’s name, organisation or e-mail', () => {
      expect(ids({ owner: 'SLAGELSE KOMMUNE' })).toEqual(['dagsorden-deles', 'notat-justeres']);
      expect(ids({ owner: 'kkr sjælland' })).toEqual(['kkr-rejser-sagen']);
      expect(ids({ owner: 'Rammeaftale@Example.dk' })).toEqual(['dagsorden-deles', 'kontakt-kora', 'kontakt-stoe', 'rejses-i-kl']);
    });

    it('given only part of an owner’s name, then nothing matches', () => {
      expect(ids({ owner: 'Slagelse' })).toEqual([]);
    });

    it('given filters together, then all of them apply', () => {
      expect(ids({ owner: 'rammeaftalesekretariatet', status: 'overdue', caseId: 'socialtilsyn-oest-aarsrapport-2024' })).toEqual(['kontakt-kora']);
      expect(ids({ forumId: 'styregruppen', status: 'open' })).toEqual(['dagsorden-deles', 'kontakt-kora', 'rejses-i-kl']);
    });

    describe('pageFollowUps', () => {
      /** Every page of `limit` items, followed cursor by cursor. */
      const pages = (filter: FollowUpsPageFilter, limit: number): string[][] => {
        const result: string[][] = [];
        let cursor: string | undefined;
        do {
          const page = pageFollowUps(followUps, meetings, filter, today, { limit, cursor });
          result.push(page.items.map((view) => view.id));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        return result;
      };

      it('given pages of two, when followed cursor by cursor, then they give the list in its order, overdue ones first, and the last page has no cursor', () => {
        expect(pages({}, 2)).toEqual([
          ['dagsorden-deles', 'kontakt-kora'],
          ['notat-justeres', 'kontakt-stoe'],
          ['kkr-rejser-sagen', 'rejses-i-kl'],
        ]);
      });

      it.each<[string, FollowUpsPageFilter]>([
        ['no filter', {}],
        ['open', { status: 'open' }],
        ['overdue', { status: 'overdue' }],
        ['done', { status: 'done' }],
        ['a case', { caseId: 'kvalitet-kommuner-forsorgshjem' }],
        ['an owner', { owner: 'rammeaftale@example.dk' }],
      ])('given %s, when paged one at a time, then the pages hold what the whole list holds, in its order, and the views alike', (_what, filter) => {
        expect(pages(filter, 1).flat()).toEqual(ids(filter));
        expect(pageFollowUps(followUps, meetings, filter, today, { limit: 100 }).items).toEqual(listFollowUps(followUps, meetings, filter, today));
      });

      it('given what the asker may see, then a page leaves the others out and is still full', () => {
        const visible = (record: FollowUpRecord): boolean => record.owners.some((owner) => owner.name === slagelse.name);
        expect(pages({ visible }, 1)).toEqual([['dagsorden-deles'], ['notat-justeres']]);
      });

      it('given a cursor the list did not give, then it is refused', () => {
        for (const cursor of ['not-a-cursor', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('["0","x"]').toString('base64url')]) {
          expect(() => pageFollowUps(followUps, meetings, {}, today, { limit: 2, cursor })).toThrow(InvalidCursorError);
        }
      });
    });
  });
});
