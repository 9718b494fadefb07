import request from 'supertest';
import { ApiUnderTest, startApi } from './api-under-test';

/** Every field of every command body, given a bad value: a 400 that names the field, and nothing appended. */
describe('bad input', () => {
  let api: ApiUnderTest;
  let ids: { caseId: string; meetingId: string; followUpId: string };
  const http = () => api.http();

  beforeAll(async () => {
    api = await startApi();
    const meetingId = (await http().post('/api/meetings').send({ forumId: 'styregruppen', startsAt: '2025-05-02T12:00:00+02:00' }).expect(201)).body.id;
    const caseId = (await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Sag', kind: 'decision' }).expect(201)).body.id;
    const followUpId = (
      await http().post(`/api/cases/${caseId}/follow-ups`).send({ description: 'Opfølgning', owners: [{ name: 'Sekretariatet' }] }).expect(201)
    ).body.id;
    ids = { caseId, meetingId, followUpId };
  });
  afterAll(() => api.close());

  const valid = {
    meeting: { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00', endsAt: '2025-08-08T14:00:00+02:00', place: 'Teams' },
    reschedule: { startsAt: '2025-08-09T11:00:00+02:00', endsAt: '2025-08-09T14:00:00+02:00' },
    case: {
      forumId: 'styregruppen',
      title: 'Sag',
      kind: 'decision',
      summary: 'Resume',
      recommendation: ['At styregruppen godkender'],
      background: 'Baggrund',
      attachments: [{ title: 'Bilag', url: 'https://example.org/a.pdf' }],
      presenter: 'Sekretariatet',
    },
    decide: { meetingId: 'm1', outcome: 'approved', text: 'Godkendt', points: ['Et punkt'] },
    forward: { meetingId: 'm1', toForumIds: ['k17'], purpose: 'information' },
    postpone: { fromMeetingId: 'm1', toMeetingId: 'm2', reason: 'Tid' },
    followUp: { description: 'Opfølgning', owners: [{ name: 'Sekretariatet', email: 'a@b.dk', organisation: 'Slagelse' }], due: '2025-12-01' },
  };

  const cases: [string, () => string, object, string, unknown][] = [
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'forumId', 42],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'forumId', 'no spaces please'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'forumId', 'no-such-forum'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'startsAt', '2025-08-08T11:00:00'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'startsAt', '8/8'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'endsAt', 'tomorrow'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'place', ''],
    ['reschedule meeting', () => `/api/meetings/${ids.meetingId}/reschedule`, valid.reschedule, 'startsAt', 17],
    ['reschedule meeting', () => `/api/meetings/${ids.meetingId}/reschedule`, valid.reschedule, 'endsAt', '2025-13-01T10:00:00+01:00'],
    ['cancel meeting', () => `/api/meetings/${ids.meetingId}/cancel`, {}, 'reason', ['not', 'text']],
    ['mark meeting held', () => `/api/meetings/${ids.meetingId}/held`, {}, 'unexpected', true],
    ['propose case', () => '/api/cases', valid.case, 'forumId', null],
    ['propose case', () => '/api/cases', valid.case, 'title', ''],
    ['propose case', () => '/api/cases', valid.case, 'kind', 'gossip'],
    ['propose case', () => '/api/cases', valid.case, 'summary', 12],
    ['propose case', () => '/api/cases', valid.case, 'recommendation', 'not a list'],
    ['propose case', () => '/api/cases', valid.case, 'recommendation', [1, 2]],
    ['propose case', () => '/api/cases', valid.case, 'background', {}],
    ['propose case', () => '/api/cases', valid.case, 'attachments', [{ url: 'https://example.org' }]],
    ['propose case', () => '/api/cases', valid.case, 'attachments', [{ title: 'Bilag', url: 'not a url' }]],
    ['propose case', () => '/api/cases', valid.case, 'presenter', 7],
    ['schedule case', () => `/api/cases/${ids.caseId}/schedule`, {}, 'meetingId', ''],
    ['postpone case', () => `/api/cases/${ids.caseId}/postpone`, valid.postpone, 'fromMeetingId', undefined],
    ['postpone case', () => `/api/cases/${ids.caseId}/postpone`, valid.postpone, 'toMeetingId', 'a b'],
    ['postpone case', () => `/api/cases/${ids.caseId}/postpone`, valid.postpone, 'reason', false],
    ['decide case', () => `/api/cases/${ids.caseId}/decide`, valid.decide, 'meetingId', 3],
    ['decide case', () => `/api/cases/${ids.caseId}/decide`, valid.decide, 'outcome', 'maybe'],
    ['decide case', () => `/api/cases/${ids.caseId}/decide`, valid.decide, 'text', ''],
    ['decide case', () => `/api/cases/${ids.caseId}/decide`, valid.decide, 'points', [null]],
    ['forward case', () => `/api/cases/${ids.caseId}/forward`, valid.forward, 'meetingId', undefined],
    ['forward case', () => `/api/cases/${ids.caseId}/forward`, valid.forward, 'toForumIds', []],
    ['forward case', () => `/api/cases/${ids.caseId}/forward`, valid.forward, 'toForumIds', ['no-such-forum']],
    ['forward case', () => `/api/cases/${ids.caseId}/forward`, valid.forward, 'purpose', 'gossip'],
    ['withdraw case', () => `/api/cases/${ids.caseId}/withdraw`, {}, 'reason', 5],
    ['close case', () => `/api/cases/${ids.caseId}/close`, {}, 'reason', 'close takes nothing'],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'description', ''],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'owners', []],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'owners', [{ email: 'a@b.dk' }]],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'owners', [{ name: 'X', email: 'not-an-address' }]],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'due', '1/12-2025'],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'due', '2025-02-30'],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'dueBeforeMeetingOfForumId', 'no-such-forum'],
    ['complete follow-up', () => `/api/follow-ups/${ids.followUpId}/complete`, {}, 'note', 1],
    ['reschedule follow-up', () => `/api/follow-ups/${ids.followUpId}/reschedule`, {}, 'due', undefined],
    ['reschedule follow-up', () => `/api/follow-ups/${ids.followUpId}/reschedule`, {}, 'due', 'soon'],
    ['cancel follow-up', () => `/api/follow-ups/${ids.followUpId}/cancel`, {}, 'reason', []],
    // times outside the years a meeting or a due date may fall in; the last starts in the year 10000 in UTC
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'startsAt', '1969-12-31T23:00:00+01:00'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'startsAt', '1999-12-31T23:59:59+01:00'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'startsAt', '2101-01-01T10:00:00+01:00'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'startsAt', '9999-12-31T23:00:00-05:00'],
    ['reschedule meeting', () => `/api/meetings/${ids.meetingId}/reschedule`, valid.reschedule, 'endsAt', '2101-01-01T10:00:00+01:00'],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'due', '1999-12-31'],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'due', '2101-01-01'],
    ['reschedule follow-up', () => `/api/follow-ups/${ids.followUpId}/reschedule`, {}, 'due', '1969-07-20'],
    // arrays inside arrays, and null, where the items are objects or texts
    ['propose case', () => '/api/cases', valid.case, 'recommendation', [['At styregruppen godkender']]],
    ['propose case', () => '/api/cases', valid.case, 'attachments', [[[]]]],
    ['propose case', () => '/api/cases', valid.case, 'attachments', [null]],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'owners', [[[]]]],
    // control characters in a text
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'place', 'Teams\u0000'],
    ['propose case', () => '/api/cases', valid.case, 'title', 'Sag\u0007'],
    ['propose case', () => '/api/cases', valid.case, 'recommendation', ['At styregruppen\u0000 godkender']],
    ['decide case', () => `/api/cases/${ids.caseId}/decide`, valid.decide, 'text', 'Godkendt\u001b[31m'],
    ['decide case', () => `/api/cases/${ids.caseId}/decide`, valid.decide, 'points', ['Et\u0001punkt']],
  ];

  it.each(cases.map(([name, path, body, field, value]) => [name, field, value, path, body] as const))('%s: %s = %j', async (_name, field, value, path, body) => {
    const before = (await http().get('/health')).body.details.eventStore.head;
    const answer = await http()
      .post(path())
      .send({ ...body, [field]: value })
      .expect(400);
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'input.invalid', message: expect.any(String) });
    const fields = (answer.body.details as { field: string; reason: string }[]).map((detail) => detail.field.split('.')[0]);
    expect(fields).toContain(field);
    expect((await http().get('/health')).body.details.eventStore.head).toBe(before);
  });

  it('takes tabs and line breaks in a text', async () => {
    await http()
      .post('/api/cases')
      .send({ ...valid.case, summary: 'Første linje\r\nAnden linje\tmed tabulator', recommendation: ['At\tstyregruppen\ngodkender'] })
      .expect(201);
  });

  it('refuses a query parameter of the wrong shape', async () => {
    const answer = await http().get('/api/meetings?from=yesterday').expect(400);
    expect(answer.body.details).toEqual([{ field: 'from', reason: expect.any(String) }]);
  });

  it('gives each reason in Danish, the rules of class-validator as well as our own', async () => {
    const answer = await http()
      .post('/api/cases')
      .send({ forumId: 'styregruppen', title: 'x'.repeat(501), kind: 'beslutning', recommendation: ['Godkend', 'x'.repeat(5001)], colour: 'rød', attachments: [{ title: 'Bilag', url: 'bilag.pdf' }] })
      .expect(400);
    expect(answer.body.details).toEqual([
      { field: 'colour', reason: 'feltet colour kendes ikke' },
      { field: 'title', reason: 'title må højst have 500 tegn' },
      { field: 'kind', reason: 'kind skal være en af disse værdier: decision, discussion, information' },
      { field: 'recommendation', reason: 'hvert element i recommendation må højst have 5000 tegn' },
      { field: 'attachments.0.url', reason: 'url skal være en webadresse med protokol, fx https://example.org/bilag.pdf' },
    ]);
    const time = await http().post('/api/meetings').send({ forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00' }).expect(400);
    expect(time.body.details).toEqual([{ field: 'startsAt', reason: 'startsAt skal være et tidspunkt efter ISO 8601 med tidszone, fx 2025-08-08T11:00:00+02:00' }]);
  });

  it('names what the platform refuses by the status, dotted and in lower case, with a Danish sentence', async () => {
    const xml = await http().post('/api/cases').set('Content-Type', 'application/xml').send('<case/>').expect(415);
    expect(xml.body).toEqual({ statusCode: 415, code: 'http.unsupported_media_type', message: expect.stringContaining('JSON') });
    const nowhere = await http().get('/api/nothing-here').expect(404);
    expect(nowhere.body).toEqual({ statusCode: 404, code: 'route.not_found', message: 'Adressen findes ikke.' });
  });

  it('asks the client to come back later on a 503', async () => {
    const answer = await http().get(`/api/meetings?after=${(await head()) + 1000}`).expect(503);
    expect(answer.body).toMatchObject({ statusCode: 503, code: 'read_models.behind' });
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  }, 15_000);

  it('given an unknown forum, then its calendar answers 404 with the error body as JSON, not as a calendar', async () => {
    const answer = await http().get('/api/forums/no-such-forum/calendar.ics').expect(404);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body).toMatchObject({ statusCode: 404, code: 'forum.not_found' });
  });

  const head = async (): Promise<number> => (await http().get('/health')).body.details.eventStore.head;
  /** A 400 that names these fields and no others, with nothing appended since `before`. */
  const refusedNamingOnly = async (answer: request.Response, fields: string[], before: number): Promise<void> => {
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'input.invalid', message: expect.any(String) });
    expect((answer.body.details as { field: string }[]).map((detail) => detail.field)).toEqual(fields);
    expect(await head()).toBe(before);
  };

  /** A field that may be left out may not be null: null is no value of any field, and a stored null broke the calendar. */
  describe('null where a field may be left out', () => {
    const minutes = { text: 'Referat af møde i Styregruppen' };
    const nulls: [string, string, () => string, object][] = [
      ['schedule meeting', 'endsAt', () => '/api/meetings', { ...valid.meeting, endsAt: null }],
      ['schedule meeting', 'place', () => '/api/meetings', { ...valid.meeting, place: null }],
      ['reschedule meeting', 'endsAt', () => `/api/meetings/${ids.meetingId}/reschedule`, { ...valid.reschedule, endsAt: null }],
      ['reschedule meeting', 'place', () => `/api/meetings/${ids.meetingId}/reschedule`, { ...valid.reschedule, place: null }],
      ['cancel meeting', 'reason', () => `/api/meetings/${ids.meetingId}/cancel`, { reason: null }],
      ['propose case', 'summary', () => '/api/cases', { ...valid.case, summary: null }],
      ['propose case', 'recommendation', () => '/api/cases', { ...valid.case, recommendation: null }],
      ['propose case', 'background', () => '/api/cases', { ...valid.case, background: null }],
      ['propose case', 'attachments', () => '/api/cases', { ...valid.case, attachments: null }],
      ['propose case', 'attachments.0.url', () => '/api/cases', { ...valid.case, attachments: [{ title: 'Bilag', url: null }] }],
      ['propose case', 'presenter', () => '/api/cases', { ...valid.case, presenter: null }],
      ['postpone case', 'toMeetingId', () => `/api/cases/${ids.caseId}/postpone`, { ...valid.postpone, toMeetingId: null }],
      ['postpone case', 'reason', () => `/api/cases/${ids.caseId}/postpone`, { ...valid.postpone, reason: null }],
      ['decide case', 'points', () => `/api/cases/${ids.caseId}/decide`, { ...valid.decide, points: null }],
      ['withdraw case', 'reason', () => `/api/cases/${ids.caseId}/withdraw`, { reason: null }],
      ['assign follow-up', 'due', () => `/api/cases/${ids.caseId}/follow-ups`, { ...valid.followUp, due: null }],
      ['assign follow-up', 'dueBeforeMeetingOfForumId', () => `/api/cases/${ids.caseId}/follow-ups`, { ...valid.followUp, dueBeforeMeetingOfForumId: null }],
      ['assign follow-up', 'owners.0.email', () => `/api/cases/${ids.caseId}/follow-ups`, { ...valid.followUp, owners: [{ name: 'Sekretariatet', email: null }] }],
      ['assign follow-up', 'owners.0.organisation', () => `/api/cases/${ids.caseId}/follow-ups`, { ...valid.followUp, owners: [{ name: 'Sekretariatet', organisation: null }] }],
      ['complete follow-up', 'note', () => `/api/follow-ups/${ids.followUpId}/complete`, { note: null }],
      ['cancel follow-up', 'reason', () => `/api/follow-ups/${ids.followUpId}/cancel`, { reason: null }],
      ['review minutes', 'forumId', () => '/api/imports', { ...minutes, forumId: null }],
      ['review minutes', 'meetingDate', () => '/api/imports', { ...minutes, meetingDate: null }],
      ['review minutes', 'fileName', () => '/api/imports', { ...minutes, fileName: null }],
    ];

    it.each(nulls)('%s: refuses %s = null, naming the field', async (_name, field, path, body) => {
      const before = await head();
      await refusedNamingOnly(await http().post(path()).send(body), [field], before);
    });

    it('names a null field beside the other bad fields of the body', async () => {
      const before = await head();
      const answer = await http()
        .post('/api/meetings')
        .send({ ...valid.meeting, place: null, startsAt: 'tomorrow' });
      expect(answer.status).toBe(400);
      expect((answer.body.details as { field: string }[]).map((detail) => detail.field).sort()).toEqual(['place', 'startsAt']);
      expect(await head()).toBe(before);
    });

    it('given a meeting sent with place null, then it is refused and the forum calendar still answers', async () => {
      await http().post('/api/meetings').send({ forumId: 'k17', startsAt: '2030-01-01T10:00:00+01:00', place: null }).expect(400);
      await http().get('/api/forums/k17/calendar.ics').expect(200);
    });
  });

  describe('a body nested deeper than 32 levels', () => {
    const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const endpoints: [string, () => string][] = [
      ['schedule meeting', () => '/api/meetings'],
      ['cancel meeting', () => `/api/meetings/${ids.meetingId}/cancel`],
      ['propose case', () => '/api/cases'],
      ['postpone case', () => `/api/cases/${ids.caseId}/postpone`],
      ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`],
      ['complete follow-up', () => `/api/follow-ups/${ids.followUpId}/complete`],
      ['review minutes', () => '/api/imports'],
      ['commit import', () => '/api/imports/some-import/commit'],
    ];

    it.each(endpoints)('%s: refuses one nested 5,000 levels deep, naming the body', async (_name, path) => {
      const before = await head();
      const answer = await http().post(path()).set('Content-Type', 'application/json').send(`{"forumId":"k17","deep":${nested(5000)}}`);
      await refusedNamingOnly(answer, ['body'], before);
    });

    it('refuses one nested 5,000 levels deep that comes with an Idempotency-Key', async () => {
      const before = await head();
      const answer = await http().post('/api/cases').set('Idempotency-Key', 'deep-1').set('Content-Type', 'application/json').send(nested(5000));
      await refusedNamingOnly(answer, ['body'], before);
    });

    it('refuses one nested 33 levels deep, and leaves one of 32 levels to the validation of its fields', async () => {
      const before = await head();
      const send = (body: string) => http().post('/api/cases').set('Content-Type', 'application/json').send(body);
      await refusedNamingOnly(await send(`{"deep":${nested(32)}}`), ['body'], before);
      await refusedNamingOnly(await send(`{"forumId":"styregruppen","title":"Sag","kind":"decision","recommendation":${nested(31)}}`), ['recommendation'], before);
    });
  });

  describe('If-Match', () => {
    it.each(['"0', '0"', 'W/0', 'W/"0', '"0"x', '""'])('refuses %j, naming the header', async (ifMatch) => {
      const before = await head();
      await refusedNamingOnly(await http().post('/api/meetings').set('If-Match', ifMatch).send(valid.meeting), ['If-Match'], before);
    });

    it.each(['"0"', 'W/"0"', '0'])('takes %j as revision 0', async (ifMatch) => {
      const answer = await http().post('/api/meetings').set('If-Match', ifMatch).send(valid.meeting).expect(412);
      expect(answer.body.code).toBe('revision.stale');
    });
  });

  describe('keys that name a prototype', () => {
    it.each(['prototype', '__proto__', 'constructor'])('refuses the unknown key %s in a body, naming it', async (key) => {
      const before = await head();
      const body = `{"forumId":"styregruppen","startsAt":"2025-08-08T11:00:00+02:00","${key}":{"polluted":true}}`;
      await refusedNamingOnly(await http().post('/api/meetings').set('Content-Type', 'application/json').send(body), [key], before);
    });

    it('refuses one in an object inside the body, naming its path', async () => {
      const before = await head();
      const body = `{"description":"Opfølgning","owners":[{"name":"Sekretariatet","__proto__":{"polluted":true}}]}`;
      const answer = await http().post(`/api/cases/${ids.caseId}/follow-ups`).set('Content-Type', 'application/json').send(body);
      await refusedNamingOnly(answer, ['owners.0.__proto__'], before);
    });

    it('refuses one in a query', async () => {
      const answer = await http().get('/api/meetings?constructor=x').expect(400);
      expect(answer.body.details).toEqual([{ field: 'constructor', reason: expect.any(String) }]);
    });
  });
});
