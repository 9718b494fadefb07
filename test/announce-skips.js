// Jest hides the console of a test file whose tests are all skipped, so skipped suites are announced here.
module.exports = async () => {
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    console.log(
      '\nSkipping the EventStoreDB run of the event store contract suite: EVENTSTORE_CONNECTION_STRING is not set ' +
        '(e.g. docker compose up eventstore, then EVENTSTORE_CONNECTION_STRING="esdb://localhost:2113?tls=false" npm test).',
    );
  }
};
