import { loadForums } from '@app/config';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planImport } from './import/import-plan';
import { parseMinutes } from './minutes-parser';
import type { ParseOptions, ReviewReport } from './review-report';

/** Minutes in the layouts of earlier years: an agenda list first, lists inside items, sections named otherwise. */
const shipped: ParseOptions = { forums: loadForums(path.join(__dirname, '../../../config/forums.json')), timeZone: 'Europe/Copenhagen' };
const example = (name: string) => fs.readFileSync(path.join(__dirname, '../../../examples', name), 'utf8');
/** The item heading, not the agenda line above it that reads the same. */
const replaceLast = (text: string, from: string, to: string) => {
  const at = text.lastIndexOf(from);
  return text.slice(0, at) + to + text.slice(at + from.length);
};

function report(text: string): ReviewReport {
  const result = parseMinutes(text, shipped);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.report;
}

describe('minutes that open with the agenda list (2016)', () => {
  const text = example('referat-styregruppen-2016-08-18.txt');
  const r = report(text);
  const item = (n: number) => r.items.find((i) => i.number === n)!;

  it('finds the eight items the agenda lists, with their titles and outcomes, not a second set of minutes', () => {
    expect(r.items.map((i) => [i.number, i.title, i.outcome])).toEqual([
      [1, 'Godkendelse af dagsorden og referat fra mødet 12/5', 'approved'],
      [2, 'Udviklingsstrategi 2017 – fokusområder', 'approved'],
      [3, 'Takstanalyse', 'noted'],
      [4, 'Status på den nationale koordinationsstruktur', 'none'],
      [5, 'Opfølgning på misbrugsbehandling', 'decided'],
      [6, 'Nyt fra K17 og KKR', 'none'],
      [7, 'Nyt fra Styregruppen og Sekretariatet', 'none'],
      [8, 'Evt.', 'none'],
    ]);
  });

  it('keeps the agenda group of each item and reads orientation items as information', () => {
    expect(item(2).agendaGroup).toBe('Punkter til drøftelse');
    expect(item(4).agendaGroup).toBe('Punkter til opfølgning/status');
    expect(item(6)).toMatchObject({ agendaGroup: 'Punkter til orientering', kind: 'information' });
  });

  it('does not take the focus areas 1-7 or the recommendation points 1-2 inside item 2 for items', () => {
    expect(item(2).lines).toEqual([32, 50]);
    expect(item(2).background).toContain('Voksne med autisme');
    expect(item(2).recommendation.join(' ')).toContain('økonomigruppen beregner');
  });

  it('says in the review that the agenda list was found and matched, and where titles differ', () => {
    expect(r.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'agenda-list', message: expect.stringContaining('8 punkter i 3 grupper') }),
        expect.objectContaining({ code: 'agenda-title-differs', message: expect.stringContaining('"Takstanalyse mv."') }),
      ]),
    );
  });

  it('says that the status and orientation items have no decision, rather than guessing one', () => {
    const noDecision = (r.notes ?? []).filter((n) => n.code === 'no-decision').map((n) => n.message);
    expect(noDecision).toEqual([
      expect.stringContaining('Punkt 4 "Status på den nationale koordinationsstruktur" er et orienterings- eller statuspunkt uden beslutning'),
      expect.stringContaining('Punkt 6'),
      expect.stringContaining('Punkt 7'),
      expect.stringContaining('Punkt 8'),
    ]);
  });

  it('reads the decision phrases of the older minutes as families', () => {
    expect(item(2).forwardedTo).toEqual([
      { forumId: 'k17', purpose: 'information', lines: [50] },
      { forumId: 'kkr-sjaelland', purpose: 'decision', lines: [50] },
    ]);
    expect(item(2).followUps).toEqual([
      expect.objectContaining({ owners: [expect.objectContaining({ name: 'Økonomigruppen' })], due: expect.objectContaining({ date: '2016-10-01' }) }),
    ]);
    expect(item(3)).toMatchObject({ returnsNextMeeting: true, forwardedTo: [{ forumId: 'oekonomigruppen', purpose: 'decision' }] });
    expect(item(5).followUps).toEqual([expect.objectContaining({ owners: [expect.objectContaining({ name: 'Arbejdsgruppen' })] })]);
    expect(r.unclassified).toEqual([]);
  });

  it('marks the approval, the news, "Evt." as standing items and says so in the review; the matters stay unmarked', () => {
    expect(r.items.filter((i) => i.standing).map((i) => i.number)).toEqual([1, 6, 7, 8]);
    const note = r.notes?.find((n) => n.code === 'standing-items');
    expect(note?.message).toContain('4 punkter er læst som faste punkter');
    expect(note?.message).toContain('punkt 6 "Nyt fra K17 og KKR" (nyt og orientering)');
    expect(note?.lines).toEqual([item(1).lines[0], item(6).lines[0], item(7).lines[0], item(8).lines[0]]);
    const plan = planImport(r, new Map(), 'Europe/Copenhagen');
    const proposed = plan.steps.flatMap((s) => (s.command === 'propose-case' ? [[s.caseId, s.standing ?? false]] : []));
    expect(proposed).toEqual([
      ['styregruppen-2016-08-18-punkt-1', true],
      ['styregruppen-2016-08-18-punkt-2', false],
      ['styregruppen-2016-08-18-punkt-3', false],
      ['styregruppen-2016-08-18-punkt-4', false],
      ['styregruppen-2016-08-18-punkt-5', false],
      ['styregruppen-2016-08-18-punkt-6', true],
      ['styregruppen-2016-08-18-punkt-7', true],
      ['styregruppen-2016-08-18-punkt-8', true],
    ]);
  });

  it('reads a decision inside a standing item as in any item: what "Nyt fra K17 og KKR" sends on is still sent on', () => {
    const sent = report(
      text.replace(
        'Der var intet nyt fra K17 og KKR siden sidste møde.',
        'K17 har bedt om en opgørelse af ventelister. Styregruppen besluttede, at opgørelsen sendes videre til KKR til beslutning. Sekretariatet udarbejder opgørelsen inden 1. oktober 2016.',
      ),
    );
    const news = sent.items.find((i) => i.number === 6)!;
    expect(news).toMatchObject({ standing: true, outcome: 'decided', forwardedTo: [expect.objectContaining({ forumId: 'kkr-sjaelland', purpose: 'decision' })] });
    expect(news.followUps).toEqual([expect.objectContaining({ owners: [expect.objectContaining({ kind: 'secretariat' })], due: expect.objectContaining({ date: '2016-10-01' }) })]);
  });

  it('links item 5 to the case of 12 May by "(udsat fra 12/5)" in the agenda list, where its heading leaves it out', () => {
    expect(item(5).continuesFrom).toEqual({ meetingDate: '2016-05-12', yearGuessed: true, lines: [20] });
    expect(r.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'continues-unlinked', line: 20 })]));
    const earlierMeetings = [{ date: '2016-05-12', items: [{ number: 2, title: 'Takstanalyse' }, { number: 4, title: 'Opfølgning på misbrugsbehandling' }] }];
    const linked = parseMinutes(text, { ...shipped, earlierMeetings });
    if (!linked.ok) throw new Error(linked.error.message);
    expect(linked.report.items.find((i) => i.number === 5)?.continues).toMatchObject({ meetingDate: '2016-05-12', itemNumber: 4, lines: [20] });
    const steps = planImport(linked.report, new Map(), 'Europe/Copenhagen').steps;
    expect(steps.filter((s) => s.command === 'propose-case').map((s) => s.caseId)).not.toContain('styregruppen-2016-08-18-punkt-5');
    expect(steps).toEqual(expect.arrayContaining([expect.objectContaining({ command: 'decide-case', caseId: 'styregruppen-2016-05-12-punkt-4', meetingId: 'styregruppen-2016-08-18' })]));
  });

  it('warns when an item the agenda lists is not in the text', () => {
    const cut = replaceLast(text, '\n7. Nyt fra Styregruppen og Sekretariatet\n', '\n');
    const result = report(cut);
    expect(result.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 8]);
    expect(result.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'item-missing', message: expect.stringContaining('Dagsordenen nævner punkt 7') })]),
    );
  });

  it('finds an item whose heading lost its number by the agenda title, and says so', () => {
    const result = report(replaceLast(text, '\n4. Status på den nationale koordinationsstruktur\n', '\nStatus på den nationale koordinationsstruktur\n'));
    expect(result.items.find((i) => i.number === 4)?.title).toBe('Status på den nationale koordinationsstruktur');
    expect(result.notes).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'heading-inferred', lines: [57] })]));
  });
});

describe('text copied out of a PDF and pasted as text', () => {
  const pasted = [
    'Referat af styregruppemøde',
    'Dato: 5. juni 2018 kl. 10-12',
    '1. Godkendelse af dagsorden',
    'Beslutning',
    'Sty- regruppen godkendte dagsordenen.',
    'Rammeaftale Sjælland, referat 5. juni 2018',
    'Side 1 af 2',
    '2. Status på tilbuddene',
    'Beslutning',
    'Styregruppen tog orienteringen til efterret-',
    'ning.',
    'Rammeaftale Sjælland, referat 5. juni 2018',
    'Side 2 af 2',
  ].join('\n');

  it('joins the broken words, drops page marks and the running footer, and keeps the line numbers', () => {
    const r = report(pasted);
    expect(r.items.map((i) => [i.number, i.title, i.outcome, i.outcomeLines])).toEqual([
      [1, 'Godkendelse af dagsorden', 'approved', [5]],
      [2, 'Status på tilbuddene', 'noted', [10]],
    ]);
    expect(r.items[0].decisionText ?? r.items[0].decisionBullets.join(' ')).toContain('Styregruppen godkendte');
    expect(r.notes?.map((n) => n.code)).toEqual(expect.arrayContaining(['words-joined', 'page-marks-removed']));
    expect(r.notes?.find((n) => n.code === 'page-marks-removed')?.lines).toEqual([6, 7, 12, 13]);
  });
});

describe('outcomes that combine in one item', () => {
  const combined = [
    'Referat af styregruppemøde',
    'Dato: 10. oktober 2025 kl. 10-12',
    '',
    '1. Takstanalyse',
    'Beslutning',
    'Styregruppen tog orienteringen til efterretning, og sagen behandles igen på næste møde.',
    '',
    '2. Udviklingsstrategi',
    'Beslutning',
    'Styregruppen godkendte indstillingen med den ændring, at fokusområde 6 og 7 lægges sammen.',
    '',
    '3. Kommissorium for arbejdsgruppen',
    'Beslutning',
    '- Godkendt med den tilføjelse, at Region Sjælland deltager i arbejdsgruppen.',
    '',
    '4. Sikrede pladser',
    'Beslutning',
    'Styregruppen besluttede at nedsætte en arbejdsgruppe. Sagen sendes videre til K17 til orientering. Sekretariatet indkalder arbejdsgruppen inden 1. november 2025.',
    '',
    '5. Takster 2026',
    'Beslutning',
    'Styregruppen besluttede at sende forslaget videre til K17 og KKR til beslutning, og sekretariatet udarbejder et notat inden 15. november 2025.',
    '',
    '6. Næste møde',
    'Næste møde afholdes 21. november 2025 kl. 9-12.',
  ].join('\n');
  const r = report(combined);
  const item = (n: number) => r.items.find((i) => i.number === n)!;
  const steps = planImport(r, new Map(), 'Europe/Copenhagen').steps;
  const stepsFor = (n: number) => steps.filter((s) => 'caseId' in s && s.caseId === `styregruppen-2025-10-10-punkt-${n}`).map((s) => s.command);

  it('noted and sent back next time: noted now, and on the agenda of 21 November', () => {
    expect(item(1)).toMatchObject({ outcome: 'noted', returnsNextMeeting: true });
    expect(steps).toEqual(expect.arrayContaining([expect.objectContaining({ command: 'schedule-case', caseId: 'styregruppen-2025-10-10-punkt-1', meetingId: 'styregruppen-2025-11-21' })]));
  });

  it('approved with a change: approved, and the change is in the decision', () => {
    expect(item(2).outcome).toBe('approved');
    expect(item(3).outcome).toBe('approved');
    const decided = (n: number) => steps.find((s) => s.command === 'decide-case' && s.caseId === `styregruppen-2025-10-10-punkt-${n}`);
    expect(decided(2)).toMatchObject({ outcome: 'approved', text: expect.stringContaining('med den ændring, at fokusområde 6 og 7 lægges sammen') });
    expect(decided(3)).toMatchObject({ outcome: 'approved', text: expect.stringContaining('Region Sjælland deltager') });
  });

  it('decided, forwarded and a follow-up with a date, in three sentences or in one', () => {
    expect(item(4)).toMatchObject({ outcome: 'decided', forwardedTo: [expect.objectContaining({ forumId: 'k17', purpose: 'information' })] });
    expect(item(4).followUps).toEqual([expect.objectContaining({ owners: [expect.objectContaining({ kind: 'secretariat' })], due: expect.objectContaining({ date: '2025-11-01' }) })]);
    expect(item(5).forwardedTo.map((f) => [f.forumId, f.purpose])).toEqual([
      ['k17', 'decision'],
      ['kkr-sjaelland', 'decision'],
    ]);
    expect(item(5).followUps).toEqual([expect.objectContaining({ description: expect.stringMatching(/^Sekretariatet udarbejder et notat/), due: expect.objectContaining({ date: '2025-11-15' }) })]);
    for (const n of [4, 5]) expect(stepsFor(n)).toEqual(['propose-case', 'schedule-case', 'decide-case', 'forward-case', 'assign-follow-up']);
    expect(r.unclassified).toEqual([]);
  });
});
