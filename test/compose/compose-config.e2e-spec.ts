import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
/** Where the docker client has no compose plugin the check is skipped; test/announce-skips.js says so. */
const composeAvailable = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0;

interface Service {
  image?: string;
  build?: unknown;
  pull_policy?: string;
  restart?: string;
  ports?: Array<{ host_ip?: string; published?: string }>;
  healthcheck?: { test: string[] };
  environment?: Record<string, string>;
  volumes?: Array<{ source: string; target: string; read_only?: boolean }>;
}

const config = (file: string, env: Record<string, string> = {}) => {
  // --env-file /dev/null: the project's .env, where there is one, must not make the file pass either.
  const result = spawnSync('docker', ['compose', '--env-file', '/dev/null', '-f', file, 'config', '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    // Only what the test gives, so a .env or a variable of the machine cannot make the file pass.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  return { status: result.status, stderr: result.stderr, services: result.status === 0 ? (JSON.parse(result.stdout).services as Record<string, Service>) : {} };
};

const LONG_RUNNING = ['eventstore', 'redis', 'api', 'worker'];

(composeAvailable ? describe : describe.skip)('docker compose config', () => {
  describe('docker-compose.yml (production: TLS and a password)', () => {
    it('refuses to run without the KurrentDB admin password, and names it', () => {
      const run = config('docker-compose.yml');
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('KURRENTDB_ADMIN_PASSWORD');
    });

    it('passes with the password set, and runs one image built once for the API and the worker', () => {
      const { status, stderr, services } = config('docker-compose.yml', { KURRENTDB_ADMIN_PASSWORD: 'abc123DEF456' });
      expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
      expect(services.api.image).toBe(services.worker.image);
      expect(services.api.build).toBeDefined();
      expect(services.worker.build).toBeUndefined();
      expect(services.worker.pull_policy).toBe('never');
      for (const name of LONG_RUNNING) expect({ name, restart: services[name].restart }).toEqual({ name, restart: 'unless-stopped' });
      expect(services.api.environment?.EVENTSTORE_CONNECTION_STRING).toBe('esdb://admin:abc123DEF456@eventstore:2113?tls=true&tlsCAFile=/certs/ca/ca.crt');
      expect(services.eventstore.environment?.KURRENTDB_INSECURE).toBeUndefined();
      expect(services.eventstore.ports ?? []).toEqual([]);
    });

    it('checks the API and the worker with Node’s fetch, on the data volume and the mounted config', () => {
      const { services } = config('docker-compose.yml', { KURRENTDB_ADMIN_PASSWORD: 'abc123DEF456' });
      expect(services.api.healthcheck?.test.join(' ')).toMatch(/^CMD node -e fetch\('http:\/\/127\.0\.0\.1:3000\/health\/live'\)/);
      expect(services.worker.healthcheck?.test.join(' ')).toMatch(/^CMD node -e fetch\('http:\/\/api:3000\/health\/ready'\)/);
      for (const name of ['api', 'worker']) {
        expect(services[name].environment?.DATA_DIR).toBe('/data');
        expect(services[name].volumes).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ source: 'app-data', target: '/data' }),
            expect.objectContaining({ source: join(root, 'config'), target: '/app/config', read_only: true }),
          ]),
        );
      }
    });
  });

  describe('docker-compose.trial.yml (local trials: no TLS, no password)', () => {
    it('passes as it is, with every published port on this machine only and Mailpit pinned', () => {
      const { status, stderr, services } = config('docker-compose.trial.yml');
      expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
      expect(services.eventstore.environment?.KURRENTDB_INSECURE).toBe('true');
      for (const service of Object.values(services)) for (const port of service.ports ?? []) expect(port.host_ip).toBe('127.0.0.1');
      expect(services.mailpit.image).toMatch(/^axllent\/mailpit:v\d+\.\d+/);
      expect(services.api.image).toBe(services.worker.image);
    });
  });
});
