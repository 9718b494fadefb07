import { findDates, findTimeRange, isoDate, zonedDateTime } from './danish-dates';
import type { ForumMatcher } from './forum-matcher';
import { stripMarkup, type SourceLine } from './minutes-text';
import type { Person } from './review-report';

/**
 * The lines before the first item: "Dato: Fredag den 19. september, 2025, kl. 12-15.00", "Sted: Teams",
 * and the participant table (Deltagere / Gæster / Afbud / Referent), tab-separated as Word exports it, or a
 * comma-separated list after the colon.
 */

export interface MinutesHeader {
  date?: string;
  dateLine?: number;
  startsAt?: string;
  endsAt?: string;
  place?: string;
  placeLine?: number;
  participants: Person[];
  guests: Person[];
  absent: Person[];
  minuteTaker?: Person;
  /** The forums the title lines name ("Referat Styregruppemøde"). */
  forumIds: string[];
}

const DATE_LINE = /^\s*(?:dato|mødedato|tid|tidspunkt|tid\s+og\s+sted|dato\s+og\s+tid)\s*:\s*(.{1,300})$/i;
const PLACE_LINE = /^\s*(?:sted|mødested|lokale|lokation)\s*:\s*(.{1,300})$/i;
const LIST_HEADER = /^\s*(deltagere|til\s+stede|tilstede|gæster|afbud|fraværende|referent)\s*:?\s*(.{0,1000})$/i;
const STOP_HEADER = /^\s*(?:indhold|dagsorden|indholdsfortegnelse)\s*:?\s*$/i;

type ListKind = 'participants' | 'guests' | 'absent' | 'minuteTaker';

export function readHeader(preamble: SourceLine[], forums: ForumMatcher, timeZone: string): MinutesHeader {
  const header: MinutesHeader = { participants: [], guests: [], absent: [], forumIds: [] };
  let list: ListKind | undefined;

  for (const l of preamble) {
    if (l.text.length > 2000) continue;
    const text = stripMarkup(l.text);
    if (text === '') continue;

    const dateLine = DATE_LINE.exec(text);
    if (dateLine && header.date === undefined) {
      readDateLine(header, dateLine[1], l.no, timeZone);
      list = undefined;
      continue;
    }
    const placeLine = PLACE_LINE.exec(text);
    if (placeLine) {
      header.place = placeLine[1].trim().replace(/[.,]+$/, '');
      header.placeLine = l.no;
      list = undefined;
      continue;
    }
    if (STOP_HEADER.test(text)) {
      list = undefined;
      continue;
    }
    const listHeader = LIST_HEADER.exec(text.replace(/\t+/g, ' ').trim());
    if (listHeader && !l.text.trim().includes('\t')) {
      list = listKind(listHeader[1]);
      if (listHeader[2].trim() !== '') for (const p of inlinePeople(listHeader[2], l.no)) addPerson(header, list, p);
      continue;
    }
    if (listHeader && isEmptyRow(l.text)) {
      list = listKind(listHeader[1]);
      continue;
    }
    if (list && l.text.includes('\t')) {
      const person = tableRow(l.text, l.no);
      if (person) addPerson(header, list, person);
      continue;
    }
    if (header.date === undefined && header.forumIds.length === 0) {
      header.forumIds = [...new Set(forums.mentions(text).map((m) => m.forumId))];
    }
    if (header.date === undefined && /\b(?:referat|møde)/i.test(text)) {
      const withYear = findDates(text).find((d) => d.year !== undefined);
      if (withYear) readDateLine(header, text, l.no, timeZone);
    }
  }
  return header;
}

function readDateLine(header: MinutesHeader, text: string, line: number, timeZone: string): void {
  const mention = findDates(text).find((d) => d.year !== undefined);
  const date = mention?.year !== undefined ? isoDate(mention.year, mention.month, mention.day) : undefined;
  if (!mention || !date) return;
  header.date = date;
  header.dateLine = line;
  const range = findTimeRange(text, mention.end);
  if (range) {
    header.startsAt = zonedDateTime(date, range.start, timeZone);
    if (range.end) header.endsAt = zonedDateTime(date, range.end, timeZone);
  }
  const place = /\bsted\s*:\s*(.{1,200})$/i.exec(text);
  if (place && !header.place) {
    header.place = place[1].trim();
    header.placeLine = line;
  }
}

function listKind(word: string): ListKind {
  const w = word.toLowerCase();
  if (w.startsWith('gæst')) return 'guests';
  if (w === 'afbud' || w === 'fraværende') return 'absent';
  if (w === 'referent') return 'minuteTaker';
  return 'participants';
}

function isEmptyRow(text: string): boolean {
  return text.split('\t').slice(1).every((c) => c.trim() === '');
}

/** "Navn<TAB>Titel<TAB>Arbejdssted"; the row that names the columns is no person. */
function tableRow(text: string, line: number): Person | undefined {
  const cells = text.split('\t').map((c) => stripMarkup(c).trim());
  const [name, title, organisation] = cells;
  if (!name || /^navn$/i.test(name) || /^punkt\s+\d/i.test(name) || /\.{4,}/.test(text)) return undefined;
  return person(name, title, organisation, line);
}

/** "Anne Hansen (Køge Kommune), Bo Jensen, Faxe Kommune; ..." after "Deltagere:". */
function inlinePeople(text: string, line: number): Person[] {
  return text
    .split(/;|,(?![^(]*\))/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .slice(0, 100)
    .map((s) => {
      const m = /^(.*?)\s*\(([^)]{1,120})\)\s*$/.exec(s);
      return m ? person(m[1], undefined, m[2], line) : person(s, undefined, undefined, line);
    });
}

function person(name: string, title: string | undefined, organisation: string | undefined, line: number): Person {
  const p: Person = { name: name.trim(), line };
  if (title) p.title = title;
  if (organisation) p.organisation = organisation;
  if (title && /(?:^|[\s,])formand\b/i.test(title)) p.chair = true;
  return p;
}

function addPerson(header: MinutesHeader, list: ListKind, p: Person): void {
  if (list === 'minuteTaker') header.minuteTaker ??= p;
  else header[list].push(p);
}
