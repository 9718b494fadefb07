import { InMemoryEventStore, InMemoryLog, InMemoryLogOptions } from '@app/event-store';
import { describeEventStoreContract } from '@app/event-store/testing/event-store.contract';

const inMemory = (options: InMemoryLogOptions, eventStoreDbLimits?: { noTransactionAcrossStreams: string; eventIdsCheckedPerStreamOnly: string }) => ({
  ...eventStoreDbLimits,
  // Calls within one process interleave only at their awaits, which is all an in-memory log can race on.
  racingWriters: 'promises' as const,
  multiProcessSkipReason: 'an in-memory log lives in one process; no other process can open it',
  create: async () => {
    const store = new InMemoryEventStore(new InMemoryLog(options));
    return { store, openAnother: async () => store.openAnother(), dispose: () => store.close() };
  },
});

describeEventStoreContract('InMemoryEventStore', inMemory({}));
describeEventStoreContract('InMemoryEventStore with byte offsets for positions, as EventStoreDB hands them out', inMemory({ positions: 'byte-offsets' }));
describeEventStoreContract(
  'InMemoryEventStore atomic within a stream only, as EventStoreDB is',
  inMemory(
    { positions: 'byte-offsets', atomicity: 'stream' },
    {
      noTransactionAcrossStreams: 'this log, as EventStoreDB, appends the batches of appendAll one after the other',
      eventIdsCheckedPerStreamOnly: 'this log, as EventStoreDB, checks event ids within a stream only',
    },
  ),
);

describe('InMemoryLog with byte offsets for positions', () => {
  it('hands out positions with gaps as long as the records between them, so that no position is a count of events', async () => {
    const store = new InMemoryEventStore(new InMemoryLog({ positions: 'byte-offsets' }));
    await store.append('case-1', [{ type: 'CaseNoted', data: { note: 'kort' } }]);
    await store.append('case-1', [{ type: 'CaseNoted', data: { note: 'en noget længere note om sagen' } }, { type: 'CaseClosed', data: {} }]);

    const positions = (await store.readAll()).map((event) => event.position);
    const gaps = positions.slice(1).map((position, index) => position - positions[index]);
    expect(positions[0]).toBeGreaterThan(positions.length);
    expect(new Set(gaps).size).toBe(gaps.length);
    expect(gaps.every((gap) => gap > 1)).toBe(true);
    expect(await store.headPosition()).toBe(positions[positions.length - 1]);
  });
});
