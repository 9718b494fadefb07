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

  it('logs JSON lines when its output goes to a file or a pipe, one per request with the request id', async () => {
    const port = await listen(occupier);
    await new Promise((resolve) => occupier.close(resolve));
    const start = spawn(process.execPath, [join(root, 'scripts', 'start.js')], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, REDIS_PREFIX: redisPrefix, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let partial = '';
    start.stdout.on('data', (chunk: Buffer) => {
      const [last, ...complete] = (partial + chunk.toString()).split('\n').reverse();
      partial = last;
      lines.push(...complete.reverse());
    });
    const seen = async (test: (line: string) => boolean): Promise<string> => {
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
        const line = lines.find(test);
        if (line !== undefined) return line;
      }
      throw new Error(`not logged; the log so far:\n${lines.join('\n')}`);
    };
    try {
      await seen((line) => line.includes('API on http://'));
      const answer = await fetch(`http://127.0.0.1:${port}/health/live`, { headers: { 'X-Request-Id': 'fra-driften-1' } });
      expect(answer.headers.get('x-request-id')).toBe('fra-driften-1');
      const requestLine = JSON.parse(await seen((line) => line.includes('fra-driften-1')));
      expect(requestLine).toMatchObject({ level: 30, req: { id: 'fra-driften-1', method: 'GET', url: '/health/live' }, res: { statusCode: 200 } });
      const started = lines.filter((line) => line.startsWith('{'));
      expect(started.length).toBeGreaterThan(0);
      // Every line the API and the worker write is JSON; only start.js's own notes are text.
      for (const line of lines.filter((each) => !each.startsWith('No Redis answers'))) expect(() => JSON.parse(line)).not.toThrow();
      expect(lines.join('\n')).not.toContain('\u001b[');
    } finally {
      start.kill('SIGTERM');
      await new Promise((resolve) => start.on('exit', resolve));
    }
  }, 60_000);

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
