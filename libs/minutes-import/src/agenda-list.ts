import { stripMarkup, type SourceLine } from './minutes-text';

/**
 * The agenda list that older minutes open with: "Dagsordenspunkter til styregruppemøde 18/8:", the numbered
 * titles, sometimes under group headings ("A) Punkter til drøftelse", "B) Punkter til opfølgning/status",
 * "C) Punkter til orientering"), and only then the items themselves, numbered from 1 again. The list says how
 * many items there are and what they are called, so the items are found by it rather than taken for a second
 * set of minutes.
 */

export interface AgendaEntry {
  number: number;
  title: string;
  line: number;
  /** The group heading the entry stands under, as written: "Punkter til orientering". */
  group?: string;
}

export interface AgendaList {
  entries: AgendaEntry[];
  /** Every line of the list, heading and group headings included: none of them is an item. */
  lines: number[];
}

const AGENDA_HEADING = /^\s*(?:dagsorden(?:spunkter)?|punkter\s+på\s+dagsordenen|program)\b[^\n]{0,80}$/i;
const ENTRY = /^\s*(?:(?:punkt|pkt\.?|ad\.?)\s{0,3})?(\d{1,2})\s{0,3}[.):]\s{0,3}(\S.{0,200})$/i;
const GROUP = /^\s*([A-H])\s{0,2}[).:]\s{0,3}(\S.{0,100})$/;
/** The words that open an item's text: an agenda list ends where the first of them stands. */
const SECTION_START =
  /^\s*[*#_]{0,3}\s{0,2}(?:(?:resum[eé]|indstillinger|indstilling|beslutninger|beslutning|referat|baggrund|sagsfremstilling|drøftelse|konklusion)\s{0,2}[*_]{0,3}\s{0,2}(?::.*)?|det\s+indstilles\b.*|[A-ZÆØÅ][\wæøå-]{1,40}\s+indstiller\b.*)$/i;

/** Lists that start with "1." tried before giving up: the agenda is near the top, and a text of many is no agenda. */
const MAX_TRIES = 5;

/**
 * Finds the list among the lines before the first section of any item: numbers 1, 2, 3 ... with nothing but
 * blank lines and group headings between them, at least two entries, and an item "1." after it again.
 */
export function findAgendaList(lines: SourceLine[]): AgendaList | undefined {
  const firstSection = lines.findIndex((l) => l.text.length < 400 && SECTION_START.test(stripMarkup(l.text)));
  const limit = firstSection === -1 ? lines.length : firstSection;
  let tries = 0;
  for (let i = 0; i < limit && tries < MAX_TRIES; i++) {
    const start = entryAt(lines[i]);
    if (!start || start.number !== 1) continue;
    tries++;
    const list = readRun(lines, i, limit);
    if (!list || list.entries.length < 2) continue;
    const headingIndex = headingBefore(lines, i);
    const hasHeading = headingIndex !== undefined;
    if (!hasHeading && list.entries.length < 3) continue;
    const after = lines.slice(lineIndex(lines, list.lines[list.lines.length - 1]) + 1);
    if (!after.some((l) => entryAt(l)?.number === 1)) continue;
    if (headingIndex !== undefined) list.lines.unshift(lines[headingIndex].no);
    const groupBefore = groupHeadingBefore(lines, i);
    if (groupBefore) {
      list.lines.unshift(groupBefore.line);
      for (const entry of list.entries) if (entry.group === undefined) entry.group = groupBefore.group;
    }
    list.lines.sort((a, b) => a - b);
    return list;
  }
  return undefined;
}

function lineIndex(lines: SourceLine[], no: number): number {
  return lines.findIndex((l) => l.no === no);
}

function entryAt(line: SourceLine): { number: number; title: string } | undefined {
  const m = ENTRY.exec(stripMarkup(line.text));
  if (!m) return undefined;
  const title = m[2].trim();
  if (/^at\s/i.test(title)) return undefined;
  return { number: Number(m[1]), title };
}

function groupAt(line: SourceLine): string | undefined {
  const m = GROUP.exec(stripMarkup(line.text));
  return m ? m[2].trim().replace(/:$/, '') : undefined;
}

function readRun(lines: SourceLine[], from: number, limit: number): AgendaList | undefined {
  const entries: AgendaEntry[] = [];
  const used: number[] = [];
  let group: string | undefined;
  for (let i = from; i < limit; i++) {
    const line = lines[i];
    if (line.text.trim() === '') continue;
    const entry = entryAt(line);
    if (entry && entry.number === entries.length + 1) {
      entries.push({ number: entry.number, title: stripMarkup(entry.title), line: line.no, group });
      used.push(line.no);
      continue;
    }
    const groupName = groupAt(line);
    if (groupName !== undefined && entries.length > 0) {
      group = groupName;
      used.push(line.no);
      continue;
    }
    break;
  }
  return entries.length > 0 ? { entries, lines: used } : undefined;
}

/** "Dagsordenspunkter til styregruppemøde 18/8:" within a few lines above the first entry. */
function headingBefore(lines: SourceLine[], index: number): number | undefined {
  for (let j = index - 1, seen = 0; j >= 0 && seen < 3; j--) {
    if (lines[j].text.trim() === '') continue;
    seen++;
    if (AGENDA_HEADING.test(stripMarkup(lines[j].text))) return j;
  }
  return undefined;
}

function groupHeadingBefore(lines: SourceLine[], index: number): { line: number; group: string } | undefined {
  for (let j = index - 1; j >= 0; j--) {
    if (lines[j].text.trim() === '') continue;
    const group = groupAt(lines[j]);
    return group === undefined ? undefined : { line: lines[j].no, group };
  }
  return undefined;
}

/**
 * Whether an item heading's title is the agenda's title for it, allowing for what differs between the two in
 * practice: "mv.", a trailing dot, "(udsat fra 2/5)", case, dashes, and a word or two more on one side.
 */
export function sameAgendaTitle(agendaTitle: string, headingTitle: string): boolean {
  const a = titleWords(agendaTitle);
  const b = titleWords(headingTitle);
  if (a.length === 0 || b.length === 0) return false;
  if (a.join(' ') === b.join(' ')) return true;
  const shorter = a.length <= b.length ? a : b;
  const longer = a.length <= b.length ? b : a;
  if (shorter.length >= 2 && longer.slice(0, shorter.length).join(' ') === shorter.join(' ')) return true;
  const common = shorter.filter((w) => longer.includes(w)).length;
  return common / new Set([...a, ...b]).size >= 0.6;
}

function titleWords(title: string): string[] {
  return title
    .toLowerCase()
    .replace(/\([^)]{0,80}\)/g, ' ')
    .replace(/\b(?:m\.?\s?v|m\.?\s?fl|o\.?\s?lign|etc)\b\.?/g, ' ')
    .split(/[^a-zæøåé0-9]+/)
    .filter((w) => w !== '');
}

/** What the group heading says the items under it are for. */
export function groupKind(group: string | undefined): 'decision' | 'discussion' | 'information' | undefined {
  if (group === undefined) return undefined;
  if (/beslutning|godkendelse/i.test(group)) return 'decision';
  if (/drøftelse/i.test(group)) return 'discussion';
  if (/orientering|status|opfølgning/i.test(group)) return 'information';
  return undefined;
}
