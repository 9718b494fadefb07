import { loadForums } from '@app/config';
import { parseMinutes, readMinutesFile, type ParseOptions, type ReviewReport } from '@app/minutes-import';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Every layout the import reads, side by side: the examples of 2014 (Word, Windows-1252), 2016 (agenda list with
 * groups), 2019 (PDF) and 2026, and the three real minutes of 2025 where the shared folder holds them. The table
 * printed is what a person checks first: items found, outcomes classified, sentences left for a person.
 */
const ROOT = path.resolve(__dirname, '../..');
const REAL = path.resolve(ROOT, '../shared/minutes');
const shipped: ParseOptions = { forums: loadForums(path.join(ROOT, 'config/forums.json')), timeZone: 'Europe/Copenhagen' };

/** `standing`: the standing items (approval, news, "Evt.", "Næste møde", the status on the focus areas) among the items. */
const corpus: Array<{ file: string; meetingDate?: string; items: number; classified: number; standing: number[] }> = [
  { file: 'examples/referat-styregruppen-2014-11-20.docx', items: 5, classified: 2, standing: [1, 2, 4, 5] },
  { file: 'examples/referat-styregruppen-2014-11-20-windows-1252.txt', items: 5, classified: 2, standing: [1, 2, 4, 5] },
  { file: 'examples/referat-styregruppen-2016-08-18.txt', items: 8, classified: 4, standing: [1, 6, 7, 8] },
  { file: 'examples/referat-styregruppen-2019-03-14.pdf', items: 5, classified: 4, standing: [1, 5] },
  { file: 'examples/referat-styregruppen-2026-03-06.txt', items: 5, classified: 4, standing: [1, 5] },
];
const real = [
  { file: 'styregruppe-2025-05-02-referat.txt', meetingDate: '2025-05-02', items: 6, classified: 5, standing: [1, 2, 4, 5, 6] },
  { file: 'styregruppe-2025-08-08-referat.txt', meetingDate: '2025-08-08', items: 8, classified: 6, standing: [1, 4, 6, 7, 8] },
  { file: 'styregruppe-2025-09-19-referat.txt', items: 9, classified: 7, standing: [1, 2, 6, 7, 8] },
];
const realPresent = real.every((r) => fs.existsSync(path.join(REAL, r.file)));
if (!realPresent) console.warn(`The corpus table leaves out the real minutes of 2025: ${REAL} does not hold them.`);

describe('the corpus of minutes over the years', () => {
  const rows: Array<{ file: string; items: number; standing: number; classified: number; none: number; unclassified: number; warnings: number }> = [];
  const entries = [...corpus.map((c) => ({ ...c, full: path.join(ROOT, c.file) })), ...(realPresent ? real.map((r) => ({ ...r, full: path.join(REAL, r.file) })) : [])];

  afterAll(() => {
    const header = ['fil', 'punkter', 'faste punkter', 'med udfald', 'uden udfald', 'uklassificerede sætninger', 'advarsler'];
    const lines = rows.map((r) => [path.basename(r.file), r.items, r.standing, r.classified, r.none, r.unclassified, r.warnings].join(' | '));
    console.log(['Referater læst:', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l} |`)].join('\n'));
  });

  it.each(entries)('$file: finds every item, marks the standing ones and classifies the outcomes', async ({ file, full, meetingDate, items, classified, standing }) => {
    const read = await readMinutesFile(new Uint8Array(fs.readFileSync(full)), path.basename(full));
    const result = parseMinutes(read.text, { ...shipped, forumId: 'styregruppen', meetingDate, sourceNotes: read.notes });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    const report: ReviewReport = result.report;
    const withOutcome = report.items.filter((i) => i.outcome !== 'none').length;
    const standingItems = report.items.filter((i) => i.standing).map((i) => i.number);
    rows.push({ file, items: report.items.length, standing: standingItems.length, classified: withOutcome, none: report.items.length - withOutcome, unclassified: report.unclassified.length, warnings: report.warnings.length });
    expect(report.items).toHaveLength(items);
    expect(withOutcome).toBe(classified);
    expect(standingItems).toEqual(standing);
    // Every item without an outcome is said to be so in the review, not left to be noticed.
    expect((report.notes ?? []).filter((n) => n.code === 'no-decision')).toHaveLength(items - classified);
  });
});
