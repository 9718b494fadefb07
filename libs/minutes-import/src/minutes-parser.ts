import { danishShortDate, findDates, isValidIsoDate, isValidTimeZone, resolveDate } from './danish-dates';
import { forumMatcher } from './forum-matcher';
import { followUpFrom, readItem, type ItemDraft } from './item-reader';
import { findNextMeetings, locateCalendars, MeetingSet, resolveCalendars } from './meeting-calendar';
import { readHeader, type MinutesHeader } from './minutes-header';
import { findStructure, type RawItem } from './minutes-structure';
import { splitLines } from './minutes-text';
import { STANDING_FAMILY_NAMES, standingFamily } from './standing-items';
import { repairExtractedText, type TextRepair } from './text-repair';
import type { ReadingContext } from './phrase-classifier';
import type {
  EarlierMeeting,
  ParseError,
  ParseOptions,
  ParseResult,
  Person,
  ReportItem,
  ReportNote,
  ReportWarning,
  ReviewReport,
  ScheduledMeeting,
} from './review-report';

/**
 * Minutes text → review report. Pure: the text and the options are the only input (the forums and the time zone
 * included, as the configuration gives them), so the CLI and the API call the same function and get the same
 * report. It never throws: every failure is a ParseError, and a text that cannot be read whole is refused whole
 * (no partial import).
 */

/**
 * The longest minutes read, in characters: real minutes run to 20–60 thousand, a whole year of them to well
 * under a million, and a text this long still parses in a fraction of a second.
 */
export const MAX_MINUTES_LENGTH = 1_000_000;
/** Share of control characters above which the text is taken for a binary file read as text. */
const MAX_CONTROL_SHARE = 0.01;

export function parseMinutes(text: string, options: ParseOptions): ParseResult {
  try {
    return parse(text, options);
  } catch (e) {
    // A bug must not reach the caller as an exception: the CLI and the API both expect data.
    return fail('minutes.internal', `Referatet kunne ikke læses på grund af en fejl i importen: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parse(text: string, options: ParseOptions): ParseResult {
  const optionError = checkOptions(options);
  if (optionError) return { ok: false, error: optionError };
  if (typeof text !== 'string') return fail('minutes.not_text', 'Input er ikke tekst.');
  const maxLength = options.maxLength ?? MAX_MINUTES_LENGTH;
  if (text.length > maxLength) {
    return fail('minutes.too_large', `Teksten er ${text.length} tegn; den største tilladte er ${maxLength}. Er det den rigtige fil?`);
  }
  if (text.trim() === '') return fail('minutes.empty', 'Teksten er tom.');
  if (looksBinary(text)) {
    return fail('minutes.not_text', 'Filen ligner ikke tekst (den indeholder kontroltegn). Gem referatet som ren tekst (UTF-8) og prøv igen.');
  }

  const forums = forumMatcher(options.forums);
  const { lines, repairs } = repairExtractedText(splitLines(text));
  const calendars = locateCalendars(lines, forums);
  const consumed = new Set(calendars.flatMap((c) => c.lines));
  const structure = findStructure(lines, consumed);
  if (structure.restartLine !== undefined) {
    return fail(
      'minutes.several_minutes',
      `Teksten ser ud til at rumme flere referater: punkt 1 begynder igen i linje ${structure.restartLine}. Importér ét referat ad gangen.`,
      structure.restartLine,
    );
  }
  if (structure.items.length === 0) {
    return fail(
      'minutes.no_items',
      'Der er ingen dagsordenspunkter i teksten (et nummereret punkt efterfulgt af Resume, Indstilling eller Beslutning). Er det et referat?',
    );
  }

  const header = readHeader(structure.preamble, forums, options.timeZone);
  const warnings: ReportWarning[] = [];
  const meetingDate = header.date ?? options.meetingDate;
  if (meetingDate === undefined) {
    return fail(
      'minutes.missing_meeting_date',
      'Referatet har ingen datolinje ("Dato: ..."). Angiv mødets dato med --meeting-date ÅÅÅÅ-MM-DD.',
    );
  }
  if (header.date && options.meetingDate && header.date !== options.meetingDate) {
    warnings.push({
      code: 'date-conflict',
      line: header.dateLine,
      message: `Referatet er dateret ${danishShortDate(header.date)}, men ${danishShortDate(options.meetingDate)} blev angivet; referatets dato er brugt.`,
    });
  }
  // Without --forum, a title that names one forum ("Referat Styregruppemøde") says whose minutes these are.
  const named = header.forumIds.length === 1 ? header.forumIds[0] : undefined;
  const defaultForum = options.forums[0].id;
  const forumId = options.forumId ?? named ?? defaultForum;
  if (options.forumId === undefined && named === undefined) {
    warnings.push({
      code: 'forum-assumed',
      message: `Forum er ikke angivet, og referatets overskrift nævner ikke ét forum; ${forums.name(defaultForum)} er antaget.`,
    });
  }

  const ctx: ReadingContext = { forums, timeZone: options.timeZone, ownForumId: forumId, meetingDate };
  const drafts = structure.items.map((raw) => readItem(raw, ctx));
  applyCrossItemPostponements(drafts, warnings);
  const items = drafts.map((d) => finishItem(d, ctx, options.earlierMeetings ?? [], warnings));

  for (const gap of structure.numberGaps) {
    warnings.push({ code: 'item-number-gap', line: gap.line, message: `Punkt ${gap.expected} mangler; næste punkt er ${gap.found}.` });
  }
  for (const repeat of structure.repeatedNumbers) {
    warnings.push({
      code: 'item-number-gap',
      line: repeat.line,
      message: `Punkt ${repeat.number} står igen i linje ${repeat.line}; overskriften er læst som tekst i punktet før. Tjek nummereringen.`,
    });
  }
  for (const entry of structure.toc) {
    if (!items.some((i) => i.number === entry.number)) {
      warnings.push({
        code: 'item-missing',
        line: entry.line,
        message: `Indholdsfortegnelsen nævner punkt ${entry.number} "${entry.title}", men punktet er ikke fundet i teksten.`,
      });
    }
  }
  const notes: ReportNote[] = (options.sourceNotes ?? []).map((message) => ({ code: 'source', message }));
  notes.push(...agendaNotes(structure, items, warnings), ...repairNotes(repairs), ...standingNotes(items));
  for (const item of items) {
    if (item.outcome !== 'none') continue;
    const what = item.kind === 'information' ? 'et orienterings- eller statuspunkt' : 'et punkt';
    notes.push({
      code: 'no-decision',
      message: `${itemLabel(item.number, item.part)} "${item.title}" er ${what} uden beslutning i teksten; udfald: intet.`,
      lines: [item.lines[0]],
    });
  }

  const meetings = collectMeetings(lines, calendars, consumed, items, ctx, warnings);
  const report: ReviewReport = {
    meeting: reportMeeting(header, meetingDate, forumId),
    participants: header.participants,
    absent: header.absent,
    guests: header.guests,
    items,
    meetings,
    unclassified: drafts.flatMap((d) => d.unclassified),
    warnings,
    notes: notes.length > 0 ? notes : undefined,
    lineCount: lines.length,
  };
  warnPersonConflicts(report.participants, report.absent, warnings);
  return { ok: true, report: dropUndefined(report) };
}

function agendaNotes(structure: ReturnType<typeof findStructure>, items: ReportItem[], warnings: ReportWarning[]): ReportNote[] {
  const agenda = structure.agenda;
  if (!agenda) return [];
  const groups = [...new Set(agenda.entries.map((e) => e.group).filter((g) => g !== undefined))];
  const found = agenda.entries.filter((e) => items.some((i) => i.number === e.number)).length;
  const notes: ReportNote[] = [
    {
      code: 'agenda-list',
      message:
        `Referatet begynder med en dagsorden med ${agenda.entries.length} punkter` +
        (groups.length > 0 ? ` i ${groups.length} grupper (${groups.join('; ')})` : '') +
        `; ${found} af dem er fundet i teksten, og dagsordenen er ikke læst som punkter.`,
      lines: [agenda.lines[0], agenda.lines[agenda.lines.length - 1]],
    },
  ];
  for (const entry of agenda.entries) {
    if (items.some((i) => i.number === entry.number)) continue;
    warnings.push({ code: 'item-missing', line: entry.line, message: `Dagsordenen nævner punkt ${entry.number} "${entry.title}", men punktet er ikke fundet i teksten.` });
  }
  for (const reading of structure.agendaReadings) {
    if (reading.kind === 'title-differs') {
      notes.push({
        code: 'agenda-title-differs',
        message: `Punkt ${reading.number} hedder "${reading.agendaTitle}" i dagsordenen og "${reading.title}" i teksten; de er læst som samme punkt.`,
        lines: [reading.line],
      });
    } else if (reading.kind === 'heading-inferred') {
      notes.push({
        code: 'heading-inferred',
        message: `Punkt ${reading.number} "${reading.agendaTitle}" har intet nummer i teksten; overskriften er fundet ud fra dagsordenens titel.`,
        lines: [reading.line],
      });
    } else {
      warnings.push({
        code: 'agenda-mismatch',
        line: reading.line,
        message: `Punkt ${reading.number} hedder "${reading.title}" i teksten, men "${reading.agendaTitle}" i dagsordenen. Tjek, at det er samme punkt.`,
      });
    }
  }
  return notes;
}

/** One note listing the standing items, so a person sees which cases the lists will leave out by default. */
function standingNotes(items: ReportItem[]): ReportNote[] {
  const standing = items.flatMap((item) => {
    const family = item.standing && standingFamily(item.title);
    return family ? [{ item, family }] : [];
  });
  if (standing.length === 0) return [];
  const listed = standing.map(({ item, family }) => `${itemLabel(item.number, item.part).toLowerCase()} "${item.title}" (${STANDING_FAMILY_NAMES[family]})`);
  return [
    {
      code: 'standing-items',
      message:
        `${standing.length} ${standing.length === 1 ? 'punkt er læst som fast punkt' : 'punkter er læst som faste punkter'}, der kommer igen på hvert møde: ${listed.join(', ')}. ` +
        'Sagerne markeres som faste punkter og vises ikke i sagslisten og på tavlen, medmindre man beder om dem; hvad der besluttes i dem, er læst som i andre punkter.',
      lines: standing.map(({ item }) => item.lines[0]),
    },
  ];
}

function repairNotes(repairs: TextRepair[]): ReportNote[] {
  const notes: ReportNote[] = [];
  const of = (kind: TextRepair['kind']) => repairs.filter((r) => r.kind === kind);
  const listed = (list: TextRepair[]) => list.slice(0, 12).map((r) => `"${r.text}" (linje ${r.line})`).join(', ') + (list.length > 12 ? ` og ${list.length - 12} flere` : '');
  const words = of('word-joined');
  if (words.length > 0) {
    notes.push({ code: 'words-joined', message: `${words.length} ord delt med bindestreg er samlet: ${listed(words)}.`, lines: words.map((r) => r.line) });
  }
  const links = of('link-joined');
  if (links.length > 0) {
    notes.push({ code: 'links-joined', message: `${links.length} link delt over to linjer er samlet: ${listed(links)}.`, lines: links.map((r) => r.line) });
  }
  const marks = [...of('page-mark-removed'), ...of('running-line-removed')].sort((a, b) => a.line - b.line);
  if (marks.length > 0) {
    notes.push({
      code: 'page-marks-removed',
      message: `${marks.length} sidetal og gentagne sidehoveder/-fødder er sprunget over: ${listed(marks)}.`,
      lines: marks.map((r) => r.line),
    });
  }
  return notes;
}

function checkOptions(options: ParseOptions): ParseError | undefined {
  if (options === null || typeof options !== 'object') return { code: 'minutes.invalid_option', message: 'Ugyldige indstillinger.' };
  const forumsError = checkForums(options.forums);
  if (forumsError) return { code: 'minutes.invalid_option', message: forumsError };
  if (!isValidTimeZone(options.timeZone)) {
    return { code: 'minutes.invalid_option', message: `Tidszonen "${String(options.timeZone)}" er ikke et kendt IANA-navn som Europe/Copenhagen.` };
  }
  if (options.forumId !== undefined && !options.forums.some((forum) => forum.id === options.forumId)) {
    return { code: 'minutes.invalid_option', message: `Ukendt forum "${String(options.forumId)}".` };
  }
  if (options.meetingDate !== undefined && !isValidIsoDate(String(options.meetingDate))) {
    return { code: 'minutes.invalid_option', message: `Mødedatoen "${String(options.meetingDate)}" er ikke en dato på formen ÅÅÅÅ-MM-DD.` };
  }
  if (options.maxLength !== undefined && !(Number.isFinite(options.maxLength) && options.maxLength > 0)) {
    return { code: 'minutes.invalid_option', message: 'maxLength skal være et positivt tal.' };
  }
  if (options.sourceNotes !== undefined && !(Array.isArray(options.sourceNotes) && options.sourceNotes.every((n) => typeof n === 'string'))) {
    return { code: 'minutes.invalid_option', message: 'sourceNotes skal være en liste af tekster.' };
  }
  if (options.earlierMeetings !== undefined && !Array.isArray(options.earlierMeetings)) {
    return { code: 'minutes.invalid_option', message: 'earlierMeetings skal være en liste.' };
  }
  return undefined;
}

function checkForums(forums: ParseOptions['forums']): string | undefined {
  if (!Array.isArray(forums) || forums.length === 0) return 'Listen over fora mangler eller er tom.';
  const broken = forums.findIndex(
    (forum) =>
      typeof forum?.id !== 'string' ||
      typeof forum.name !== 'string' ||
      (forum.aliases !== undefined && !(Array.isArray(forum.aliases) && forum.aliases.every((alias: unknown) => typeof alias === 'string'))),
  );
  return broken === -1 ? undefined : `Forum nr. ${broken + 1} i listen over fora mangler id eller navn, eller har et alias, der ikke er tekst.`;
}

function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    const whitespace = c === 9 || c === 10 || c === 11 || c === 12 || c === 13;
    if ((c < 32 && !whitespace) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) control++;
  }
  return control > Math.max(4, text.length * MAX_CONTROL_SHARE);
}

function fail(code: ParseError['code'], message: string, line?: number): ParseResult {
  return { ok: false, error: line === undefined ? { code, message } : { code, message, line } };
}

/** Item 1 of 2 May: "godkendte dagsordenen med den ændring at punkt 3 ... udsættes til ... 8/8-2025". */
function applyCrossItemPostponements(drafts: ItemDraft[], warnings: ReportWarning[]): void {
  for (const source of drafts) {
    for (const p of source.postponements) {
      const target = p.finding.itemNumber;
      if (target === undefined || target === source.raw.number) continue;
      const targetDraft = drafts.find((d) => d.raw.number === target);
      if (!targetDraft) {
        warnings.push({
          code: 'item-missing',
          line: p.lines[0],
          message: `Punkt ${source.raw.number} udsætter punkt ${target}, men punkt ${target} er ikke fundet.`,
        });
        continue;
      }
      targetDraft.postponements.push({ ...p, byItemNumber: source.raw.number });
    }
    source.postponements = source.postponements.filter((p) => p.finding.itemNumber === undefined || p.finding.itemNumber === source.raw.number);
  }
}

function finishItem(draft: ItemDraft, ctx: ReadingContext, earlier: EarlierMeeting[], warnings: ReportWarning[]): ReportItem {
  const raw = draft.raw;
  const label = itemLabel(raw.number, raw.part);
  const item: ReportItem = {
    number: raw.number,
    part: raw.part,
    title: raw.title,
    parentTitle: raw.parentTitle,
    agendaGroup: raw.agendaGroup,
    lines: [raw.from, Math.max(raw.from, raw.to)],
    kind: draft.kind,
    summary: draft.summary,
    recommendation: draft.recommendation,
    decisionBullets: draft.decisionBullets,
    discussion: draft.discussion,
    background: draft.background,
    attachments: draft.attachments,
    outcome: 'none',
    forwardedTo: [],
    followUps: draft.followUps.map(followUpFrom),
    remarks: draft.remarks,
    standing: standingFamily(raw.title) ? true : undefined,
  };

  if (draft.postponements.length > 0) {
    const first = draft.postponements.find((p) => p.finding.meetingDate !== undefined && !p.finding.yearGuessed) ??
      draft.postponements.find((p) => p.finding.meetingDate !== undefined) ??
      draft.postponements[0];
    const f = first.finding;
    item.postponedTo = {
      meetingDate: f.meetingDate,
      next: f.meetingDate === undefined ? true : undefined,
      forumId: f.forumId,
      startsAt: draft.postponements.map((p) => p.finding.startsAt).find((s) => s !== undefined && s.startsWith(f.meetingDate ?? '')),
      endsAt: draft.postponements.map((p) => p.finding.endsAt).find((s) => s !== undefined && s.startsWith(f.meetingDate ?? '')),
      byItemNumber: draft.postponements.find((p) => p.byItemNumber !== undefined)?.byItemNumber,
      yearGuessed: f.yearGuessed ? true : undefined,
      lines: sortedLines(draft.postponements.flatMap((p) => p.lines)),
    };
    if (f.yearGuessed) {
      warnings.push({ code: 'year-guessed', line: first.lines[0], message: `${label} udsættes til ${danishShortDate(f.meetingDate ?? '')}: årstallet er antaget.` });
    }
    if (f.targetGuessed) {
      warnings.push({
        code: 'postponement-target-guessed',
        line: first.lines[0],
        message: `${label} udsættes uden at nævne hvortil; næste møde i ${ctx.forums.name(f.forumId)} er antaget.`,
      });
    }
    const dates = new Set(draft.postponements.map((p) => p.finding.meetingDate).filter((d) => d !== undefined));
    if (dates.size > 1) {
      warnings.push({
        code: 'outcome-conflict',
        line: first.lines[0],
        message: `${label} udsættes til flere forskellige møder (${[...dates].map((d) => danishShortDate(d as string)).join(', ')}); ${danishShortDate(f.meetingDate ?? '')} er brugt.`,
      });
    }
  }

  const byForum = (o: 'approved' | 'noted' | 'decided') => draft.outcomes.filter((x) => x.finding.outcome === o && x.finding.byForum);
  const decidedAll = draft.outcomes.filter((x) => x.finding.outcome === 'decided');
  if (decidedAll.length > 0) item.decisionText = decidedAll.map((x) => x.text).join(' ');
  const chosen = item.postponedTo
    ? undefined
    : [
        { outcome: 'decided' as const, refs: byForum('decided') },
        { outcome: 'approved' as const, refs: byForum('approved') },
        { outcome: 'noted' as const, refs: byForum('noted') },
        { outcome: 'decided' as const, refs: decidedAll },
      ].find((c) => c.refs.length > 0);

  if (item.postponedTo) {
    item.outcome = 'postponed';
    if (draft.outcomes.length > 0) {
      warnings.push({
        code: 'outcome-conflict',
        line: draft.outcomes[0].lines[0],
        message: `${label} er udsat, men har også en beslutning ("${shorten(draft.outcomes[0].text)}"); udsættelsen er brugt.`,
      });
    }
  } else if (chosen) {
    item.outcome = chosen.outcome;
    item.outcomeLines = sortedLines(chosen.refs.flatMap((r) => r.lines));
  } else if (draft.forwards.length > 0 || draft.followUps.some((f) => f.finding.followUpKind === 'action')) {
    const refs = [...draft.forwards.map((f) => ({ lines: [...f.lines] })), ...draft.followUps.filter((f) => f.finding.followUpKind === 'action')];
    item.outcome = 'decided';
    item.outcomeLines = sortedLines(refs.flatMap((r) => r.lines));
    item.decisionText = draft.eventSentences.map((s) => s.text).join(' ');
    warnings.push({
      code: 'outcome-inferred',
      line: item.outcomeLines[0],
      message: `${label} har ingen udtrykkelig beslutning ("godkendte", "tog til efterretning", "besluttede"); videresendelse/opfølgning er læst som en beslutning.`,
    });
  }

  for (const f of draft.forwards) {
    const guessed = f.purpose === undefined;
    const purpose = f.purpose ?? (item.outcome === 'noted' ? 'information' : 'decision');
    const lines = sortedLines([...f.lines]);
    item.forwardedTo.push(guessed ? { forumId: f.forumId, purpose, purposeGuessed: true, lines } : { forumId: f.forumId, purpose, lines });
    if (guessed) {
      warnings.push({
        code: 'purpose-guessed',
        line: lines[0],
        message: `${label} sendes til ${ctx.forums.name(f.forumId)} uden "til orientering" eller "til beslutning"; antaget ${purpose === 'information' ? 'til orientering' : 'til beslutning'} ud fra punktets udfald.`,
      });
    }
  }
  const others = [...new Set(draft.forwards.flatMap((f) => [...f.otherRecipients]))];
  if (others.length > 0) {
    warnings.push({
      code: 'recipient-without-forum',
      line: item.forwardedTo.find((f) => draft.forwards.find((d) => d.forumId === f.forumId)?.otherRecipients.size)?.lines[0],
      message: `${label} sendes også til ${others.join(', ')}, som ikke er et forum i systemet; det skal håndteres uden for importen.`,
    });
  }

  if (draft.returnsNextMeeting.length > 0) {
    item.returnsNextMeeting = true;
    item.returnsNextMeetingLines = sortedLines(draft.returnsNextMeeting.flatMap((r) => r.lines));
  }

  for (const f of item.followUps) {
    if (f.ownerGuessed) {
      warnings.push({ code: 'owner-guessed', line: f.lines[0], message: `${label}: opfølgningen "${shorten(f.description)}" nævner ingen ansvarlig; sekretariatet er sat på.` });
    }
    if (f.due?.yearGuessed) {
      warnings.push({ code: 'year-guessed', line: f.lines[0], message: `${label}: fristen "${f.due.text}" har intet årstal; ${f.due.date?.slice(0, 4)} er antaget.` });
    }
  }

  linkContinuation(item, raw, ctx, earlier, warnings, label);
  return item;
}

const CONTINUES = /\(\s{0,3}(?:udsat|fortsat|genoptaget|videreført|overført)\s{1,3}fra\s{1,3}([^)]{1,60})\)/i;

/**
 * "(udsat fra 2/5)" in the title, or in the agenda list's entry for the item where the heading leaves it out: the
 * case of an earlier meeting of the same forum, found by its title among that meeting's items.
 */
function linkContinuation(item: ReportItem, raw: RawItem, ctx: ReadingContext, earlier: EarlierMeeting[], warnings: ReportWarning[], label: string): void {
  const inTitle = CONTINUES.exec(item.title);
  const inAgenda = inTitle || !raw.agendaEntry ? null : CONTINUES.exec(raw.agendaEntry.title);
  const m = inTitle ?? inAgenda;
  if (!m) return;
  const headingLines = inTitle || !raw.agendaEntry ? raw.headingLines : [raw.agendaEntry.line];
  const mention = findDates(m[1])[0];
  const resolved = mention ? resolveDate(mention, ctx.meetingDate, 'not-after') : undefined;
  if (!resolved) return;
  item.continuesFrom = { meetingDate: resolved.date, yearGuessed: resolved.yearGuessed ? true : undefined, lines: headingLines };
  if (resolved.yearGuessed) {
    warnings.push({ code: 'year-guessed', line: headingLines[0], message: `${label} "${m[0]}": mødet er antaget at være ${danishShortDate(resolved.date)}.` });
  }
  const meeting = earlier.find((e) => e?.date === resolved.date && (e.forumId ?? ctx.ownForumId) === ctx.ownForumId);
  if (!meeting || !Array.isArray(meeting.items)) {
    warnings.push({
      code: 'continues-unlinked',
      line: headingLines[0],
      message: `${label} fortsætter en sag fra mødet ${danishShortDate(resolved.date)}, men det møde er ikke importeret; sagen er ikke koblet.`,
    });
    return;
  }
  const own = titleWords(item.title);
  let best: { number: number; part?: string; title: string } | undefined;
  let bestScore = 0;
  for (const candidate of meeting.items) {
    if (typeof candidate?.title !== 'string') continue;
    const score = similarity(own, titleWords(candidate.title));
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (!best || bestScore < 0.5) {
    warnings.push({
      code: 'continues-unlinked',
      line: headingLines[0],
      message: `${label} fortsætter en sag fra mødet ${danishShortDate(resolved.date)}, men intet punkt fra det møde har en titel, der ligner; sagen er ikke koblet.`,
    });
    return;
  }
  item.continues = { meetingDate: resolved.date, itemNumber: best.number, part: best.part, title: best.title, lines: headingLines };
}

const STOP_WORDS = new Set(['og', 'i', 'af', 'til', 'for', 'med', 'på', 'om', 'fra', 'mellem', 'den', 'det', 'de', 'en', 'et', 'ift']);

function titleWords(title: string): Set<string> {
  return new Set(
    title
      .replace(CONTINUES, ' ')
      .toLowerCase()
      .split(/[^a-zæøå0-9]+/)
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w)),
  );
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}

function collectMeetings(
  lines: ReturnType<typeof splitLines>,
  calendars: ReturnType<typeof locateCalendars>,
  consumed: ReadonlySet<number>,
  items: ReportItem[],
  ctx: ReadingContext,
  warnings: ReportWarning[],
): ScheduledMeeting[] {
  const nextItemLines = new Set<number>();
  for (const item of items) {
    if (!/^næste\s+møde\b/i.test(item.title)) continue;
    for (let n = item.lines[0]; n <= item.lines[1]; n++) nextItemLines.add(n);
  }
  // "Næste møde" first: it carries the times, which win over the bare dates of the calendar.
  const meetings = new MeetingSet();
  const nextWarnings = findNextMeetings(lines, nextItemLines, consumed, ctx, meetings);
  const calendarWarnings = resolveCalendars(calendars, ctx, meetings);
  warnings.push(...calendarWarnings, ...nextWarnings);
  return meetings.list();
}

function reportMeeting(header: MinutesHeader, date: string, forumId: string): ReviewReport['meeting'] {
  return {
    date,
    startsAt: header.startsAt,
    endsAt: header.endsAt,
    place: header.place,
    forumId,
    minuteTaker: header.minuteTaker,
    dateSource: header.date ? 'text' : 'option',
    lines: sortedLines([header.dateLine, header.placeLine].filter((n): n is number => n !== undefined)),
  };
}

function warnPersonConflicts(participants: Person[], absent: Person[], warnings: ReportWarning[]): void {
  for (const a of absent) {
    const present = participants.find((p) => p.name.toLowerCase() === a.name.toLowerCase());
    if (present) {
      warnings.push({
        code: 'person-conflict',
        line: a.line,
        message: `${a.name} står både som deltager (linje ${present.line}) og med afbud (linje ${a.line}).`,
      });
    }
  }
}

function itemLabel(number: number, part?: string): string {
  return part ? `Punkt ${number} ${part}` : `Punkt ${number}`;
}

function shorten(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 77)}...`;
}

function sortedLines(lines: number[]): number[] {
  return [...new Set(lines)].sort((a, b) => a - b);
}

/** JSON has no undefined; dropping the keys here keeps `toEqual` and `JSON.stringify` in agreement. */
function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropUndefined) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = dropUndefined(v);
    return out as T;
  }
  return value;
}
