import { InMemoryEventStore } from '@app/event-store';
import { describeEventStoreContract } from '@app/event-store/testing/event-store.contract';

describeEventStoreContract('InMemoryEventStore', {
  // Calls within one process interleave only at their awaits, which is all an in-memory log can race on.
  racingWriters: 'promises',
  multiProcessSkipReason: 'an in-memory log lives in one process; no other process can open it',
  create: async () => {
    const store = new InMemoryEventStore();
    return { store, openAnother: async () => store.openAnother(), dispose: () => store.close() };
  },
});
