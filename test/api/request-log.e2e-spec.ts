import { EVENT_STORE, SqliteEventStore } from '@app/event-store';
import { ApiUnderTest, startApi } from './api-under-test';

type LogLine = { level: number; msg: string; req?: { id: string; method: string; url: string }; res?: { statusCode: number }; responseTime?: number };

/** What an operator finds in the log: one line per request with its id, the same id in the answer and the events, and no e-mail addresses. */
describe('request log', () => {
  let api: ApiUnderTest;
  const logs: string[] = [];
  const parsed = (): LogLine[] => logs.map((line) => JSON.parse(line) as LogLine);
  const linesOf = (id: string): LogLine[] => parsed().filter((line) => line.req?.id === id);

  beforeAll(async () => {
    api = await startApi({ logs });
  });
  afterAll(() => api.close());

  it('writes one JSON line per request with the id it came with, answers with the id, and records it as the events’ correlation id', async () => {
    const answer = await api.http().post('/api/cases').set('X-Request-Id', 'sag-fra-portalen-17').send({ forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision' }).expect(201);
    expect(answer.headers['x-request-id']).toBe('sag-fra-portalen-17');
    expect(linesOf('sag-fra-portalen-17')).toEqual([
      expect.objectContaining({ level: 30, msg: expect.stringMatching(/^POST \/api\/cases 201 \d+ ms$/), req: { id: 'sag-fra-portalen-17', method: 'POST', url: '/api/cases' }, res: { statusCode: 201 } }),
    ]);
    const history = (await api.http().get(`/api/cases/${answer.body.id}/history`).expect(200)).body;
    expect(history[0].metadata).toMatchObject({ correlationId: 'sag-fra-portalen-17' });
  });

  it('makes an id where the request brings none, or one that is no plain token', async () => {
    for (const given of [undefined, 'med mellemrum', '<script>', 'x'.repeat(201)]) {
      const request = api.http().get('/api/forums');
      const answer = await (given === undefined ? request : request.set('X-Request-Id', given)).expect(200);
      const id = answer.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(linesOf(id)).toHaveLength(1);
    }
  });

  it('names the request also where it is refused', async () => {
    const refused = await api.http().post('/api/meetings').set('X-Request-Id', 'afvist-1').send({ forumId: 'styregruppen' }).expect(400);
    expect(refused.headers['x-request-id']).toBe('afvist-1');
    expect(linesOf('afvist-1')).toEqual([expect.objectContaining({ level: 30, res: { statusCode: 400 } })]);
    const anonymous = await api.http().set('Authorization', '').set('X-Request-Id', 'uden-token').get('/api/cases').expect(401);
    expect(anonymous.headers['x-request-id']).toBe('uden-token');
  });

  it('leaves e-mail addresses out of every line, wherever they stand', async () => {
    await api.http().get('/api/follow-ups?owner=anne.holm%40koege.example&status=open').set('X-Request-Id', 'med-adresse').expect(200);
    await api.http().get('/api/follow-ups').query({ owner: 'peter.lind@slagelse.example' }).set('X-Request-Id', 'med-adresse-2').expect(200);
    expect(logs.join('\n')).not.toMatch(/koege\.example|slagelse\.example|sekretariat@test\.example/);
    expect(linesOf('med-adresse-2')[0].req?.url).toBe('/api/follow-ups?owner=[e-mail]');
  });

  it('leaves the token of a signed link out of the line, however the path is written', async () => {
    const token = 'hemmelig-underskrift-0123456789';
    for (const [path, id] of [[`/links/udfoer/${token}`, 'link-1'], [`/LINKS/udfoer/${token}?svar=ja`, 'link-2'], [`/Links/Udfoer/${token}/`, 'link-3']]) {
      await api.http().get(path).set('X-Request-Id', id);
      expect(linesOf(id)).toHaveLength(1);
    }
    expect(logs.join('\n')).not.toContain(token);
    expect(linesOf('link-2')[0].req?.url).toBe('/LINKS/udfoer/…?svar=ja');
  });

  it('names the request in the line about an error met while answering it, and logs its answer at error level', async () => {
    // SQLite's own page limit on the API's connection: the next write that needs a page fails as on a full disk.
    const db = api.app.get<SqliteEventStore>(EVENT_STORE)['db'];
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    try {
      const large = { forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision', recommendation: ['x'.repeat(4_000)] };
      await api.http().post('/api/cases').set('X-Request-Id', 'fuld-disk-1').send(large).expect(503);
    } finally {
      db.pragma('max_page_count = 1000000');
    }
    const [failure, answer] = linesOf('fuld-disk-1');
    expect(failure).toMatchObject({ level: 50, req: { id: 'fuld-disk-1', method: 'POST', url: '/api/cases' }, msg: expect.stringContaining('SQLITE_FULL') });
    expect(answer).toMatchObject({ level: 50, msg: 'POST /api/cases 503', res: { statusCode: 503 } });
  });
});
