// Jest hides the console of a test file whose tests are all skipped, so skipped suites are announced here.
const { spawnSync } = require('node:child_process');

module.exports = async () => {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status !== 0) {
    console.log('\nSkipping the docker compose config check of docker-compose.yml and docker-compose.trial.yml: `docker compose version` failed (no docker client, or no compose plugin).');
  }
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    console.log(
      '\nSkipping the EventStoreDB run of the event store contract suite and of the restarts: EVENTSTORE_CONNECTION_STRING is not set ' +
        '(npm run test:eventstoredb runs them against a server of their own in Docker).',
    );
  }
};
