// Jest hides the console of a test file whose tests are all skipped, so skipped suites are announced here.
module.exports = async () => {
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    console.log(
      '\nSkipping the EventStoreDB run of the event store contract suite and of the restarts: EVENTSTORE_CONNECTION_STRING is not set ' +
        '(npm run test:eventstoredb runs them against a server of their own in Docker).',
    );
  }
};
