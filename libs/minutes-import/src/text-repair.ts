import type { SourceLine } from './minutes-text';

/**
 * What text extracted from a PDF carries besides the minutes: words hyphenated across lines ("beskri-" /
 * "ver") or left with a hyphen and a space inside a line ("sty- regruppen"), links cut over two lines, and
 * page marks ("Side 3 af 12", "- 3 -") with the running header or footer beside them. Each repair keeps every
 * line where it was, so the review's line numbers still point into the text as given, and each is told.
 */

export interface TextRepair {
  kind: 'word-joined' | 'link-joined' | 'page-mark-removed' | 'running-line-removed';
  line: number;
  /** What was joined or removed, as it stood. */
  text: string;
}

/** "social- og sundhedsområdet", "familie- som netværksplejen": a hyphen before a conjunction is no break. */
const CONJUNCTIONS = new Set(['og', 'eller', 'samt', 'som', 'til', 'men', 'end', 'fra', 'med', 'i', 'at', 'nu']);
const WORD_BREAK_INSIDE = /([A-Za-zÆØÅæøåé]{2,})- ([a-zæøåé]{2,})/g;
const WORD_BREAK_AT_END = /([A-Za-zÆØÅæøåé]{2,})-$/;
const WORD_START = /^([a-zæøåé]{2,})(.*)$/;
const URL_AT_END = /https?:\/\/\S+$/;
const URL_TAIL = /^([A-Za-z0-9\-._~/?#=&%+:]+)(?:\s+(.*))?$/;
const PAGE_MARK = /^\s*(?:(?:side|s\.|page)\s*\d{1,3}(?:\s*(?:af|\/|of)\s*\d{1,3})?|[-–]\s*\d{1,3}\s*[-–]|\d{1,3}\s*(?:af|\/)\s*\d{1,3})\s*$/i;
const NEAR_PAGE_MARK = 2;
/** Lines of the minutes themselves that may well stand beside two page breaks. */
const MINUTES_WORDS = /^(?:\S{1,3}\s+)?(?:resum|indstilling|beslutning|referat|baggrund|bilag|det\s+indstilles|sekretariatet\s+indstiller)|:$/i;

export function repairExtractedText(input: SourceLine[]): { lines: SourceLine[]; repairs: TextRepair[] } {
  const lines = input.map((l) => ({ ...l }));
  const repairs: TextRepair[] = [];
  removePageMarks(lines, repairs);
  for (let i = 0; i < lines.length; i++) {
    joinInside(lines[i], repairs);
    const next = lines[i + 1];
    if (next === undefined) continue;
    joinAcrossLines(lines[i], next, repairs);
  }
  return { lines, repairs };
}

function joinInside(line: SourceLine, repairs: TextRepair[]): void {
  if (line.text.length > 20_000 || !line.text.includes('- ')) return;
  line.text = line.text.replace(WORD_BREAK_INSIDE, (whole: string, head: string, tail: string) => {
    if (CONJUNCTIONS.has(tail.toLowerCase())) return whole;
    repairs.push({ kind: 'word-joined', line: line.no, text: whole });
    return head + tail;
  });
}

function joinAcrossLines(line: SourceLine, next: SourceLine, repairs: TextRepair[]): void {
  const nextText = next.text.trimStart();
  if (line.text.length > 20_000 || nextText === '') return;
  const url = URL_AT_END.exec(line.text);
  if (url) {
    const tail = URL_TAIL.exec(nextText);
    if (tail && continuesUrl(url[0], tail[1])) {
      repairs.push({ kind: 'link-joined', line: line.no, text: `${url[0]} + ${tail[1]}` });
      line.text += tail[1];
      next.text = tail[2] ?? '';
    }
    return;
  }
  const broken = WORD_BREAK_AT_END.exec(line.text);
  const start = broken ? WORD_START.exec(nextText) : null;
  if (!broken || !start) return;
  const word = /^[a-zæøåé]+/.exec(start[1])?.[0] ?? start[1];
  if (CONJUNCTIONS.has(word.toLowerCase())) return;
  const rest = nextText.slice(word.length).replace(/^\s+/, '');
  repairs.push({ kind: 'word-joined', line: line.no, text: `${broken[1]}- ${word}` });
  const punctuation = /^[.,;:!?)]+/.exec(rest)?.[0] ?? '';
  line.text = line.text.slice(0, -1) + word + punctuation;
  next.text = rest.slice(punctuation.length).trimStart();
}

/** A link's end on the next line: a path, not a word of the sentence after it. */
function continuesUrl(url: string, tail: string): boolean {
  if (/^https?:/i.test(tail)) return false;
  if (/[-/_.=?&#]$/.test(url)) return true;
  return /[/=?&]/.test(tail) || /\.(?:pdf|docx?|xlsx?|aspx?|html?|php)$/i.test(tail);
}

/**
 * Page marks, and a line that stands beside a page mark at least twice with the same words (the running header
 * or footer; its page number may change): all are blanked.
 */
function removePageMarks(lines: SourceLine[], repairs: TextRepair[]): void {
  const marks = lines.filter((l) => PAGE_MARK.test(l.text)).map((l) => l.no);
  if (marks.length === 0) return;
  const byNo = new Map(lines.map((l, i) => [l.no, i]));
  const neighbours = new Map<string, Map<number, SourceLine>>();
  for (const no of marks) {
    const index = byNo.get(no) ?? 0;
    for (const direction of [-1, 1]) {
      for (let j = index + direction, seen = 0; j >= 0 && j < lines.length && seen < NEAR_PAGE_MARK; j += direction) {
        const text = lines[j].text.trim();
        if (text === '' || PAGE_MARK.test(text)) continue;
        seen++;
        const key = text.replace(/\d+/g, '#');
        const same = neighbours.get(key) ?? new Map<number, SourceLine>();
        same.set(lines[j].no, lines[j]);
        neighbours.set(key, same);
      }
    }
  }
  for (const no of marks) {
    const line = lines[byNo.get(no) ?? 0];
    repairs.push({ kind: 'page-mark-removed', line: no, text: line.text.trim() });
    line.text = '';
  }
  for (const [key, repeated] of neighbours) {
    if (repeated.size < 2 || key.length < 8 || MINUTES_WORDS.test(key)) continue;
    for (const line of repeated.values()) {
      repairs.push({ kind: 'running-line-removed', line: line.no, text: line.text.trim() });
      line.text = '';
    }
  }
}
