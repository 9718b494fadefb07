import { InMemoryEventStore, InMemoryLog } from '@app/event-store';
import { ApiUnderTest, startApi } from './api-under-test';

/**
 * The API on a log that checks event ids within a stream only and has no transaction across streams, as
 * EventStoreDB: an Idempotency-Key is still one request, wherever it is sent.
 */
describe('Idempotency-Key on a store atomic within a stream only', () => {
  let api: ApiUnderTest;
  let log: InMemoryLog;
  const http = () => api.http();
  const domainEvents = async () => (await new InMemoryEventStore(log).readAll()).filter((event) => /^(case|meeting)-/.test(event.streamId)).length;
  const proposeCase = async (): Promise<string> => (await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }).expect(201)).body.id;

  beforeEach(async () => {
    log = new InMemoryLog({ positions: 'byte-offsets', atomicity: 'stream' });
    api = await startApi({ now: '2025-04-20T09:00:00+02:00', log });
  });
  afterEach(() => api.close());

  it('refuses a key reused on another case with 422, appending nothing, and answers a retry with the first result', async () => {
    const [first, second] = [await proposeCase(), await proposeCase()];
    const withdrawn = (await http().post(`/api/cases/${first}/withdraw`).set('Idempotency-Key', 'withdraw-1').send({}).expect(200)).body;
    const before = await domainEvents();
    const reused = await http().post(`/api/cases/${second}/withdraw`).set('Idempotency-Key', 'withdraw-1').send({}).expect(422);
    expect(reused.body.code).toBe('idempotency.key_reused');
    expect(await domainEvents()).toBe(before);
    expect((await http().get(`/api/cases/${second}`).expect(200)).body.status).toBe('open');
    expect((await http().post(`/api/cases/${first}/withdraw`).set('Idempotency-Key', 'withdraw-1').send({}).expect(200)).body).toEqual(withdrawn);
  });

  it('refuses a key reused on another endpoint with 422, appending nothing', async () => {
    await http().post('/api/cases').set('Idempotency-Key', 'endpoint-1').send({ forumId: 'styregruppen', title: 'A', kind: 'decision' }).expect(201);
    const before = await domainEvents();
    const reused = await http().post('/api/meetings').set('Idempotency-Key', 'endpoint-1').send({ forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }).expect(422);
    expect(reused.body.code).toBe('idempotency.key_reused');
    expect(await domainEvents()).toBe(before);
  });

  it('leaves a key free where the request was refused by the rules', async () => {
    const id = await proposeCase();
    await http().post(`/api/cases/${id}/withdraw`).send({}).expect(200);
    await http().post(`/api/cases/${id}/withdraw`).set('Idempotency-Key', 'refused-1').send({}).expect(409);
    await http().post('/api/cases').set('Idempotency-Key', 'refused-1').send({ forumId: 'styregruppen', title: 'B', kind: 'decision' }).expect(201);
  });
});
