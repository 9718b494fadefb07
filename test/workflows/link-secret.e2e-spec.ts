import { linkSecretOf } from '@app/workflows';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(__dirname, '../..');

/** The secret links are signed with, where LINK_SECRET is unset: made once in DATA_DIR, for the API and the worker alike. */
describe('the link secret', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'link-secret-')), 'data');
  });
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('is made once in DATA_DIR/link-secret, readable by its owner alone, and kept', () => {
    const first = linkSecretOf({ dataDir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'link-secret'), 'utf8')).toBe(first);
    expect(statSync(join(dataDir, 'link-secret')).mode & 0o777).toBe(0o600);
    expect(linkSecretOf({ dataDir })).toBe(first);
  });

  it('is the same for processes that start at once, as the API and the worker do', async () => {
    const script = `const { linkSecretOf } = require('./libs/workflows/src/reminders/link-secret'); process.stdout.write(linkSecretOf({ dataDir: ${JSON.stringify(dataDir)} }));`;
    const started = Array.from({ length: 4 }, () => promisify(execFile)(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: root }));
    const secrets = (await Promise.all(started)).map(({ stdout }) => stdout);
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toBe(readFileSync(join(dataDir, 'link-secret'), 'utf8'));
  });

  it('is LINK_SECRET where that is set, and then nothing is written', () => {
    expect(linkSecretOf({ dataDir, linkSecret: 'a-secret-of-at-least-thirty-two-characters' })).toBe('a-secret-of-at-least-thirty-two-characters');
    expect(() => statSync(join(dataDir, 'link-secret'))).toThrow();
  });

  it('refuses a damaged secret file, saying how to mend it', () => {
    linkSecretOf({ dataDir });
    writeFileSync(join(dataDir, 'link-secret'), 'short');
    expect(() => linkSecretOf({ dataDir })).toThrow(/link-secret holds no link secret[\s\S]*delete the file[\s\S]*LINK_SECRET/);
  });
});
