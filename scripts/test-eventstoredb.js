#!/usr/bin/env node
// `npm run test:eventstoredb`: the event store contract suite and the end-to-end tests that take a server, against
// the trial compose file's eventstore service (no TLS) alone, started for the run and removed after it. It runs as a compose
// project of its own, with its own volume and port, so a server started with `docker compose up` is left alone.
// Where no Docker engine answers, it says so and exits 0: the run is skipped, not failed.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const PROJECT = 'decision-follow-up-eventstoredb-test';
const PORT = process.env.EVENTSTORE_TEST_PORT || '21130';
const CONNECTION_STRING = `esdb://localhost:${PORT}?tls=false`;
/** The domain's tests first, on a log of their own: the contract suite writes event types the projections know. */
const RUNS = [['test/workflows/restarts.e2e-spec.ts'], ['test/event-store/eventstoredb-event-store.e2e-spec.ts']];

const run = (command, args, env = {}) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
const compose = (...args) => run('docker', ['compose', '-f', 'docker-compose.trial.yml', '-p', PROJECT, ...args], { EVENTSTORE_PORT: PORT });

if (spawnSync('docker', ['info'], { stdio: 'ignore' }).status !== 0) {
  console.log(
    'No Docker engine answers (`docker info` failed): the EventStoreDB test run is skipped.\n' +
      'Start Docker and run it again, or point EVENTSTORE_CONNECTION_STRING at a server of your own and run `npx jest test/event-store test/workflows/restarts.e2e-spec.ts`.',
  );
  process.exit(0);
}

// Ctrl-C reaches the tests as well and ends them; this process lives on to remove the server.
process.on('SIGINT', () => undefined);

console.log(`Starting KurrentDB (the eventstore service of docker-compose.trial.yml) on port ${PORT}, and waiting until it is healthy`);
// --wait returns once the service's health check passes, and fails where it never does.
if (compose('up', '-d', '--wait', 'eventstore').status !== 0) {
  compose('down', '--volumes');
  console.error(`The eventstore service did not become healthy: see 'docker compose -f docker-compose.trial.yml -p ${PROJECT} logs eventstore'`);
  process.exit(1);
}
let failed = false;
for (const files of RUNS) {
  const jest = run(process.execPath, [require.resolve('jest/bin/jest'), '--runInBand', ...files], { EVENTSTORE_CONNECTION_STRING: CONNECTION_STRING });
  failed ||= jest.status !== 0;
}
compose('down', '--volumes');
process.exit(failed ? 1 : 0);
