import { loadForums } from '@app/config';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_MINUTES_LENGTH, parseMinutes } from './minutes-parser';
import type { ParseOptions, ReportItem, ReviewReport } from './review-report';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const shipped: ParseOptions = { forums: loadForums(path.join(__dirname, '../../../config/forums.json')), timeZone: 'Europe/Copenhagen' };

function report(text: string, options: Partial<ParseOptions> = {}): ReviewReport {
  const result = parseMinutes(text, { ...shipped, ...options });
  if (!result.ok) throw new Error(`expected a report, got ${result.error.code}: ${result.error.message}`);
  return result.report;
}

const item = (r: ReviewReport, number: number, part?: string): ReportItem => {
  const found = r.items.find((i) => i.number === number && i.part === part);
  if (!found) throw new Error(`no item ${number}${part ?? ''}`);
  return found;
};

/** Every line a report points at holds the words it quotes: line numbers are checked, not trusted. */
function expectLinesHold(text: string, lines: number[], words: string): void {
  const source = lines.map((n) => text.split(/\r\n|\r|\n/)[n - 1]).join(' ');
  const first = words.split(/\s+/).find((w) => w.length > 3) ?? words;
  expect(source).toContain(first);
}

describe('parseMinutes', () => {
  describe('the meeting', () => {
    it('reads date, time and place from the header', () => {
      const r = report(fixture('approved.txt'));
      expect(r.meeting).toEqual({
        date: '2025-11-06',
        startsAt: '2025-11-06T09:00:00+01:00',
        endsAt: '2025-11-06T11:30:00+01:00',
        place: 'Rådhuset i Sorø',
        forumId: 'styregruppen',
        dateSource: 'text',
        lines: [3, 4],
      });
      expect(r.warnings).toEqual([]);
    });

    it('takes the meeting date from the options where the text has none, and stops where neither has one', () => {
      const text = fixture('approved.txt').replace(/^Dato:.*$/m, '');
      expect(report(text, { meetingDate: '2025-11-06' }).meeting).toMatchObject({ date: '2025-11-06', dateSource: 'option' });
      expect(parseMinutes(text, shipped)).toEqual({
        ok: false,
        error: { code: 'minutes.missing_meeting_date', message: expect.stringContaining('--meeting-date') },
      });
    });

    it('keeps the date of the text and warns when the option says otherwise', () => {
      const r = report(fixture('approved.txt'), { meetingDate: '2025-11-07' });
      expect(r.meeting.date).toBe('2025-11-06');
      expect(r.warnings).toEqual([expect.objectContaining({ code: 'date-conflict', line: 3 })]);
    });

    it('warns when it assumes the forum', () => {
      const text = fixture('noted.txt').replace('Referat Styregruppemøde', 'Referat');
      expect(report(text).warnings).toEqual([expect.objectContaining({ code: 'forum-assumed' })]);
      expect(report(text, { forumId: 'styregruppen' }).warnings).toEqual([]);
    });
  });

  describe('phrase families of DOMAIN.md', () => {
    it('approved: godkendte dagsordenen / referatet, tiltrådte indstillingen', () => {
      const r = report(fixture('approved.txt'));
      expect(r.items.map((i) => [i.number, i.outcome, i.outcomeLines])).toEqual([
        [1, 'approved', [13]],
        [2, 'approved', [20]],
        [3, 'approved', [32]],
      ]);
      expect(item(r, 3)).toMatchObject({ kind: 'decision', recommendation: ['Godkender retningslinjerne'], lines: [22, 32] });
      expect(r.unclassified).toEqual([]);
    });

    it('noted: tog orienteringen til efterretning, with reported speech kept as a remark', () => {
      const r = report(fixture('noted.txt'));
      expect(item(r, 1)).toMatchObject({
        outcome: 'noted',
        kind: 'information',
        summary: 'Sekretariatet giver en kort status på analysen af pladser på botilbud.',
        remarks: [{ text: 'Det blev nævnt at flere kommuner oplever ventelister', lines: [14] }],
      });
      expect(r.unclassified).toEqual([]);
    });

    it('decided: besluttede at, with the decision text; the rest is listed for review', () => {
      const r = report(fixture('decided.txt'));
      expect(item(r, 1)).toMatchObject({
        outcome: 'decided',
        decisionText: 'Styregruppen besluttede at temadagen holdes som heldagsarrangement i Ringsted',
        outcomeLines: [13],
      });
      expect(r.unclassified).toEqual([
        { line: 14, lines: [14], itemNumber: 1, text: 'Der var enighed om at invitere oplægsholdere fra både region og kommuner' },
      ]);
    });

    it('postponed: to a named meeting, to the next meeting, and by another item', () => {
      const text = fixture('postponed.txt');
      const r = report(text);
      expect(item(r, 2)).toMatchObject({
        outcome: 'postponed',
        postponedTo: { meetingDate: '2025-11-14', forumId: 'styregruppen', startsAt: '2025-11-14T09:00:00+01:00', yearGuessed: true, lines: [20] },
      });
      expect(item(r, 3)).toMatchObject({
        outcome: 'postponed',
        postponedTo: { meetingDate: '2025-11-14', byItemNumber: 1, lines: [11, 12] },
      });
      expect(item(r, 3).postponedTo?.yearGuessed).toBeUndefined();
      expect(item(r, 4).postponedTo).toEqual({ next: true, forumId: 'styregruppen', lines: [39] });
      expect(item(r, 1)).toMatchObject({ outcome: 'approved' });
      expect(item(r, 1).postponedTo).toBeUndefined();
      expectLinesHold(text, item(r, 3).postponedTo!.lines, 'udsættes');
      expect(r.warnings).toEqual([expect.objectContaining({ code: 'year-guessed', line: 20 })]);
    });

    it('continues: "(udsat fra 12/9)" is linked to the earlier meeting\'s item by its title', () => {
      const earlierMeetings = [
        { date: '2025-09-12', items: [{ number: 1, title: 'Godkendelse af dagsorden' }, { number: 4, title: 'Fælles kvalitetsstandarder for forsorgshjem' }] },
      ];
      const r = report(fixture('continues.txt'), { earlierMeetings });
      expect(item(r, 1)).toMatchObject({
        title: 'Fælles kvalitetsstandarder for forsorgshjem (udsat fra 12/9) – forslag fra arbejdsgruppen',
        continues: { meetingDate: '2025-09-12', itemNumber: 4, lines: [4, 5] },
        continuesFrom: { meetingDate: '2025-09-12', yearGuessed: true },
      });
    });

    it('continues: an earlier meeting that was not imported leaves the case unlinked, with a warning', () => {
      const r = report(fixture('continues.txt'));
      expect(item(r, 1).continues).toBeUndefined();
      expect(item(r, 1).continuesFrom).toMatchObject({ meetingDate: '2025-09-12' });
      expect(r.warnings.map((w) => w.code)).toEqual(['year-guessed', 'continues-unlinked']);
    });

    it('forwarded: to K17 and KKR for decision, for information, and with the purpose guessed', () => {
      const r = report(fixture('forwarded.txt'));
      expect(item(r, 1).forwardedTo).toEqual([
        { forumId: 'k17', purpose: 'decision', lines: [14] },
        { forumId: 'kkr-sjaelland', purpose: 'decision', lines: [14] },
      ]);
      expect(item(r, 2).forwardedTo).toEqual([
        { forumId: 'k17', purpose: 'information', lines: [26] },
        { forumId: 'kkr-sjaelland', purpose: 'information', lines: [26] },
      ]);
      expect(item(r, 3).forwardedTo).toEqual([{ forumId: 'k17', purpose: 'information', purposeGuessed: true, lines: [35] }]);
      expect(r.warnings).toEqual([expect.objectContaining({ code: 'purpose-guessed', line: 35 })]);
    });

    it('forwarded to KL Koordinationsforum, with the follow-up due before that forum meets', () => {
      const r = report(fixture('koordinationsforum.txt'));
      expect(item(r, 1)).toMatchObject({ outcome: 'decided', forwardedTo: [{ forumId: 'kl-koordinationsforum', purpose: 'decision' }] });
      expect(item(r, 2)).toMatchObject({
        outcome: 'decided',
        forwardedTo: [{ forumId: 'kl-koordinationsforum' }],
        followUps: [
          {
            description: 'Dagsorden deles med styregruppen forud for mødet',
            kind: 'action',
            owners: [{ kind: 'secretariat', name: 'Sekretariatet' }],
            ownerGuessed: true,
            due: { beforeMeetingOfForumId: 'kl-koordinationsforum', text: 'forud for mødet' },
            lines: [21],
          },
        ],
      });
      expect(r.warnings.map((w) => w.code)).toEqual(['purpose-guessed', 'outcome-inferred', 'purpose-guessed', 'owner-guessed']);
    });

    it('follow-ups: owners (secretariat, municipality, person) and due points', () => {
      const r = report(fixture('follow-ups.txt'));
      expect(item(r, 1).followUps.map((f) => [f.owners.map((o) => o.name), f.due])).toEqual([
        [['Sekretariatet'], undefined],
        [['Køge Kommune', 'Sekretariatet'], { nextMeeting: true, forumId: 'oekonomigruppen', text: 'økonomigruppen' }],
        [['Anne Hansen'], { date: '2025-12-01', yearGuessed: true, text: '1/12' }],
        [['Sekretariatet'], { beforeMeetingOfForumId: 'styregruppen', text: 'inden næste møde' }],
      ]);
      expect(item(r, 1).followUps[0]).toMatchObject({ description: 'Sekretariatet kontakter VIVE om en mulig analyse', lines: [11] });
    });

    it('the case comes back at the next meeting', () => {
      const r = report(fixture('returns.txt'));
      expect(item(r, 1)).toMatchObject({ outcome: 'none', returnsNextMeeting: true, returnsNextMeetingLines: [10] });
      expect(item(r, 2)).toMatchObject({ outcome: 'noted', returnsNextMeeting: true, returnsNextMeetingLines: [19] });
    });

    it('an answer awaited from an outside body by a fuzzy date', () => {
      const r = report(fixture('awaiting.txt'));
      expect(item(r, 1).followUps).toEqual([
        {
          description: 'Der forventes endeligt svar fra Socialstyrelsen ultimo 2025',
          kind: 'awaiting',
          owners: [{ kind: 'external', name: 'Socialstyrelsen' }],
          due: { date: '2025-12-31', fuzzy: 'ultimo', text: 'ultimo 2025' },
          lines: [11],
        },
      ]);
      expect(item(r, 2).followUps[0]).toMatchObject({ due: { date: '2026-03-15', fuzzy: 'medio', yearGuessed: true } });
    });

    it('meetings from "Næste møde" and the Mødekalender, with the years rolled over and every guess reported', () => {
      const r = report(fixture('meetings.txt'));
      expect(r.meetings.map((m) => [m.forumId, m.date])).toEqual([
        ['k17', '2025-10-10'],
        ['kkr-sjaelland', '2025-10-29'],
        ['styregruppen', '2025-11-28'],
        ['k17', '2025-12-12'],
        ['styregruppen', '2026-01-16'],
        ['kkr-sjaelland', '2026-01-20'],
        ['kkr-sjaelland', '2026-01-27'],
        ['k17', '2026-02-06'],
      ]);
      expect(r.meetings.find((m) => m.date === '2025-11-28')).toEqual({
        forumId: 'styregruppen',
        date: '2025-11-28',
        startsAt: '2025-11-28T09:00:00+01:00',
        endsAt: '2025-11-28T12:00:00+01:00',
        note: 'Kl. 9-10 formøde i formandskabet; Kl. 10-12 ordinært styregruppemøde',
        sources: ['next-meeting', 'calendar'],
        yearGuessed: true,
        absent: [{ name: 'Lejre', line: 24 }],
        lines: [16, 21, 24],
      });
      expect(r.meetings.find((m) => m.date === '2026-01-27')).toMatchObject({ note: 'Konstituerende møde', lines: [17] });
      expect(r.meetings.find((m) => m.date === '2026-01-27')?.yearGuessed).toBeUndefined();
      expect(r.warnings.filter((w) => w.code === 'year-guessed').map((w) => w.line)).toEqual([15, 16, 17, 21]);
      expect(item(r, 1).lines).toEqual([4, 10]);
    });

    it('a Mødekalender without a year puts January rows of September minutes in the next year', () => {
      const text = fixture('meetings.txt').replace(/26\/9\t10\/10\t29\/10\n/, '');
      const r = report(text);
      expect(r.meetings.filter((m) => m.sources.includes('calendar')).map((m) => m.date)).toEqual([
        '2025-11-28',
        '2025-12-12',
        '2026-01-16',
        '2026-01-20',
        '2026-01-27',
        '2026-02-06',
      ]);
    });
  });

  describe('structure', () => {
    it('reads minutes of another year, with other bullets and "Sekretariatet indstiller"', () => {
      const r = report(fixture('other-year.txt'));
      expect(r.meeting).toMatchObject({ date: '2019-03-12', startsAt: '2019-03-12T09:30:00+01:00', place: 'Holbæk Rådhus, mødelokale 2' });
      expect(r.participants.map((p) => [p.name, p.organisation])).toEqual([
        ['Jens Madsen', 'Holbæk Kommune'],
        ['Lone Berg', 'Næstved Kommune'],
        ['Karin Lund', 'Rammeaftalesekretariatet'],
      ]);
      expect(r.absent).toEqual([{ name: 'Ole Friis', organisation: 'Sorø Kommune', line: 8 }]);
      expect(r.meeting.minuteTaker).toEqual({ name: 'Karin Lund', line: 9 });
      expect(r.items.map((i) => [i.number, i.title, i.outcome])).toEqual([
        [1, 'Godkendelse af dagsorden', 'approved'],
        [2, 'Udmøntning af rammeaftalen', 'noted'],
        [3, 'Eventuelt', 'none'],
      ]);
      expect(item(r, 2)).toMatchObject({
        recommendation: ['tager orienteringen til efterretning', 'sender sagen videre til K17'],
        forwardedTo: [{ forumId: 'k17', purpose: 'information', lines: [31] }],
        followUps: [{ owners: [{ kind: 'secretariat' }], due: { date: '2019-04-01' } }],
      });
    });

    it('does not take a numbered list inside an item for the next item', () => {
      const text = [
        'Dato: 3. marts 2025',
        '1. Podcast om tilsyn',
        'Resume',
        'Tre afsnit:',
        '2. Fra vision til tilbud',
        '3. Det risikobaserede tilsyn',
        'Det nye format er valgt for at nå flere.',
        'Bilag:',
        '• Folder',
        '2. Status på økonomien',
        'Resume',
        'Kort status.',
        'Beslutning:',
        '• Styregruppen tog orienteringen til efterretning',
      ].join('\n');
      const r = report(text);
      expect(r.items.map((i) => [i.number, i.title, i.lines])).toEqual([
        [1, 'Podcast om tilsyn', [2, 9]],
        [2, 'Status på økonomien', [10, 14]],
      ]);
      expect(item(r, 1).attachments).toEqual([{ title: 'Folder', line: 9 }]);
    });

    it('reads sub-items "4 A)" as cases of their own', () => {
      const text = [
        'Dato: 3. marts 2025',
        '4. Centrale udmeldinger',
        '',
        '4 A) Domfældte',
        'Resumé',
        'Status.',
        'Beslutning:',
        '- Styregruppen tog orienteringen til efterretning',
        '4 B) Udsatte gravide',
        'Beslutning:',
        '- Der forventes endeligt svar fra Socialstyrelsen ultimo 2025',
      ].join('\n');
      const r = report(text);
      expect(r.items.map((i) => [i.number, i.part, i.title, i.parentTitle, i.lines])).toEqual([
        [4, 'A', 'Domfældte', 'Centrale udmeldinger', [4, 8]],
        [4, 'B', 'Udsatte gravide', 'Centrale udmeldinger', [9, 11]],
      ]);
      expect(item(r, 4, 'B').followUps[0]).toMatchObject({ kind: 'awaiting' });
    });

    it('reads links under Bilag, a link cut in two by the export, and a link on a line of its own', () => {
      const text = [
        'Dato: 3. marts 2025',
        '1. Orientering',
        'Resume',
        'Nyt fra KKR: * Bilag: Referat fra KKR-mødet: https://www.example.org/media/referat-fra-kkr-',
        '',
        'marts.pdf',
        '',
        'https://www.example.org/media/referat-fra-kkr-marts.pdf',
        'Bilag:',
        '• Podcast: Tæt på tilsynet',
        '• Notat om takster',
        '',
        'https://www.example.org/podcast/taet-pa-tilsynet',
      ].join('\n');
      expect(item(report(text), 1).attachments).toEqual([
        { title: 'Podcast: Tæt på tilsynet', line: 10 },
        { title: 'Notat om takster', url: 'https://www.example.org/podcast/taet-pa-tilsynet', line: 11 },
        { title: 'Referat fra KKR-mødet', url: 'https://www.example.org/media/referat-fra-kkr-marts.pdf', line: 4 },
      ]);
    });

    it('warns where an absent person is also listed as present', () => {
      const text = ['Dato: 3. marts 2025', 'Deltagere:', 'Bo Holm\tDirektør, formand\tFaxe Kommune', 'Afbud', 'Bo Holm\tDirektør\tFaxe Kommune', '1. Evt.'].join('\n');
      const r = report(text, { forumId: 'styregruppen' });
      expect(r.participants).toEqual([{ name: 'Bo Holm', title: 'Direktør, formand', organisation: 'Faxe Kommune', chair: true, line: 3 }]);
      expect(r.warnings).toEqual([expect.objectContaining({ code: 'person-conflict', line: 5 })]);
    });
  });

  describe('the forums and the time zone come from the options', () => {
    const psykiatrigruppen = { id: 'psykiatrigruppen', name: 'Psykiatrigruppen', aliases: ['psykiatrigruppe'] };
    const minutes = [
      'Referat Styregruppemøde',
      'Dato: 14. august 2025 kl. 13-15',
      '',
      '1. Ventetider i børne- og ungdomspsykiatrien',
      'Resume',
      'Flere kommuner melder om længere ventetider for unge med angst.',
      '',
      'Beslutning:',
      '• Styregruppen tog orienteringen til efterretning',
      '• Sagen videresendes til Psykiatrigruppen til beslutning',
      '',
      'Mødekalender 2025',
      'Møder i Styregruppen\tMøder i Psykiatrigruppen',
      '14/8\t4/9',
      '',
      '2. Næste møde',
      'Psykiatrigruppen holder næste møde 25/9 kl. 9-11 i Ringsted.',
    ].join('\n');

    it('recognises a forum added to the forums list by its name, in a forward and in the meetings to schedule', () => {
      const given = { forums: [...shipped.forums, psykiatrigruppen] };

      const r = report(minutes, given);

      expect(item(r, 1).forwardedTo).toEqual([{ forumId: 'psykiatrigruppen', purpose: 'decision', lines: [10] }]);
      expect(r.meetings).toEqual([
        expect.objectContaining({ forumId: 'psykiatrigruppen', date: '2025-09-04', sources: ['calendar'], lines: [14] }),
        expect.objectContaining({ forumId: 'psykiatrigruppen', date: '2025-09-25', startsAt: '2025-09-25T09:00:00+02:00', sources: ['next-meeting'] }),
      ]);
      expect(r.unclassified).toEqual([]);
    });

    it('does not recognise a forum that is not in the forums list', () => {
      const r = report(minutes, { forums: shipped.forums });

      expect(item(r, 1).forwardedTo).toEqual([]);
      expect(r.unclassified).toEqual([expect.objectContaining({ line: 10, reason: 'sendes videre, men ikke til et kendt forum' })]);
      expect(r.meetings.map((m) => m.forumId)).not.toContain('psykiatrigruppen');
      expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'forum-assumed', line: 14 }));
    });

    it('recognises a new forum by an alias written in another case and inflected: "psykiatrigruppens møde"', () => {
      const text = minutes.replace('videresendes til Psykiatrigruppen', 'videresendes til psykiatrigruppens møde');

      const r = report(text, { forums: [...shipped.forums, psykiatrigruppen] });

      expect(item(r, 1).forwardedTo).toEqual([expect.objectContaining({ forumId: 'psykiatrigruppen' })]);
    });

    it('gives the times the offset of the time zone it is told: +01:00 in London where Copenhagen has +02:00 in August', () => {
      const forums = [...shipped.forums, psykiatrigruppen];

      const copenhagen = report(minutes, { forums, timeZone: 'Europe/Copenhagen' });
      const london = report(minutes, { forums, timeZone: 'Europe/London' });

      expect([copenhagen.meeting.startsAt, copenhagen.meeting.endsAt]).toEqual(['2025-08-14T13:00:00+02:00', '2025-08-14T15:00:00+02:00']);
      expect([london.meeting.startsAt, london.meeting.endsAt]).toEqual(['2025-08-14T13:00:00+01:00', '2025-08-14T15:00:00+01:00']);
      expect(london.meetings.find((m) => m.date === '2025-09-25')?.startsAt).toBe('2025-09-25T09:00:00+01:00');
    });

    it('takes the first forum of the list when neither the options nor the title name one', () => {
      const text = fixture('noted.txt').replace('Referat Styregruppemøde', 'Referat');

      const r = report(text, { forums: [psykiatrigruppen, ...shipped.forums] });

      expect(r.meeting.forumId).toBe('psykiatrigruppen');
      expect(r.warnings).toEqual([expect.objectContaining({ code: 'forum-assumed', message: expect.stringContaining('Psykiatrigruppen er antaget') })]);
    });

    it('refuses a --forum that is not in the forums list, naming it', () => {
      const result = parseMinutes(minutes, { ...shipped, forumId: 'psykiatrigruppen' });

      expect(result).toEqual({ ok: false, error: { code: 'minutes.invalid_option', message: 'Ukendt forum "psykiatrigruppen".' } });
    });
  });

  describe('errors are data', () => {
    it.each([
      ['', {}, 'minutes.empty'],
      [' \n\t\n ', {}, 'minutes.empty'],
      [fixture('slide-deck.txt'), {}, 'minutes.no_items'],
      [fixture('approved.txt'), { forumId: 'bestyrelsen' }, 'minutes.invalid_option'],
      [fixture('approved.txt'), { forums: [] }, 'minutes.invalid_option'],
      [fixture('approved.txt'), { timeZone: 'Europe/Sjælland' }, 'minutes.invalid_option'],
      [fixture('approved.txt'), { meetingDate: '2025-02-30' }, 'minutes.invalid_option'],
      [fixture('approved.txt'), { maxLength: 100 }, 'minutes.too_large'],
      [fixture('approved.txt').padEnd(MAX_MINUTES_LENGTH + 1, '\n'), {}, 'minutes.too_large'],
      ['1. Evt.\u0000\u0001\u0002', {}, 'minutes.not_text'],
      [`${fixture('noted.txt')}\n${fixture('decided.txt').replace(/^.*Dato.*$/m, '')}\n${fixture('noted.txt')}`, {}, 'minutes.several_minutes'],
    ])('case %#', (text, options, code) => {
      const result = parseMinutes(text, { ...shipped, ...(options as Partial<ParseOptions>) });
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code, message: expect.any(String) }) });
    });

    it('returns an error for input that is not a string, instead of throwing', () => {
      expect(parseMinutes(undefined as unknown as string, shipped)).toEqual({ ok: false, error: expect.objectContaining({ code: 'minutes.not_text' }) });
      expect(parseMinutes('x', null as unknown as ParseOptions)).toEqual({ ok: false, error: expect.objectContaining({ code: 'minutes.invalid_option' }) });
    });
  });

  it('gives JSON with the fields other tools rely on', () => {
    const r = report(fixture('koordinationsforum.txt'));
    const json = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['meeting', 'participants', 'absent', 'items', 'meetings', 'unclassified', 'warnings']));
    for (const i of r.items) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['number', 'title', 'lines', 'outcome', 'forwardedTo', 'followUps']));
      expect(['approved', 'noted', 'decided', 'postponed', 'none']).toContain(i.outcome);
    }
    expect(json).toEqual(r);
  });
});
