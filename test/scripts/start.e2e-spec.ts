import { Redis } from 'ioredis';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWhereStale } from '../support/built-product';

const root = join(__dirname, '..', '..');
const builtApi = join(root, 'dist', 'apps', 'api', 'src', 'main.js');

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

  beforeAll(() => buildWhereStale(builtApi), 120_000);
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
