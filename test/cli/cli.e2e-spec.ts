import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi } from '../api/api-under-test';
import { buildWhereStale } from '../support/built-product';

const root = join(__dirname, '..', '..');
const fixture = join(root, 'libs/minutes-import/src/fixtures/meetings.txt');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- ...` as a user runs it, from a folder of its own rather than the project's. */
const cli = (args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Run => {
  const result = spawnSync(process.execPath, [join(root, 'scripts/cli.js'), ...args], {
    cwd: options.cwd ?? tmpdir(),
    env: { ...process.env, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

const COMMANDS = [[], ['import'], ['rebuild-read-models'], ['users'], ...['list', 'create', 'grant', 'set-password', 'disable', 'token'].map((sub) => ['users', sub])];

describe('the command line (npm run cli)', () => {
  let dataDir: string;
  const env = () => ({ DATA_DIR: dataDir });

  beforeAll(() => buildWhereStale(join(root, 'dist/apps/cli/src/main.js')), 180_000);
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each(COMMANDS.map((command) => [command.join(' ') || '(root)', command]))('prints help for %s with its exit codes, and exits 0', (_name, command) => {
    const run = cli([...command, '--help']);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`Usage: npm run cli -- ${command.join(' ')}`.trimEnd());
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 /);
  });

  it('refuses an unknown option with exit code 2 and says which', () => {
    const run = cli(['import', fixture, '--bogus']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
  });

  it('refuses an unknown command and a missing argument with exit code 2', () => {
    expect(cli(['nothing'])).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown command 'nothing'") });
    expect(cli(['users', 'create', 'a@example.dk', '--role', 'member'])).toMatchObject({ status: 2, stderr: expect.stringContaining("'--name <navn>' not specified") });
    expect(cli(['users', 'create', 'a@example.dk', '--name', 'A', '--role', 'boss'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--role skal være secretariat, chair, member') });
  });

  it('stops with exit code 3 and a line per bad variable when the configuration is invalid', () => {
    const run = cli(['users', 'list'], { env: { ...env(), PORT: 'abc', TOKEN_TTL_HOURS: '0' } });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('PORT must be a whole number between 1 and 65535, got "abc"');
    expect(run.stderr).toContain('TOKEN_TTL_HOURS must be a whole number between 1 and 8760, got "0"');
  });

  it('imports minutes from another folder, once, and the API then shows what they hold to an account made on the command line', async () => {
    const imported = cli(['import', fixture], { env: env() });
    expect(imported.stdout).toMatch(/Importeret: \d+ kommandoer tilføjede hændelser/);
    expect(imported.status).toBe(0);
    expect(cli(['import', fixture], { env: env() })).toMatchObject({ status: 0, stdout: expect.stringContaining('Referatet er importeret før') });

    const password = 'sekretariatets-eget-kodeord';
    const created = cli(['users', 'create', 'Sekretariat@Example.dk', '--name', 'Sekretariatet', '--role', 'secretariat', '--password-stdin'], { env: env(), input: `${password}\n` });
    expect(created).toMatchObject({ status: 0, stdout: expect.stringContaining('Kontoen sekretariat@example.dk er oprettet') });
    expect(cli(['users', 'list'], { env: env() }).stdout).toContain('sekretariat@example.dk\tsecretariat\t-\tåben\tSekretariatet');
    const token = cli(['users', 'token', 'sekretariat@example.dk', '--hours', '1'], { env: env() });
    expect(token.status).toBe(0);

    const api = await startApi({ dataDir, asSecretariat: false, now: '2025-10-01T09:00:00+02:00' });
    try {
      const signedIn = await api.signIn('sekretariat@example.dk', password);
      const meetings = await api.http().get('/api/meetings?forumId=styregruppen').set('Authorization', `Bearer ${signedIn}`).expect(200);
      expect(meetings.body.items.map((meeting: { id: string }) => meeting.id)).toContain('styregruppen-2025-09-26');
      await api.http().get('/api/cases/styregruppen-2025-09-26-punkt-1').set('Authorization', `Bearer ${token.stdout.trim()}`).expect(200);
    } finally {
      await api.close({ keepData: true });
    }
  });

  it('refuses a token for an account that is unknown or disabled, with exit code 1', () => {
    expect(cli(['users', 'token', 'ingen@example.dk'], { env: env() })).toMatchObject({ status: 1, stderr: expect.stringContaining('findes ikke') });
    expect(cli(['users', 'create', 'medlem@example.dk', '--name', 'Medlem', '--role', 'member'], { env: env() })).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('Afvist (account.no_forum)'),
    });
    expect(cli(['users', 'create', 'medlem@example.dk', '--name', 'Medlem', '--role', 'member', '--forum', 'styregruppen'], { env: env() })).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/Adgangskode: \S{12,}/),
    });
    expect(cli(['users', 'disable', 'medlem@example.dk'], { env: env() }).status).toBe(0);
    expect(cli(['users', 'token', 'medlem@example.dk'], { env: env() })).toMatchObject({ status: 1, stderr: expect.stringContaining('lukket') });
    expect(cli(['users', 'grant', 'ingen@example.dk', '--role', 'chair'], { env: env() })).toMatchObject({ status: 1 });
  });

  it('rebuilds the read models’ snapshot from the log', () => {
    cli(['import', fixture], { env: env() });
    const run = cli(['rebuild-read-models'], { env: env() });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Visningerne er bygget af \d+ hændelser .* og gemt i .*read-models\.json/);
  });
});
