import { findAgendaList, sameAgendaTitle, type AgendaList } from './agenda-list';
import { isBlank, stripMarkup, type SourceLine } from './minutes-text';

/**
 * Finds the agenda items and their sections. An item heading is a numbered line ("2.Kort status",
 * "3. Kommunernes ...", "Punkt 4: ...") that a section header (Resume, Indstilling, Beslutning ...) follows
 * within a few lines, numbered one after the other; numbered lists inside an item ("1. Fra faglig vision ...")
 * fail that test.
 */

export type SectionKind = 'preface' | 'summary' | 'recommendation' | 'decision' | 'discussion' | 'background' | 'attachments';

export interface SectionLine {
  line: number;
  text: string;
}

export interface RawSection {
  kind: SectionKind;
  headerLine?: number;
  lines: SectionLine[];
}

export interface RawItem {
  number: number;
  part?: string;
  title: string;
  parentTitle?: string;
  /** The group of the agenda list the item stands under ("Punkter til orientering"). */
  agendaGroup?: string;
  /** The item's entry in the agenda list, which may say what the heading leaves out ("(udsat fra 12/5)"). */
  agendaEntry?: { title: string; line: number };
  /** The lines of the heading, title continuation included. */
  headingLines: number[];
  from: number;
  to: number;
  sections: RawSection[];
}

export interface TocEntry {
  number: number;
  title: string;
  line: number;
}

export interface Structure {
  items: RawItem[];
  /** Lines before the first item: title, date, participants, table of contents. */
  preamble: SourceLine[];
  toc: TocEntry[];
  numberGaps: Array<{ expected: number; found: number; line: number }>;
  /** Headings that repeat a number already seen: read as text of the item before, and reported. */
  repeatedNumbers: Array<{ number: number; line: number }>;
  /** Set when a second "1." item shows that several minutes were pasted into one text. */
  restartLine?: number;
  /** The agenda list the minutes open with, where they do. */
  agenda?: AgendaList;
  /** Items whose heading title differs from the agenda list's, and headings found by the agenda's title alone. */
  agendaReadings: AgendaReading[];
}

export type AgendaReading =
  | { kind: 'title-differs'; number: number; agendaTitle: string; title: string; line: number }
  | { kind: 'heading-inferred'; number: number; agendaTitle: string; line: number }
  | { kind: 'heading-unconfirmed'; number: number; agendaTitle: string; title: string; line: number };

const MAX_HEADING_LENGTH = 300;
const HEADING = /^\s*(?:(?:punkt|pkt\.?|ad\.?)\s{0,3})?(\d{1,2})\s{0,3}[.):]\s{0,3}(\S.*)$/i;
const PART_HEADING = /^\s*(\d{1,2})\s{0,3}([A-Za-z])\s{0,2}\)\s{0,3}(\S.*)$/;
const SECTION =
  /^\s*[*#_]{0,3}\s{0,2}(?:styregruppens\s{1,3}|forummets\s{1,3})?(resum[eé]|indstillinger|indstilling|beslutninger|beslutning|referat|konklusion|baggrund|sagsfremstilling|sagsbeskrivelse|bilag|drøftelser|drøftelse)\s{0,2}[*_]{0,3}\s{0,3}(?::+\s{0,3}[*_]{0,3}\s{0,3}(.*))?$/i;
const RECOMMENDATION_LEAD = /^\s*(?:[•\-–*]\s*)?(?:det\s+indstilles|(?:sekretariatet|formandskabet|formanden|[A-ZÆØÅ][\wæøå-]{1,40})\s+indstiller)\b/i;
/** Items that often have no sections at all; only the whole title counts, so "2. Orientering om ..." in a list does not. */
const KNOWN_SHORT_TITLES = /^(?:evt\.?|eventuelt|næste\s+møde(?:\s[^\n]{0,30})?|godkendelse\s+af\s+(?:dagsorden(?:en)?|referat(?:et)?))\s*[.:]?$/i;
const MONTH_START = /^(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\b/i;
const LOOKAHEAD_LINES = 8;
const LEADING_SECTIONS: ReadonlySet<SectionKind> = new Set(['summary', 'recommendation', 'decision']);

function sectionHeader(text: string): { kind: SectionKind; rest: string } | undefined {
  if (text.length > 400) return undefined;
  const m = SECTION.exec(text);
  if (!m) return undefined;
  return { kind: sectionKind(m[1].toLowerCase()), rest: (m[2] ?? '').trim() };
}

function sectionKind(word: string): SectionKind {
  if (word.startsWith('resum')) return 'summary';
  if (word.startsWith('indstilling')) return 'recommendation';
  if (word.startsWith('beslutning') || word === 'referat' || word === 'konklusion') return 'decision';
  if (word.startsWith('drøftelse')) return 'discussion';
  if (word === 'bilag') return 'attachments';
  return 'background';
}

export function isRecommendationLead(text: string): boolean {
  return text.length < 2000 && RECOMMENDATION_LEAD.test(text);
}

interface HeadingCandidate {
  number: number;
  title: string;
}

function headingCandidate(text: string): HeadingCandidate | undefined {
  if (text.length > MAX_HEADING_LENGTH) return undefined;
  const m = HEADING.exec(text);
  if (!m) return undefined;
  const title = stripMarkup(m[2]).trim();
  if (title === '' || !/^[A-ZÆØÅ"“«(]/.test(title)) return undefined;
  if (/^at\s/i.test(title) || MONTH_START.test(title)) return undefined;
  if (isTocLine(text)) return undefined;
  return { number: Number(m[1]), title };
}

function partCandidate(text: string): { number: number; part: string; title: string } | undefined {
  if (text.length > MAX_HEADING_LENGTH) return undefined;
  const m = PART_HEADING.exec(text);
  if (!m) return undefined;
  return { number: Number(m[1]), part: m[2].toUpperCase(), title: stripMarkup(m[3]).trim() };
}

function isTocLine(text: string): boolean {
  return /\.{4,}/.test(text) || /\t\s*\d{1,3}\s*$/.test(text);
}

export function findStructure(lines: SourceLine[], consumed: ReadonlySet<number>): Structure {
  const agenda = findAgendaList(lines.filter((l) => !consumed.has(l.no)));
  const agendaLines = new Set(agenda?.lines ?? []);
  const usable = lines.filter((l) => !consumed.has(l.no) && !agendaLines.has(l.no));
  const headings: Heading[] = [];
  const numberGaps: Structure['numberGaps'] = [];
  const repeatedNumbers: Structure['repeatedNumbers'] = [];
  const agendaReadings: AgendaReading[] = [];
  const toc = readToc(usable);
  let restartLine: number | undefined;
  const agendaTitle = (n: number) => agenda?.entries.find((e) => e.number === n)?.title;
  const matchesAgenda = (n: number, title: string) => {
    const expectedTitle = agendaTitle(n);
    return expectedTitle !== undefined && sameAgendaTitle(expectedTitle, title);
  };
  // A numbered list inside an item ("3. Voksne med autisme") gives way to the heading the agenda names further on.
  const lastAgendaHeading = new Map<number, number>();
  if (agenda) {
    usable.forEach((l, index) => {
      const c = headingCandidate(l.text);
      if (c !== undefined && matchesAgenda(c.number, c.title)) lastAgendaHeading.set(c.number, index);
    });
  }
  const agendaHeadingLater = (n: number, from: number) => (lastAgendaHeading.get(n) ?? -1) > from;

  for (let i = 0; i < usable.length; i++) {
    const candidate = headingCandidate(usable[i].text);
    if (!candidate) continue;
    const last = headings[headings.length - 1];
    const expected = last === undefined ? undefined : last.number + 1;
    const tocConfirms = toc.some((t) => t.number === candidate.number && sameStart(t.title, candidate.title));
    const agendaConfirms = matchesAgenda(candidate.number, candidate.title);
    const confirmed = () => tocConfirms || agendaConfirms || KNOWN_SHORT_TITLES.test(candidate.title) || sectionFollows(usable, i);

    if (agenda && !agendaConfirms && agendaTitle(candidate.number) !== undefined && agendaHeadingLater(candidate.number, i)) continue;
    if (agenda && expected === undefined && candidate.number !== 1 && !agendaConfirms) continue;
    if (expected === undefined || candidate.number === expected) {
      if (!confirmed()) continue;
    } else if (candidate.number > expected && candidate.number <= expected + 3) {
      if (!agendaConfirms && !sectionFollows(usable, i)) continue;
      numberGaps.push({ expected, found: candidate.number, line: usable[i].no });
    } else {
      if (candidate.number <= expected - 1 && sectionFollows(usable, i)) {
        if (candidate.number === 1) restartLine ??= usable[i].no;
        else repeatedNumbers.push({ number: candidate.number, line: usable[i].no });
      }
      continue;
    }
    const continuation = titleContinuation(usable, i, candidate.title);
    const title = continuation ? joinTitle(candidate.title, continuation.text) : cleanTitle(candidate.title);
    const listed = agendaTitle(candidate.number);
    if (listed !== undefined && !agendaConfirms) {
      agendaReadings.push({ kind: 'heading-unconfirmed', number: candidate.number, agendaTitle: listed, title, line: usable[i].no });
    } else if (listed !== undefined && normalTitle(listed) !== normalTitle(title)) {
      agendaReadings.push({ kind: 'title-differs', number: candidate.number, agendaTitle: listed, title, line: usable[i].no });
    }
    headings.push({
      index: i,
      number: candidate.number,
      title,
      headingLines: continuation ? [usable[i].no, usable[continuation.index].no] : [usable[i].no],
      agendaGroup: agenda?.entries.find((e) => e.number === candidate.number)?.group,
      agendaEntry: agendaConfirms ? agendaEntryOf(agenda, candidate.number) : undefined,
    });
    if (continuation) i = continuation.index;
  }
  if (agenda) inferHeadingsByAgendaTitle(usable, agenda, headings, agendaReadings);

  const items: RawItem[] = [];
  headings.forEach((h, n) => {
    const endIndex = n + 1 < headings.length ? headings[n + 1].index : usable.length;
    const bodyStart = usable.findIndex((l) => l.no === h.headingLines[h.headingLines.length - 1]) + 1;
    items.push(...buildItems(h, usable.slice(bodyStart, endIndex), lastLineNo(usable, h.index, endIndex)));
  });

  const firstItemLine = headings.length > 0 ? usable[headings[0].index].no : Number.POSITIVE_INFINITY;
  return {
    items,
    preamble: lines.filter((l) => l.no < firstItemLine),
    toc,
    numberGaps,
    repeatedNumbers,
    restartLine,
    agenda,
    agendaReadings,
  };
}

interface Heading {
  index: number;
  number: number;
  title: string;
  headingLines: number[];
  agendaGroup?: string;
  agendaEntry?: { title: string; line: number };
}

function agendaEntryOf(agenda: AgendaList | undefined, number: number): { title: string; line: number } | undefined {
  const entry = agenda?.entries.find((e) => e.number === number);
  return entry && { title: entry.title, line: entry.line };
}

function normalTitle(title: string): string {
  return title.toLowerCase().replace(/[^a-zæøåé0-9]+/g, ' ').trim();
}

/**
 * An agenda entry whose numbered heading is not in the text: a line between the items before and after it that
 * is the agenda's title alone, without its number, is taken for its heading (and said so in the review).
 */
function inferHeadingsByAgendaTitle(usable: SourceLine[], agenda: AgendaList, headings: Heading[], readings: AgendaReading[]): void {
  for (const entry of agenda.entries) {
    if (headings.some((h) => h.number === entry.number)) continue;
    const before = [...headings].reverse().find((h) => h.number < entry.number);
    const after = headings.find((h) => h.number > entry.number);
    const from = before ? before.index + 1 : 0;
    const to = after ? after.index : usable.length;
    for (let i = from; i < to; i++) {
      const text = stripMarkup(usable[i].text).replace(/[.:]+$/, '');
      if (text.length > MAX_HEADING_LENGTH || normalTitle(text) !== normalTitle(entry.title.replace(/[.:]+$/, ''))) continue;
      headings.push({
        index: i,
        number: entry.number,
        title: cleanTitle(text),
        headingLines: [usable[i].no],
        agendaGroup: entry.group,
        agendaEntry: { title: entry.title, line: entry.line },
      });
      headings.sort((a, b) => a.index - b.index);
      readings.push({ kind: 'heading-inferred', number: entry.number, agendaTitle: entry.title, line: usable[i].no });
      break;
    }
  }
}

function lastLineNo(usable: SourceLine[], from: number, endIndex: number): number {
  for (let i = endIndex - 1; i > from; i--) if (!isBlank(usable[i])) return usable[i].no;
  return usable[from].no;
}

/**
 * An item heading is soon followed by Resume, Indstilling or Beslutning. Baggrund and Bilag count only on the
 * very next line: a numbered list in a background ("5. Bag lukkede døre ...") is often followed by "Bilag" a
 * few lines further down.
 */
function sectionFollows(usable: SourceLine[], index: number): boolean {
  let seen = 0;
  for (let j = index + 1; j < usable.length && seen < LOOKAHEAD_LINES; j++) {
    const text = usable[j].text;
    if (text.trim() === '') continue;
    seen++;
    const header = sectionHeader(text);
    if (header && (LEADING_SECTIONS.has(header.kind) || seen === 1)) return true;
    if (isRecommendationLead(text)) return true;
    if (partCandidate(text)) continue;
    if (headingCandidate(text)) return false;
  }
  return false;
}

/** "3. Kvalitet ... –" followed by "- Forslag til ændringer ...": a title wrapped onto the next line. */
function titleContinuation(usable: SourceLine[], index: number, title: string): { index: number; text: string } | undefined {
  const next = nextNonBlank(usable, index + 1, 3);
  if (next === undefined) return undefined;
  const text = usable[next].text.trim();
  if (text.length > 200 || sectionHeader(text) || headingCandidate(text) || partCandidate(text)) return undefined;
  if (!/[-–—:]\s*$/.test(title) && !/^[-–—]/.test(text)) return undefined;
  const after = nextNonBlank(usable, next + 1, 3);
  if (after === undefined || !sectionHeader(usable[after].text)) return undefined;
  return { index: next, text };
}

function nextNonBlank(usable: SourceLine[], from: number, maxBlank: number): number | undefined {
  for (let j = from, blanks = 0; j < usable.length && blanks <= maxBlank; j++) {
    if (usable[j].text.trim() !== '') return j;
    blanks++;
  }
  return undefined;
}

function cleanTitle(title: string): string {
  return title
    .replace(/^[-–—\s]+/, '')
    .replace(/[-–—:\s]+$/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function joinTitle(first: string, second: string): string {
  return `${cleanTitle(first)} – ${cleanTitle(second)}`;
}

function sameStart(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-zæøå0-9]+/g, ' ').trim().slice(0, 20);
  return norm(a) !== '' && norm(a) === norm(b);
}

/** "Punkt 6<tab>Korte orienteringspunkter<tab>13": only lines with dot leaders or a page number count. */
function readToc(lines: SourceLine[]): TocEntry[] {
  const toc: TocEntry[] = [];
  for (const l of lines) {
    if (l.text.length > MAX_HEADING_LENGTH || !isTocLine(l.text)) continue;
    const m = /^\s*punkt\s{1,3}(\d{1,2})\s*[.:]?\s+(.*)$/i.exec(l.text);
    if (!m) continue;
    const title = m[2].split(/\.{3,}|\t/)[0].trim();
    if (title !== '') toc.push({ number: Number(m[1]), title, line: l.no });
  }
  return toc;
}

function buildItems(heading: Heading, body: SourceLine[], to: number): RawItem[] {
  const from = heading.headingLines[0];
  const main: RawItem = { number: heading.number, title: heading.title, headingLines: heading.headingLines, from, to, sections: [] };
  if (heading.agendaGroup !== undefined) main.agendaGroup = heading.agendaGroup;
  if (heading.agendaEntry !== undefined) main.agendaEntry = heading.agendaEntry;
  const items: RawItem[] = [main];
  let current = main;
  let section: RawSection | undefined;
  let partSeen = false;

  for (const l of body) {
    const part = partCandidate(l.text);
    if (part && part.number === heading.number) {
      if (!partSeen && current === main) closeRange(main, l.no);
      partSeen = true;
      current = {
        number: heading.number,
        part: part.part,
        title: cleanTitle(part.title),
        parentTitle: heading.title,
        headingLines: [l.no],
        from: l.no,
        to,
        sections: [],
      };
      if (items.length > 1) closeRange(items[items.length - 1], l.no);
      items.push(current);
      section = undefined;
      continue;
    }
    const header = sectionHeader(l.text);
    if (header && !(header.kind === 'attachments' && header.rest !== '' && section !== undefined)) {
      section = { kind: header.kind, headerLine: l.no, lines: [] };
      current.sections.push(section);
      if (header.rest !== '') section.lines.push({ line: l.no, text: header.rest });
      continue;
    }
    if (isRecommendationLead(l.text) && section?.kind !== 'recommendation' && section?.kind !== 'decision') {
      section = { kind: 'recommendation', lines: [] };
      current.sections.push(section);
    }
    if (!section) {
      if (isBlank(l)) continue;
      section = { kind: 'preface', lines: [] };
      current.sections.push(section);
    }
    // A run of blank lines means only "a break here" to the readers of a section: one entry keeps that.
    const previous = section.lines[section.lines.length - 1];
    if (isBlank(l) && previous !== undefined && previous.text.trim() === '') continue;
    section.lines.push({ line: l.no, text: l.text });
  }

  // A heading whose parts carry all the content is no case of its own; keep it only if it has text.
  if (partSeen && !main.sections.some((s) => s.lines.some((x) => x.text.trim() !== ''))) items.shift();
  return items;
}

function closeRange(item: RawItem, nextFrom: number): void {
  const lastContent = item.sections.flatMap((s) => s.lines).filter((l) => l.text.trim() !== '').pop();
  item.to = Math.min(item.to, Math.max(lastContent?.line ?? item.headingLines[item.headingLines.length - 1], item.from));
  if (item.to >= nextFrom) item.to = nextFrom - 1;
}
