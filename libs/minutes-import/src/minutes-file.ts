import { extractText, getDocumentProxy } from 'unpdf';
import type { ParseError } from './review-report';

/**
 * Minutes as the archive keeps them → their text: a PDF (pdf.js, through unpdf), a Word file (.docx, through
 * mammoth) or a text file in UTF-8 or Windows-1252. The bytes decide where they and the name disagree. What was
 * done to get the text (the encoding chosen, the page headers dropped) comes back as notes, in Danish, for the
 * review. Bytes in, text out: the caller reads the file, so the CLI, the API upload and the web page share it.
 */

export type MinutesFileFormat = 'pdf' | 'docx' | 'txt';

export interface MinutesFileText {
  text: string;
  format: MinutesFileFormat;
  /** For a text file: 'utf-8', 'utf-16le', 'utf-16be' or 'windows-1252'. */
  encoding?: string;
  notes: string[];
}

/** A file that holds no minutes text the import can read: a .doc, a scanned PDF, a damaged file. */
export class MinutesFileError extends Error {
  override readonly name = 'MinutesFileError';
  constructor(readonly error: ParseError) {
    super(error.message);
  }
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

export async function readMinutesFile(bytes: Uint8Array, fileName: string): Promise<MinutesFileText> {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1].toLowerCase();
  const sniffed = startsWith(bytes, PDF_MAGIC) ? 'pdf' : startsWith(bytes, ZIP_MAGIC) ? 'docx' : startsWith(bytes, OLE_MAGIC) ? 'doc' : 'txt';
  if (sniffed === 'doc' || extension === 'doc') {
    throw unreadable('minutes.unsupported_file', `"${fileName}" er et ældre Word-dokument (.doc). Gem det som .docx eller PDF i Word, og prøv igen.`);
  }
  const notes: string[] = [];
  if (extension !== undefined && ['pdf', 'docx', 'txt'].includes(extension) && extension !== sniffed) {
    notes.push(`Filen hedder .${extension}, men indholdet er ${describe(sniffed)}; den er læst som ${describe(sniffed)}.`);
  }
  if (sniffed === 'pdf') return readPdf(bytes, fileName, notes);
  if (sniffed === 'docx') return readDocx(bytes, fileName, notes);
  return readTxt(bytes, notes);
}

function describe(format: string): string {
  return format === 'pdf' ? 'en PDF' : format === 'docx' ? 'et Word-dokument (.docx)' : 'tekst';
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function unreadable(code: ParseError['code'], message: string): MinutesFileError {
  return new MinutesFileError({ code, message });
}

function readTxt(bytes: Uint8Array, notes: string[]): MinutesFileText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decoded(new TextDecoder('utf-16le').decode(bytes), 'utf-16le', notes, 'Teksten er gemt som UTF-16 og er læst som sådan.');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decoded(new TextDecoder('utf-16be').decode(bytes), 'utf-16be', notes, 'Teksten er gemt som UTF-16 og er læst som sådan.');
  try {
    // The BOM is dropped by the decoder; fatal, so that a Windows file is not turned into U+FFFD in silence.
    return decoded(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8', notes, 'Teksten er læst som UTF-8.');
  } catch {
    return decoded(
      new TextDecoder('windows-1252').decode(bytes),
      'windows-1252',
      notes,
      'Teksten er ikke gyldig UTF-8 og er læst som Windows-1252 (Vesteuropæisk), som Windows gemmer tekst; tjek at æ, ø og å står rigtigt.',
    );
  }
}

function decoded(text: string, encoding: string, notes: string[], note: string): MinutesFileText {
  return { text, format: 'txt', encoding, notes: [...notes, note] };
}

async function readDocx(bytes: Uint8Array, fileName: string, notes: string[]): Promise<MinutesFileText> {
  // Loaded where a Word file comes, not at every start of the API and the worker, which mostly never see one.
  const { extractRawText } = await import('mammoth');
  let value: string;
  try {
    ({ value } = await extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
  } catch (error) {
    throw unreadable('minutes.unreadable_file', `"${fileName}" kunne ikke læses som Word-dokument: ${(error as Error).message}`);
  }
  // mammoth ends every paragraph with a blank line; one line per paragraph is how the text was written.
  const text = value.replace(/\r\n?/g, '\n').replace(/\n\n/g, '\n');
  return { text, format: 'docx', notes: [...notes, 'Teksten er hentet fra et Word-dokument (.docx), ét afsnit pr. linje.'] };
}

const PAGE_NUMBER = /^\s*(?:(?:side|s\.|page)\s*)?\d{1,3}(?:\s*(?:af|\/|of)\s*\d{1,3})?\s*$/i;

async function readPdf(bytes: Uint8Array, fileName: string, notes: string[]): Promise<MinutesFileText> {
  let pages: string[];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    ({ text: pages } = await extractText(pdf, { mergePages: false }));
  } catch (error) {
    throw unreadable('minutes.unreadable_file', `"${fileName}" kunne ikke læses som PDF: ${(error as Error).message}`);
  }
  const pageLines = pages.map((page) => page.replace(/\r\n?/g, '\n').split('\n'));
  if (pageLines.every((lines) => lines.every((l) => l.trim() === ''))) {
    throw unreadable(
      'minutes.unreadable_file',
      `"${fileName}" har ingen tekst, kun billeder (en scannet PDF?). Importen kan ikke læse billeder; brug en PDF med tekst eller et Word-dokument.`,
    );
  }
  const removed = dropRunningLines(pageLines);
  const text = pageLines.map((lines) => lines.join('\n')).join('\n');
  notes.push(`Teksten er hentet fra en PDF med ${pages.length} ${pages.length === 1 ? 'side' : 'sider'}.`);
  if (removed.length > 0) {
    const shown = [...new Set(removed)].slice(0, 3).map((l) => `"${l}"`).join(', ');
    notes.push(`${removed.length} sidehoveder, sidefødder og sidetal er sprunget over (fx ${shown}).`);
  }
  return { text, format: 'pdf', notes };
}

/**
 * From the top and from the foot of each page inwards, while they last: page numbers standing alone, and lines
 * that stand at the top or foot of at least half the pages with only their digits changed (the running header
 * and footer). A line of the minutes themselves that happens to open two pages is shorter than that rule asks.
 */
function dropRunningLines(pageLines: string[][]): string[] {
  const removed: string[] = [];
  const key = (line: string) => line.trim().replace(/\d+/g, '#');
  const counts = new Map<string, number>();
  for (const lines of pageLines) {
    const filled = lines.filter((l) => l.trim() !== '');
    for (const k of new Set([...filled.slice(0, 2), ...filled.slice(-2)].map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const repeatedOn = Math.max(2, Math.ceil(pageLines.length / 2));
  const running = (line: string) =>
    PAGE_NUMBER.test(line) || (pageLines.length > 1 && key(line).length >= 12 && (counts.get(key(line)) ?? 0) >= repeatedOn);
  for (const lines of pageLines) {
    for (const fromTop of [true, false]) {
      for (let taken = 0; taken < 2; taken++) {
        const filled = lines.map((l, i) => (l.trim() === '' ? -1 : i)).filter((i) => i >= 0);
        const edge = fromTop ? filled[0] : filled[filled.length - 1];
        if (edge === undefined || !running(lines[edge])) break;
        removed.push(lines[edge].trim());
        lines.splice(edge, 1);
      }
    }
  }
  return removed;
}
