import { EVENT_STORE, SqliteEventStore } from '@app/event-store';
import { ApiUnderTest, startApi } from './api-under-test';

/**
 * A full disk, made for real without filling the machine's: SQLite's max_page_count on the API's own
 * connection makes every write that needs another page fail with SQLITE_FULL, as a full disk does.
 */
describe('a full disk', () => {
  let api: ApiUnderTest;
  const http = () => api.http();

  beforeEach(async () => {
    api = await startApi('2025-04-20T09:00:00+02:00');
  });
  afterEach(() => api.close());

  const maxPageCount = (pages?: number): void => {
    const db = api.app.get<SqliteEventStore>(EVENT_STORE)['db'];
    db.pragma(`max_page_count = ${pages ?? db.pragma('page_count', { simple: true })}`);
  };
  const scheduleMeeting = () => http().post('/api/meetings').send({ forumId: 'styregruppen', startsAt: '2025-05-02T12:00:00+02:00', place: 'Sorø' });

  it('answers 503 storage.full, and /health reports the event store down until a write succeeds again', async () => {
    await http().get('/health').expect(200);
    maxPageCount();
    let answer = await scheduleMeeting();
    for (let tries = 0; answer.status === 201 && tries < 1000; tries++) answer = await scheduleMeeting();

    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ statusCode: 503, code: 'storage.full', message: expect.stringMatching(/disk/) });
    expect(answer.headers['retry-after']).toBe('5');
    const health = await http().get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'error', error: { eventStore: { status: 'down', reason: expect.stringContaining('SQLITE_FULL') } }, info: { readModels: { status: 'up' } } });
    expect(health.headers['retry-after']).toBe('5');
    await http().get('/api/meetings').expect(200);
    await http().get('/health').expect(503);

    maxPageCount(1_000_000);
    await scheduleMeeting().expect(201);
    expect((await http().get('/health').expect(200)).body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' } } });
  });
});
