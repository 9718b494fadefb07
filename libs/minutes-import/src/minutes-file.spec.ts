import { loadForums } from '@app/config';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MinutesFileError, readMinutesFile } from './minutes-file';
import { parseMinutes } from './minutes-parser';
import type { ParseOptions, ReviewReport } from './review-report';

/**
 * The example minutes as the archive keeps them: a PDF with running headers, page numbers and words hyphenated
 * across lines, a Word file, and a text saved on Windows. They are made by scripts/make-example-files.js from
 * the texts in examples/sources, so each file can be compared with what it was made from.
 */
const EXAMPLES = path.join(__dirname, '../../../examples');
const shipped: ParseOptions = { forums: loadForums(path.join(__dirname, '../../../config/forums.json')), timeZone: 'Europe/Copenhagen' };
const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(EXAMPLES, name)));
const source = (name: string) => fs.readFileSync(path.join(EXAMPLES, 'sources', name), 'utf8');

async function readAndParse(name: string): Promise<{ report: ReviewReport; text: string; notes: string[] }> {
  const file = await readMinutesFile(bytes(name), name);
  const result = parseMinutes(file.text, { ...shipped, sourceNotes: file.notes });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return { report: result.report, text: file.text, notes: file.notes };
}

const outcomes = (r: ReviewReport) => r.items.map((i) => [i.number, i.title, i.outcome]);

describe('readMinutesFile', () => {
  describe('a PDF export (2019)', () => {
    it('reads the same items and outcomes as the text it was made from', async () => {
      const { report } = await readAndParse('referat-styregruppen-2019-03-14.pdf');
      const fromSource = parseMinutes(source('referat-styregruppen-2019-03-14.txt'), shipped);
      if (!fromSource.ok) throw new Error(fromSource.error.message);
      expect(outcomes(report)).toEqual(outcomes(fromSource.report));
      expect(outcomes(report)).toEqual([
        [1, 'Godkendelse af dagsorden', 'approved'],
        [2, 'Styringsaftale 2020 – tidsplan og proces', 'approved'],
        [3, 'Kapacitet på de sikrede institutioner', 'decided'],
        [4, 'Orientering om den centrale udmelding for borgere med svære spiseforstyrrelser', 'noted'],
        [5, 'Evt.', 'none'],
      ]);
      expect(report.items[1].forwardedTo).toEqual([expect.objectContaining({ forumId: 'k17', purpose: 'information' })]);
    });

    it('drops the running header and the page numbers, and says so', async () => {
      const { text, notes } = await readAndParse('referat-styregruppen-2019-03-14.pdf');
      expect(text).not.toContain('Side 1 af 2');
      expect(text).not.toContain('referat af styregruppemøde 14. marts 2019');
      expect(notes).toEqual([
        'Teksten er hentet fra en PDF med 2 sider.',
        expect.stringMatching(/^4 sidehoveder, sidefødder og sidetal er sprunget over \(fx "Rammeaftale Sjælland – referat af styregruppemøde 14\. marts 2019", "Side 1 af 2"/),
      ]);
    });

    it('joins words hyphenated across lines and the link cut in two, and lists them in the review', async () => {
      const { report } = await readAndParse('referat-styregruppen-2019-03-14.pdf');
      expect(report.items[1].attachments).toEqual([
        expect.objectContaining({ url: 'https://www.rammeaftalesjaelland.dk/styringsaftale/tidsplan-og-proces-for-styringsaftale-2020.pdf' }),
      ]);
      const codes = (report.notes ?? []).map((n) => n.code);
      expect(codes).toEqual(expect.arrayContaining(['source', 'words-joined', 'links-joined', 'agenda-list']));
      expect(report.notes?.find((n) => n.code === 'words-joined')?.message).toContain('"spiseforstyrre- lser"');
    });
  });

  describe('a Word file (2014)', () => {
    it('reads the items of the agenda, "Ad 1." headings and all, with their outcomes', async () => {
      const { report, notes } = await readAndParse('referat-styregruppen-2014-11-20.docx');
      expect(notes).toEqual(['Teksten er hentet fra et Word-dokument (.docx), ét afsnit pr. linje.']);
      expect(outcomes(report)).toEqual([
        [1, 'Godkendelse af referat fra mødet 4. september', 'approved'],
        [2, 'Status på udviklingsstrategien', 'none'],
        [3, 'Den nye økonomimodel for de specialiserede tilbud', 'approved'],
        [4, 'Nyt fra K17 og KKR', 'none'],
        [5, 'Evt.', 'none'],
      ]);
    });

    it('says that the hand-over to a network group is not to a forum, rather than guessing one', async () => {
      const { report } = await readAndParse('referat-styregruppen-2014-11-20.docx');
      expect(report.items[2].forwardedTo).toEqual([expect.objectContaining({ forumId: 'direktoer-og-chefforum', purpose: 'information' })]);
      expect(report.unclassified).toEqual([
        expect.objectContaining({ itemNumber: 3, text: expect.stringContaining('netværksgruppen'), reason: 'sendes videre, men ikke til et kendt forum' }),
      ]);
    });
  });

  describe('a text file', () => {
    it('reads Windows-1252 with æøå intact, and says which encoding it used', async () => {
      const file = await readMinutesFile(bytes('referat-styregruppen-2014-11-20-windows-1252.txt'), 'referat.txt');
      expect(file).toMatchObject({ format: 'txt', encoding: 'windows-1252' });
      expect(file.text).toBe(source('referat-styregruppen-2014-11-20.txt'));
      expect(file.text).not.toContain('\ufffd');
      expect(file.notes[0]).toContain('Windows-1252');
    });

    it('reads UTF-8, with or without a byte order mark', async () => {
      const text = source('referat-styregruppen-2014-11-20.txt');
      const plain = await readMinutesFile(new TextEncoder().encode(text), 'referat.txt');
      const bom = await readMinutesFile(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), 'referat.txt');
      expect(plain).toMatchObject({ text, format: 'txt', encoding: 'utf-8' });
      expect(bom.text).toBe(text);
    });
  });

  it('goes by the bytes where the name says otherwise, and says so', async () => {
    const file = await readMinutesFile(bytes('referat-styregruppen-2014-11-20.docx'), 'referat.txt');
    expect(file.format).toBe('docx');
    expect(file.notes[0]).toBe('Filen hedder .txt, men indholdet er et Word-dokument (.docx); den er læst som et Word-dokument (.docx).');
  });

  it('refuses an old .doc and a damaged PDF with a Danish reason', async () => {
    const doc = await readMinutesFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'referat.doc').catch((e: unknown) => e);
    expect(doc).toBeInstanceOf(MinutesFileError);
    expect((doc as MinutesFileError).error).toEqual({ code: 'minutes.unsupported_file', message: expect.stringContaining('Gem det som .docx eller PDF') });
    const damaged = await readMinutesFile(new TextEncoder().encode('%PDF-1.4 nothing more'), 'referat.pdf').catch((e: unknown) => e);
    expect(damaged).toBeInstanceOf(MinutesFileError);
    expect((damaged as MinutesFileError).error.code).toBe('minutes.unreadable_file');
  });
});
