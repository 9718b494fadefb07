import { InMemoryEventStore, InMemoryLog, RecordedEvent, StreamBatch } from '@app/event-store';
import { ApiUnderTest, startApi } from '../api/api-under-test';

const ITEMS = 6;

/** Minutes of our own, each item decided and forwarded: an import that appends to many streams. */
const minutes = [
  'Referat af møde i Styregruppen',
  'Dato: 8. maj 2026, kl. 10-13',
  '',
  ...Array.from({ length: ITEMS }, (_, index) => [
    `${index + 1}. Status på indsatsområde ${index + 1}`,
    'Beslutning:',
    '• Styregruppen tog orienteringen til efterretning.',
    '• Sagen sendes videre til orientering til K17.',
    '',
  ]).flat(),
].join('\n');

/**
 * On EventStoreDB no transaction spans streams: an import's commit appends its streams one after the other, and
 * one killed midway leaves the first of them. Played here on a log in memory whose appendAll stops after a few
 * streams, as the EventStoreDB adapter's would where its process died.
 */
describe('an import whose commit stopped after some of its streams', () => {
  const apis: ApiUnderTest[] = [];
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(apis.splice(0).map((api) => api.close()));
  });

  const start = async (log: InMemoryLog) => {
    const api = await startApi({ now: '2026-11-25T09:00:00+01:00', log });
    apis.push(api);
    return api;
  };
  const review = async (api: ApiUnderTest): Promise<string> => (await api.http().post('/api/imports').send({ text: minutes }).expect(201)).body.id;
  const importedEvents = async (log: InMemoryLog): Promise<RecordedEvent[]> => {
    const store = new InMemoryEventStore(log);
    const events: RecordedEvent[] = [];
    for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) {
      events.push(...page.filter((event) => event.streamId.includes('styregruppen-2026-05-08')));
    }
    return events;
  };

  it('is completed by committing it again: what was stored counts as already there, and nothing is stored twice', async () => {
    const whole = new InMemoryLog();
    const reference = await start(whole);
    const committed = (await reference.http().post(`/api/imports/${await review(reference)}/commit`).send({}).expect(200)).body;
    const all = await importedEvents(whole);

    const log = new InMemoryLog();
    const api = await start(log);
    const importId = await review(api);
    const streamByStream = jest.spyOn(InMemoryEventStore.prototype, 'appendAll').mockImplementationOnce(async function (this: InMemoryEventStore, batches: StreamBatch[]) {
      for (const { streamId, events, expectedRevision } of batches.slice(0, 3)) await this.append(streamId, events, { expectedRevision });
      throw new Error('The process committing the import died');
    });
    await api.http().post(`/api/imports/${importId}/commit`).send({}).expect(500);
    expect(streamByStream).toHaveBeenCalledTimes(1);
    const stored = await importedEvents(log);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(all.length);

    const again = (await api.http().post(`/api/imports/${importId}/commit`).send({}).expect(200)).body;
    const events = await importedEvents(log);
    expect(events.map(({ streamId, type, data }) => ({ streamId, type, data }))).toEqual(all.map(({ streamId, type, data }) => ({ streamId, type, data })));
    expect(again.appended + again.already).toBe(committed.appended + committed.already);
    expect(again.already).toBeGreaterThan(committed.already);
  });
});
