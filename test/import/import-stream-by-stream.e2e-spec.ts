import { InMemoryEventStore, InMemoryLog, NewEvent, RecordedEvent } from '@app/event-store';
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

/** The meeting's and the cases' streams, where the import's steps append. */
const IMPORTED_STREAM = /^(case|meeting|follow-up)-.*styregruppen-2026-05-08/;

/**
 * On EventStoreDB no transaction spans streams: an import's commit appends its streams one after the other, and
 * a process killed midway leaves the first of them. Played here on an in-memory log that is atomic within a
 * stream only, as EventStoreDB is, whose appends stop after a few of the import's streams, as where the
 * committing process died; the API is then started again on the same log.
 */
describe('an import whose commit stopped after some of its streams, on a store atomic within a stream only', () => {
  const apis: ApiUnderTest[] = [];
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(apis.splice(0).map((api) => api.close()));
  });

  const newLog = () => new InMemoryLog({ positions: 'byte-offsets', atomicity: 'stream' });
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
      events.push(...page.filter((event) => IMPORTED_STREAM.test(event.streamId)));
    }
    return events;
  };
  const shapeOf = (events: RecordedEvent[]) => events.map(({ streamId, type, data, metadata }) => ({ streamId, type, data, userId: metadata.userId }));

  /** Commits the import on a fresh log, appending only the first `streams` of its streams before the process "dies". */
  const commitCutShort = async (streams: number): Promise<{ log: InMemoryLog; api: ApiUnderTest; importId: string }> => {
    const log = newLog();
    const api = await start(log);
    const importId = await review(api);
    const append = InMemoryEventStore.prototype.append;
    let appended = 0;
    jest.spyOn(InMemoryEventStore.prototype, 'append').mockImplementation(async function (this: InMemoryEventStore, streamId: string, events: NewEvent[], options) {
      // The import stages its plan on an in-memory copy of its own first: only the appends to this log count.
      if (this.atomicity === 'stream' && IMPORTED_STREAM.test(streamId) && ++appended > streams) throw new Error('The process committing the import died');
      return append.call(this, streamId, events, options);
    });
    await api.http().post(`/api/imports/${importId}/commit`).send({}).expect(500);
    jest.restoreAllMocks();
    const stored = await importedEvents(log);
    expect(stored.length).toBeGreaterThan(0);
    return { log, api, importId };
  };

  let reference: { report: { appended: number; already: number; steps: number }; events: RecordedEvent[] };
  beforeAll(async () => {
    const log = newLog();
    const api = await startApi({ now: '2026-11-25T09:00:00+01:00', log });
    try {
      const importId = (await api.http().post('/api/imports').send({ text: minutes }).expect(201)).body.id;
      const { appended, already, steps } = (await api.http().post(`/api/imports/${importId}/commit`).send({}).expect(200)).body;
      reference = { report: { appended, already, steps: steps.length }, events: await importedEvents(log) };
    } finally {
      await api.close();
    }
  });

  it('is finished when the API starts again, from the plan it recorded, and its report says what this import appended', async () => {
    const { log, api, importId } = await commitCutShort(3);
    expect((await importedEvents(log)).length).toBeLessThan(reference.events.length);
    await api.close();
    apis.splice(apis.indexOf(api), 1);

    const restarted = await start(log);
    const { committed } = (await restarted.http().get(`/api/imports/${importId}`).expect(200)).body;
    expect(committed).toMatchObject({ appended: reference.report.appended, already: reference.report.already, steps: reference.report.steps });
    expect(shapeOf(await importedEvents(log))).toEqual(shapeOf(reference.events));
    await restarted.http().post(`/api/imports/${importId}/commit`).send({}).expect(409);
    // Recorded as imported by the account that committed it, not by the start that finished it.
    const record = await new InMemoryEventStore(log).readStream(`import-${importId}`);
    const by = Object.fromEntries(record.map((event) => [event.type, event.metadata.userId]));
    expect(by.MinutesImported).toBeDefined();
    expect(by.MinutesImported).toBe(by.MinutesImportStarted);
  });

  it('is finished by committing it again, with the same true report, and nothing is stored twice', async () => {
    const { log, api, importId } = await commitCutShort(4);
    const again = (await api.http().post(`/api/imports/${importId}/commit`).send({}).expect(200)).body;
    expect({ appended: again.appended, already: again.already }).toEqual({ appended: reference.report.appended, already: reference.report.already });
    expect(shapeOf(await importedEvents(log))).toEqual(shapeOf(reference.events));
  });

  it('where another writer moved one of its streams after the plan was made, stages the rest again; what it stored counts as its own', async () => {
    const { log, api, importId } = await commitCutShort(3);
    const store = new InMemoryEventStore(log);
    const [scheduled] = await store.readStream('meeting-styregruppen-2026-05-08');
    const { meetingId, forumId, startsAt, endsAt } = scheduled.data as { meetingId: string; forumId: string; startsAt: string; endsAt?: string };
    await store.append('meeting-styregruppen-2026-05-08', [{ type: 'MeetingRescheduled', data: { meetingId, forumId, startsAt, endsAt, previousStartsAt: startsAt, rescheduledAt: '2026-11-25T09:01:00+01:00' } }], {
      expectedRevision: 0,
    });

    const again = (await api.http().post(`/api/imports/${importId}/commit`).send({}).expect(200)).body;
    expect({ appended: again.appended, already: again.already }).toEqual({ appended: reference.report.appended, already: reference.report.already });
    const imported = (await importedEvents(log)).filter((event) => event.type !== 'MeetingRescheduled');
    expect(shapeOf(imported)).toEqual(shapeOf(reference.events));
  });

  it('imported again as a new import before it was finished, splits the steps truly between the two', async () => {
    const { log, api, importId: first } = await commitCutShort(3);
    const second = (await api.http().post(`/api/imports/${await review(api)}/commit`).send({}).expect(200)).body;
    await api.close();
    apis.splice(apis.indexOf(api), 1);

    const restarted = await start(log);
    const { committed } = (await restarted.http().get(`/api/imports/${first}`).expect(200)).body;
    expect(committed.appended).toBeGreaterThan(0);
    expect(second.appended).toBeGreaterThan(0);
    expect(committed.appended + second.appended).toBe(reference.report.appended);
    expect(committed.appended + committed.already).toBe(reference.report.appended + reference.report.already);
    expect(shapeOf(await importedEvents(log))).toEqual(shapeOf(reference.events));
  });
});
