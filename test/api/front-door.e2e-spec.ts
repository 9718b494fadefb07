import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configuredPort, FrontDoor } from '../../apps/api/src/front-door';

/** The API's port as it is before the application has loaded: open at once, honest about starting. */
describe('the front door of a starting API', () => {
  let door: FrontDoor;
  const url = (path: string): string => `http://127.0.0.1:${(door.server.address() as AddressInfo).port}${path}`;

  beforeEach(async () => {
    door = await FrontDoor.open(0, '127.0.0.1');
  });
  afterEach(async () => {
    door.server.closeAllConnections();
    await new Promise((resolve) => door.server.close(resolve));
  });

  it('says the process is alive to a liveness probe, and asks every API client to come back in a second', async () => {
    const live = await fetch(url('/health/live'));
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok' });

    for (const path of ['/health/ready', '/health', '/api/cases', '/api/follow-ups?status=overdue', '/admin/queues']) {
      const answer = await fetch(url(path), { method: path === '/api/cases' ? 'POST' : 'GET', body: path === '/api/cases' ? '{"title":"x"}' : undefined });
      expect({ path, status: answer.status, retryAfter: answer.headers.get('retry-after'), cache: answer.headers.get('cache-control') }).toEqual({ path, status: 503, retryAfter: '1', cache: 'no-store' });
      expect(await answer.json()).toEqual({ statusCode: 503, code: 'api.starting', message: 'API’et starter og svarer om et øjeblik.' });
    }
  });

  it('shows people a page in Danish that reloads itself', async () => {
    const page = await fetch(url('/oversigt'));
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('refresh')).toBe('1');
    expect(await page.text()).toContain('Systemet starter og er klar om et øjeblik.');
  });

  it('hands every request to the application once it is handed over, on the same port', async () => {
    const server = door.serverFactory((_request, response) => void response.writeHead(200, { 'Content-Type': 'text/plain' }).end('app'));
    expect(server).toBe(door.server);
    expect((await fetch(url('/api/cases'))).status).toBe(503);

    door.handOver();

    const answer = await fetch(url('/api/cases'));
    expect({ status: answer.status, body: await answer.text() }).toEqual({ status: 200, body: 'app' });
  });

  it('refuses to open a port that is taken, naming the reason', async () => {
    const port = (door.server.address() as AddressInfo).port;
    await expect(FrontDoor.open(port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('the port the front door opens, read before the configuration loads', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'front-door-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is 3000 where nothing sets it, the .env file\'s PORT where only it does, and the process\'s PORT over both', () => {
    expect(configuredPort({}, root)).toBe(3000);
    writeFileSync(join(root, '.env'), '# the port\nPORT=8123\nDATA_DIR=./data\n');
    expect(configuredPort({}, root)).toBe(8123);
    expect(configuredPort({ PORT: '8124' }, root)).toBe(8124);
  });

  it('is none where PORT is no port, so the configuration check refuses it with its own message', () => {
    for (const value of ['', 'abc', '80.5', '0x1F90', '0', '65536', '-1']) expect({ value, port: configuredPort({ PORT: value }, root) }).toEqual({ value, port: undefined });
  });
});
