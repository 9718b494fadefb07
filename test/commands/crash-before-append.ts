import { EventStore } from '@app/event-store';

/**
 * The process dying after a command took its idempotency key and before it appended to the case: the first
 * append to a case stream fails, every later one goes through.
 */
export const crashBeforeTheCaseIsAppended = (store: EventStore): void => {
  const append = store.append.bind(store);
  let crashed = false;
  jest.spyOn(store, 'append').mockImplementation(async (streamId, events, options) => {
    if (!crashed && streamId.startsWith('case-')) {
      crashed = true;
      throw new Error('The process died before the command appended its events');
    }
    return append(streamId, events, options);
  });
};
