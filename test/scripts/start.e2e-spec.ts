import { Redis } from 'ioredis';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const builtApi = join(root, 'dist', 'apps', 'api', 'src', 'main.js');

const newestSource = (dir: string): number =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));

/** start.js runs what `npm run build` made; a clean clone has no dist/ yet, and an old one may not match the sources. */
const buildWhereStale = (): void => {
  const built = statSync(builtApi, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built < Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs')))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
};

const listen = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, () => resolve((server.address() as { port: number }).port));
  });

/** `npm start` after its build: the API and the worker as two processes, stopped together. */
describe('npm start (scripts/start.js)', () => {
  let dataDir: string;
  let occupier: Server;
  // The worker it starts finds the Redis of this machine: its keys go under a prefix of this test's own, removed after.
  const redisPrefix = `test-start-${process.pid}`;

  beforeAll(buildWhereStale, 120_000);
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'start-'));
    occupier = createServer();
  });
  afterEach(async () => {
    occupier.close();
    rmSync(dataDir, { recursive: true, force: true });
    const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${redisPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('exits non-zero and says why when the API cannot listen on its port', async () => {
    const port = await listen(occupier);
    const start = spawn(process.execPath, [join(root, 'scripts', 'start.js')], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, REDIS_PREFIX: redisPrefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    start.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await new Promise((resolve) => start.on('exit', (...exit) => resolve(exit)))) as [number | null, NodeJS.Signals | null];

    expect({ code, output }).toEqual({ code: 1, output: expect.stringContaining('EADDRINUSE') });
    expect(output).toMatch(/The API stopped with exit code 1/);
  }, 30_000);
});
