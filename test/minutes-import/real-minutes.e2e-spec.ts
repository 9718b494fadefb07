import { loadForums } from '@app/config';
import { parseMinutes, type ParseOptions, type ReportItem, type ReviewReport } from '@app/minutes-import';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Acceptance over the three real minutes of Styregruppen (2 May, 8 August, 19 September 2025). They live in
 * the shared folder beside the repository, not in it; a checkout without that folder skips with a reason.
 */

const MINUTES_DIR = path.resolve(__dirname, '../../../shared/minutes');
const shipped: ParseOptions = { forums: loadForums(path.resolve(__dirname, '../../config/forums.json')), timeZone: 'Europe/Copenhagen' };
const FILES = {
  may: 'styregruppe-2025-05-02-referat.txt',
  august: 'styregruppe-2025-08-08-referat.txt',
  september: 'styregruppe-2025-09-19-referat.txt',
};
const present = Object.values(FILES).every((f) => fs.existsSync(path.join(MINUTES_DIR, f)));
if (!present) {
  console.warn(`Skipping the acceptance test over the real minutes: ${MINUTES_DIR} does not hold ${Object.values(FILES).join(', ')}.`);
}

(present ? describe : describe.skip)('import of the real minutes of Styregruppen, 2025', () => {
  let texts: Record<keyof typeof FILES, string>;
  let may: ReviewReport;
  let august: ReviewReport;
  let september: ReviewReport;

  function parse(text: string, options: Partial<ParseOptions>): ReviewReport {
    const result = parseMinutes(text, { ...shipped, ...options });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.report;
  }

  const item = (r: ReviewReport, number: number, part?: string): ReportItem => {
    const found = r.items.find((i) => i.number === number && i.part === part);
    if (!found) throw new Error(`no item ${number}${part ?? ''}`);
    return found;
  };

  /** The report's line numbers are checked against the file, not trusted. */
  const linesOf = (text: string, lines: number[]) =>
    lines
      .map((n) => text.split(/\r\n|\r|\n/)[n - 1])
      .join(' ')
      .replace(/\s+/g, ' ');

  beforeAll(() => {
    texts = {
      may: fs.readFileSync(path.join(MINUTES_DIR, FILES.may), 'utf8'),
      august: fs.readFileSync(path.join(MINUTES_DIR, FILES.august), 'utf8'),
      september: fs.readFileSync(path.join(MINUTES_DIR, FILES.september), 'utf8'),
    };
    // 2 May and 8 August have no date line: the import gives the date, as --meeting-date would.
    may = parse(texts.may, { forumId: 'styregruppen', meetingDate: '2025-05-02' });
    august = parse(texts.august, {
      forumId: 'styregruppen',
      meetingDate: '2025-08-08',
      earlierMeetings: [{ date: may.meeting.date, items: may.items }],
    });
    september = parse(texts.september, { forumId: 'styregruppen' });
  });

  it('stops on 2 May without a meeting date, saying so', () => {
    expect(parseMinutes(texts.may, shipped)).toEqual({ ok: false, error: expect.objectContaining({ code: 'minutes.missing_meeting_date' }) });
  });

  describe('2 May', () => {
    it('reads the six items', () => {
      expect(may.items.map((i) => [i.number, i.outcome])).toEqual([
        [1, 'approved'],
        [2, 'noted'],
        [3, 'postponed'],
        [4, 'noted'],
        [5, 'none'],
        [6, 'decided'],
      ]);
    });

    it('postpones item 3 to 8 August by the decision of item 1', () => {
      const postponed = item(may, 3).postponedTo;
      expect(postponed).toMatchObject({
        meetingDate: '2025-08-08',
        forumId: 'styregruppen',
        byItemNumber: 1,
        startsAt: '2025-08-08T11:00:00+02:00',
        endsAt: '2025-08-08T14:00:00+02:00',
      });
      expect(postponed?.lines).toEqual(expect.arrayContaining(item(may, 1).outcomeLines ?? [-1]));
      expect(linesOf(texts.may, postponed?.lines ?? [])).toMatch(/punkt 3 kvalitet[\s\S]*udsættes til næste styregruppemøde 8\/8-2025/);
      expect(item(may, 1).outcome).toBe('approved');
    });

    it('forwards item 2 to K17 and KKR for information, and item 4 leaves Slagelse and the secretariat a follow-up', () => {
      expect(item(may, 2).forwardedTo.map((f) => [f.forumId, f.purpose])).toEqual([
        ['k17', 'information'],
        ['kkr-sjaelland', 'information'],
      ]);
      expect(item(may, 4).followUps[0].owners.map((o) => o.name)).toEqual(['Slagelse Kommune', 'Sekretariatet']);
    });

    it('schedules the next meeting 8 August 11-14 and the Mødekalender with the right years', () => {
      expect(may.meetings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ forumId: 'styregruppen', date: '2025-08-08', startsAt: '2025-08-08T11:00:00+02:00' }),
          expect.objectContaining({ forumId: 'k17', date: '2025-05-23' }),
          expect.objectContaining({ forumId: 'kkr-sjaelland', date: '2025-06-18' }),
          expect.objectContaining({ forumId: 'kkr-sjaelland', date: '2026-01-27', note: 'Konstituerende møde' }),
        ]),
      );
    });
  });

  describe('8 August', () => {
    it('forwards item 2 to K17 and KKR', () => {
      expect(item(august, 2).forwardedTo.map((f) => f.forumId)).toEqual(['k17', 'kkr-sjaelland']);
      expect(linesOf(texts.august, item(august, 2).forwardedTo[0].lines)).toContain('Sagen videresendes til K17 og KKR');
    });

    it('links item 5 "(udsat fra 2/5)" to item 3 of 2 May, and forwards it to KL Koordinationsforum', () => {
      expect(item(august, 5).continues).toMatchObject({ meetingDate: '2025-05-02', itemNumber: 3 });
      expect(item(august, 5).forwardedTo.map((f) => f.forumId)).toEqual(['kl-koordinationsforum']);
      expect(item(august, 5).outcome).toBe('decided');
    });

    it('reads items 3 and 4 despite the numbered list in item 2, and the podcast link as an attachment', () => {
      expect(august.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(item(august, 2).attachments).toEqual(
        expect.arrayContaining([expect.objectContaining({ url: expect.stringContaining('spreaker.com/podcast/taet-pa-socialtilsynet') })]),
      );
    });

    it('schedules 19 September 12-15 with the absence announced for it', () => {
      expect(august.meetings.find((m) => m.date === '2025-09-19')).toMatchObject({
        forumId: 'styregruppen',
        startsAt: '2025-09-19T12:00:00+02:00',
        endsAt: '2025-09-19T15:00:00+02:00',
        absent: [{ name: 'Slagelse' }],
      });
    });
  });

  describe('19 September', () => {
    it('reads date, time, place, participants, absences and the minute-taker', () => {
      expect(september.meeting).toMatchObject({
        date: '2025-09-19',
        startsAt: '2025-09-19T12:00:00+02:00',
        endsAt: '2025-09-19T15:00:00+02:00',
        place: 'Teams',
        dateSource: 'text',
        minuteTaker: { name: 'Povl Skov' },
      });
      expect(september.participants.map((p) => p.name)).toEqual([
        'Morten Bøgelund Andersen',
        'Bo Gammelgaard',
        'Helle Stisen',
        'Mille Schjoldan',
        'Pia Bille',
        'Anne Andersen',
        'Lisbeth Broberg',
        'Holger Spangsberg',
      ]);
      expect(september.participants[0]).toMatchObject({ chair: true, organisation: 'Greve Kommune' });
      expect(september.guests.map((p) => p.name)).toEqual(['Julie Jacobsen']);
      expect(september.absent.map((p) => p.name)).toEqual(['Margrethe Kusk Pedersen', 'Helle Stisen', 'Anne-Sofie Degn']);
      expect(september.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'person-conflict' })]));
    });

    it('reads sub-items 4 A and 4 B, and the answer awaited from Socialstyrelsen ultimo 2025', () => {
      expect(september.items.map((i) => `${i.number}${i.part ?? ''}`)).toEqual(['1', '2', '3', '4A', '4B', '5', '6', '7', '8']);
      expect(item(september, 4, 'B').followUps).toEqual([
        expect.objectContaining({ kind: 'awaiting', owners: [{ kind: 'external', name: 'Socialstyrelsen' }], due: expect.objectContaining({ date: '2025-12-31', fuzzy: 'ultimo' }) }),
      ]);
    });

    it("has item 5's follow-up: the agenda is shared with the steering group before the meeting", () => {
      const followUp = item(september, 5).followUps.find((f) => /dagsorden deles med styregruppen/i.test(f.description));
      expect(followUp).toMatchObject({
        description: 'Dagsorden deles med styregruppen forud for mødet',
        due: { beforeMeetingOfForumId: 'kl-koordinationsforum' },
      });
      expect(linesOf(texts.september, followUp?.lines ?? [])).toContain('dagsorden deles med styregruppen forud for mødet');
      expect(item(september, 5).forwardedTo.map((f) => f.forumId)).toEqual(['kl-koordinationsforum']);
    });

    it('schedules the Mødekalender meetings of Styregruppen, K17 and KKR with the right years, 27/1-2026 included', () => {
      const calendar = september.meetings.filter((m) => m.sources.includes('calendar')).map((m) => [m.forumId, m.date]);
      expect(calendar).toEqual([
        ['k17', '2025-10-03'],
        ['kkr-sjaelland', '2025-10-22'],
        ['styregruppen', '2025-11-21'],
        ['k17', '2025-12-05'],
        ['kkr-sjaelland', '2026-01-27'],
      ]);
    });

    it('schedules the next meeting on 12 December, 9-12 in winter time', () => {
      expect(september.meetings.find((m) => m.sources.includes('next-meeting'))).toMatchObject({
        forumId: 'styregruppen',
        date: '2025-12-12',
        startsAt: '2025-12-12T09:00:00+01:00',
        endsAt: '2025-12-12T12:00:00+01:00',
      });
    });
  });

  it('marks the standing items of each meeting, and reads what is decided in them as before', () => {
    const standing = (r: ReviewReport) => r.items.filter((i) => i.standing).map((i) => `${i.number}${i.part ?? ''} ${i.title}`);
    expect(standing(may)).toEqual([
      '1 Godkendelse af dagsorden',
      '2 Kort status på arbejdet med fokusområderne i rammeaftale 2025-2026',
      '4 Korte orienteringspunkter',
      '5 Evt.',
      '6 Næste møde',
    ]);
    expect(standing(august)).toEqual(['1 Godkendelse af dagsorden', '4 Status rammeaftale 2025-2026 pr. medio 2025', '6 Korte orienteringspunkter', '7 Evt.', '8 Næste møde']);
    expect(standing(september)).toEqual(['1 Godkendelse af dagsorden', '2 Status rammeaftale 2025-2026 pr. september 2025', '6 Korte orienteringspunkter', '7 Evt.', '8 Næste møde']);
    // Standing, and still a real outcome: item 1 postpones item 3, the status goes on to K17 and KKR, item 4 leaves a follow-up.
    expect(item(may, 3)).toMatchObject({ outcome: 'postponed', postponedTo: { byItemNumber: 1 } });
    expect(item(may, 3).standing).toBeUndefined();
    expect(item(may, 2).forwardedTo.map((f) => f.forumId)).toEqual(['k17', 'kkr-sjaelland']);
    expect(item(may, 4).followUps).toHaveLength(1);
    expect(may.notes).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'standing-items', message: expect.stringContaining('5 punkter er læst som faste punkter') })]));
  });

  it('lists every unclassified decision sentence with its line, and points every event at its source', () => {
    for (const [report, text] of [
      [may, texts.may],
      [august, texts.august],
      [september, texts.september],
    ] as const) {
      for (const u of report.unclassified) expect(linesOf(text, u.lines)).toContain(u.text.split(' ').slice(0, 3).join(' '));
      for (const i of report.items) {
        const start = text.split(/\r\n|\r|\n/)[i.lines[0] - 1];
        expect(start).toContain(i.part ? `${i.number} ${i.part})` : String(i.number));
      }
    }
  });
});
