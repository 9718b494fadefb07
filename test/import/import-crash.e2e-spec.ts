import { SqliteEventStore } from '@app/event-store';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildWhereStale } from '../support/built-product';

const root = resolve(__dirname, '../..');
const builtCli = join(root, 'dist/apps/cli/src/main.js');
const ITEMS = 150;

/** Minutes of our own with many items, each decided and forwarded: an import of several hundred steps. */
const minutes = (): string =>
  [
    'Referat af møde i Styregruppen',
    'Dato: 8. maj 2026, kl. 10-13',
    '',
    ...Array.from({ length: ITEMS }, (_, index) => [
      `${index + 1}. Status på indsatsområde ${index + 1}`,
      'Beslutning:',
      '• Styregruppen tog orienteringen til efterretning.',
      '• Sagen sendes videre til orientering til K17.',
      '',
    ]).flat(),
  ].join('\n');

const startImport = (file: string, dataDir: string): { child: ChildProcess; output: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> } => {
  // The built command line itself, not the npm run cli wrapper: SIGKILL must reach the process that commits.
  const child = spawn(process.execPath, [builtCli, 'import', file], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.resume();
  return { child, output: new Promise((done) => child.on('exit', (code, signal) => done({ code, signal, stdout }))) };
};

/** The events the import put into the cases and meetings of those minutes. */
const importedEvents = async (dataDir: string): Promise<number> => {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  try {
    let count = 0;
    for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) {
      count += page.filter((event) => event.streamId.includes('styregruppen-2026-05-08')).length;
    }
    return count;
  } finally {
    await store.close();
  }
};

/**
 * Starts an import and kills it with SIGKILL as soon as the log holds more than its review: the moment the
 * first event of the commit shows. Answers the signal that ended it (null where it ended by itself first).
 */
const killAtFirstImportedEvent = async (file: string, dataDir: string): Promise<NodeJS.Signals | null> => {
  const { child, output } = startImport(file, dataDir);
  const deadline = Date.now() + 60_000;
  let watcher: SqliteEventStore | undefined;
  try {
    while (Date.now() < deadline && child.exitCode === null) {
      watcher ??= existsSync(join(dataDir, 'events.db')) ? new SqliteEventStore({ file: join(dataDir, 'events.db') }) : undefined;
      if (watcher && (await watcher.headPosition()) > 1) {
        child.kill('SIGKILL');
        break;
      }
      await sleep(1);
    }
  } finally {
    await watcher?.close();
  }
  return (await output).signal;
};

/** kill -9 of the process that commits an import, the moment the first of its events shows in the log. */
describe('an import killed while it commits', () => {
  const dirs: string[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-crash-'));
    dirs.push(dir);
    return dir;
  };
  beforeAll(() => buildWhereStale(builtCli), 180_000);
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('leaves all of it or none of it, and an import run again says truly what it appended', async () => {
    const file = join(newDataDir(), 'referat.txt');
    writeFileSync(file, minutes());

    const reference = newDataDir();
    const whole = await startImport(file, reference).output;
    expect(whole.code).toBe(0);
    const all = await importedEvents(reference);
    const [, appendedWhole, alreadyWhole] = (/Importeret: (\d+) kommandoer tilføjede hændelser, (\d+) fandtes allerede/.exec(whole.stdout) ?? []).map(Number);
    expect(all).toBeGreaterThan(2 * ITEMS);

    // The commit is quick: where the process has ended by itself before the kill lands, that was no crash, so try again.
    let dataDir = '';
    let signal: NodeJS.Signals | null = null;
    for (let attempt = 0; attempt < 5 && signal !== 'SIGKILL'; attempt++) {
      dataDir = newDataDir();
      signal = await killAtFirstImportedEvent(file, dataDir);
    }
    expect(signal).toBe('SIGKILL');
    const stored = await importedEvents(dataDir);
    expect([0, all]).toContain(stored);

    const again = await startImport(file, dataDir).output;
    expect(again.code).toBe(0);
    expect(await importedEvents(dataDir)).toBe(all);
    // What the killed run had stored, the run again found there, and says so instead of counting it as appended:
    // as steps the log held already, or, where the killed run also recorded the import, as imported before.
    if (/Referatet er importeret før/.test(again.stdout)) {
      expect(stored).toBe(all);
    } else {
      const [, appended, already] = (/Importeret: (\d+) kommandoer tilføjede hændelser, (\d+) fandtes allerede/.exec(again.stdout) ?? []).map(Number);
      expect({ appended, already }).toEqual(stored === 0 ? { appended: appendedWhole, already: alreadyWhole } : { appended: 0, already: appendedWhole + alreadyWhole });
    }
  }, 120_000);
});
