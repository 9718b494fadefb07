/**
 * The text as lines, bullets and sentences, each piece remembering its source line. Minutes arrive as PDF or
 * Word exports: wrapped lines, blank lines inside a sentence, a dozen bullet characters, tabs for tables.
 */

export interface SourceLine {
  /** 1-based. */
  no: number;
  /** Without trailing white space; non-breaking and odd spaces made plain. */
  text: string;
}

/** A piece of text that spans lines: each segment is one source line's share. */
export interface Segment {
  text: string;
  line: number;
}

export interface TextBlock {
  bullet: boolean;
  segments: Segment[];
}

export interface Sentence {
  text: string;
  lines: number[];
}

/** Word writes a soft line break as a vertical tab; editors do not count it as a line, so neither do we. */
const ODD_SPACES = /[\v\f\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

export function splitLines(text: string): SourceLine[] {
  return text.split(/\r\n|\r|\n/).map((raw, i) => ({ no: i + 1, text: raw.replace(ODD_SPACES, ' ').trimEnd() }));
}

export function isBlank(line: SourceLine): boolean {
  return line.text.trim() === '';
}

/**
 * Bullet characters seen in minutes from several years and tools: •, -, –, *, o (Word's second level), ▪, ➢,
 * the Symbol and Wingdings bullets a PDF or Word export leaves in the private use area ( ), and "1." / "a)"
 * inside a section. "o", "*" and "-" count only before a space: "og" is a word,
 * "*Bilag:*" is emphasis and "-5%" a number.
 */
const BULLET = /^\s*(?:[•◦▪▫‣⁃∙·●○■□◆◇➢➤►▶✓✔√⚫\uf020-\uf0ff]|[*\-–—o](?=\s|$)|(?:\d{1,2}|[a-zA-Z])[.)](?=\s))\s*/u;

export function stripBullet(text: string): { bullet: boolean; text: string } {
  const m = BULLET.exec(text);
  if (!m) return { bullet: false, text: text.trim() };
  return { bullet: true, text: text.slice(m[0].length).trim() };
}

/** Markdown and HTML emphasis that some exports leave around words. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<\/?[a-z]{1,10}>/gi, '')
    .replace(/\*{1,3}|_{2,3}|^#{1,6}\s*/g, '')
    .trim();
}

function joinSegments(segments: Segment[]): string {
  return segments
    .map((s) => s.text.trim())
    .filter((t) => t !== '')
    .join(' ')
    .replace(/\s{2,}/g, ' ');
}

export function blockText(block: TextBlock): string {
  return joinSegments(block.segments);
}

const TERMINAL = /[.!?:;]["”’)]*$/;
const STARTS_LOWER_OR_CONTINUES = /^[a-zæøå0-9(,;&%§"”'’]/;

/**
 * Groups lines into bullets and paragraphs. A wrapped line (often after a blank line, in PDF exports) joins the
 * block before it when it starts in lower case, or when that block has not ended its sentence yet.
 */
export function toBlocks(lines: Array<{ line: number; text: string }>): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: TextBlock | undefined;
  let blankSince = false;
  for (const { line, text } of lines) {
    if (text.trim() === '') {
      blankSince = true;
      continue;
    }
    const { bullet, text: content } = stripBullet(text);
    if (bullet) {
      current = { bullet: true, segments: [{ text: content, line }] };
      blocks.push(current);
    } else if (current && continuesBlock(current, content, blankSince)) {
      current.segments.push({ text: content, line });
    } else {
      current = { bullet: false, segments: [{ text: content, line }] };
      blocks.push(current);
    }
    blankSince = false;
  }
  return blocks.filter((b) => blockText(b) !== '' || b.bullet);
}

function continuesBlock(block: TextBlock, next: string, afterBlank: boolean): boolean {
  if (STARTS_LOWER_OR_CONTINUES.test(next)) return true;
  const last = block.segments[block.segments.length - 1].text.trim();
  if (last === '' || TERMINAL.test(last)) return false;
  if (!afterBlank) return true;
  // After a blank line a capital starts a new paragraph, unless the line before was plainly cut mid-phrase:
  // "(som anvender" + "Brorson-modellen) sender ...".
  return OPEN_ENDING.test(last) || unclosedParenthesis(last);
}

const OPEN_ENDING = /(?:[-–,(]|\b(?:og|eller|af|i|til|fra|for|med|om|på|at|som|der|de|den|det|en|et|mellem|samt|ved|hos|under|efter|anvender|med henblik på))$/i;

function unclosedParenthesis(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
  }
  return depth > 0;
}

/** Words that end in a full stop without ending the sentence: "jf. pkt. 3", "bl.a.", "kl. 11". */
const ABBREVIATIONS = new Set([
  'jf', 'ift', 'bl.a', 'b.la', 'bl', 'f.eks', 'eks', 'fx', 'kl', 'evt', 'mv', 'm.v', 'pt', 'inkl', 'incl', 'ca',
  'nr', 'pkt', 'mht', 'mhp', 'dvs', 'hhv', 'vedr', 'ifm', 'iht', 'etc', 'm.fl', 'd', 'st', 'stk', 'tlf', 'el',
  'ang', 'osv', 'ex', 'max', 'min', 'mio', 'mia', 'kr', 'gl', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'okt', 'nov', 'dec', 'ref', 'nb', 'obs', 'pga', 'ibid', 'vs', 'dir', 'adm', 'afd', 'prof',
  'cand', 'mag', 'jur', 'polit', 'oecon', 'att', 'hr', 'fr', 'pr', 'f', 'a', 'o', 's', 'm', 'p', 'b', 'c',
]);

/**
 * Splits a block into sentences at ". " + capital letter, except after an abbreviation or a number (an
 * ordinal: "1. juni"). One left-to-right pass; no regex backtracking over the whole text.
 */
export function splitSentences(segments: Segment[]): Sentence[] {
  let text = '';
  const lineAt: number[] = [];
  for (const seg of segments) {
    const piece = seg.text.trim();
    if (piece === '') continue;
    if (text !== '') {
      text += ' ';
      lineAt.push(seg.line);
    }
    text += piece;
    for (let i = 0; i < piece.length; i++) lineAt.push(seg.line);
  }
  const sentences: Sentence[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (j < text.length && /["”’)]/.test(text[j])) j++;
    if (j >= text.length || text[j] !== ' ') continue;
    let k = j;
    while (k < text.length && text[k] === ' ') k++;
    if (k >= text.length || !/[A-ZÆØÅ"“]/.test(text[k])) continue;
    if (ch === '.' && isAbbreviationBefore(text, i)) continue;
    pushSentence(sentences, text, lineAt, start, j);
    start = k;
    i = k - 1;
  }
  pushSentence(sentences, text, lineAt, start, text.length);
  return sentences;
}

function isAbbreviationBefore(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[A-Za-zÆØÅæøå0-9.]/.test(text[s - 1]) && dot - s < 12) s--;
  const word = text.slice(s, dot).toLowerCase();
  return /^\d+$/.test(word) || ABBREVIATIONS.has(word);
}

function pushSentence(out: Sentence[], text: string, lineAt: number[], from: number, to: number): void {
  const sentence = text.slice(from, to).trim();
  if (sentence === '' || /^[-–•*.\s]*$/.test(sentence)) return;
  out.push({ text: sentence, lines: [...new Set(lineAt.slice(from, to))] });
}
