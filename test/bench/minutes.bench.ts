/**
 * Parses the three real minutes of 2025 together, as the import of a season would, against the target
 * of 100 ms for the three. Run: node -r @swc-node/register test/bench/minutes.bench.ts [rounds]
 * Exits 1 when the median misses the target; prints the first (cold) round separately, since it pays for JIT.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadForums } from '../../libs/config/src';
import { parseMinutes, type ParseOptions } from '../../libs/minutes-import/src';

const TARGET_MS = 100;
const WARMUP_ROUNDS = 30;
const MINUTES_DIR = path.resolve(__dirname, '../../../shared/minutes');
const FORUMS_FILE = path.resolve(__dirname, '../../config/forums.json');
const FILES: Array<[string, Pick<ParseOptions, 'forumId' | 'meetingDate'>]> = [
  ['styregruppe-2025-05-02-referat.txt', { forumId: 'styregruppen', meetingDate: '2025-05-02' }],
  ['styregruppe-2025-08-08-referat.txt', { forumId: 'styregruppen', meetingDate: '2025-08-08' }],
  ['styregruppe-2025-09-19-referat.txt', { forumId: 'styregruppen' }],
];

function main(): void {
  const rounds = Number(process.argv[2] ?? 500);
  const missing = FILES.filter(([f]) => !fs.existsSync(path.join(MINUTES_DIR, f)));
  if (missing.length > 0) {
    console.log(`minutes bench skipped: ${MINUTES_DIR} lacks ${missing.map(([f]) => f).join(', ')}`);
    return;
  }
  const forums = loadForums(FORUMS_FILE);
  const texts = FILES.map(([f, options]) => ({
    text: fs.readFileSync(path.join(MINUTES_DIR, f), 'utf8'),
    options: { ...options, forums, timeZone: 'Europe/Copenhagen' },
  }));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t.text), 0);

  const cold = timeRound(texts);
  for (let i = 0; i < WARMUP_ROUNDS; i++) timeRound(texts);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push(timeRound(texts));
  times.sort((a, b) => a - b);

  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const median = at(0.5);
  console.log(`minutes parser: 3 files, ${(bytes / 1024).toFixed(0)} KB, ${rounds} rounds after ${WARMUP_ROUNDS} warm-up`);
  console.log(`  cold first round  ${cold.toFixed(2)} ms`);
  console.log(`  median            ${median.toFixed(2)} ms`);
  console.log(`  p99               ${at(0.99).toFixed(2)} ms`);
  console.log(`  min / max         ${times[0].toFixed(2)} / ${times[times.length - 1].toFixed(2)} ms`);
  const ok = median < TARGET_MS;
  console.log(`  target            < ${TARGET_MS} ms for the three together: ${ok ? 'met' : 'MISSED'}`);
  if (!ok) process.exitCode = 1;
}

/** One round: the three files in order, each linked to the ones before, as an import of the season does. */
function timeRound(texts: Array<{ text: string; options: ParseOptions }>): number {
  const earlier: NonNullable<ParseOptions['earlierMeetings']> = [];
  const start = performance.now();
  for (const { text, options } of texts) {
    const result = parseMinutes(text, { ...options, earlierMeetings: earlier });
    if (!result.ok) throw new Error(`the bench input no longer parses: ${result.error.message}`);
    earlier.push({ date: result.report.meeting.date, items: result.report.items });
  }
  return performance.now() - start;
}

main();
