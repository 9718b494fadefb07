import { ApiUnderTest, startApi } from './api-under-test';

/**
 * The command API against the real app on a real SQLite file: the story of one case, then every way a
 * command can be refused, each time checking that nothing was appended.
 */
describe('command API', () => {
  let api: ApiUnderTest;
  const http = () => api.http();
  const head = async (): Promise<number> => (await http().get('/health').expect(200)).body.details.eventStore.head;

  beforeEach(async () => {
    api = await startApi('2025-04-20T09:00:00+02:00');
  });
  afterEach(() => api.close());

  const scheduleMeeting = async (forumId: string, startsAt: string, place?: string): Promise<string> =>
    (await http().post('/api/meetings').send({ forumId, startsAt, place }).expect(201)).body.id;

  const proposeCase = async (title = 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem'): Promise<string> =>
    (await http().post('/api/cases').send({ forumId: 'styregruppen', title, kind: 'decision' }).expect(201)).body.id;

  it('follows a case from proposed through postponed and decided to forwarded', async () => {
    const mayMeeting = await scheduleMeeting('styregruppen', '2025-05-02T12:00:00+02:00', 'Sorø');
    const augustMeeting = await scheduleMeeting('styregruppen', '2025-08-08T11:00:00+02:00');
    const caseId = (
      await http()
        .post('/api/cases')
        .send({
          forumId: 'styregruppen',
          title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem',
          kind: 'decision',
          summary: 'Drøftelse af samarbejdet om borgere på forsorgshjem.',
          recommendation: ['At styregruppen drøfter samarbejdet'],
          attachments: [{ title: 'Notat om forsorgshjem', url: 'https://example.org/notat.pdf' }],
          presenter: 'Sekretariatet',
        })
        .expect(201)
    ).body.id;

    await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId: mayMeeting }).expect(200);
    api.clock.set('2025-05-02T12:05:00+02:00');
    await http()
      .post(`/api/cases/${caseId}/postpone`)
      .send({ fromMeetingId: mayMeeting, toMeetingId: augustMeeting, reason: 'Dagsordenen blev ændret' })
      .expect(200);
    api.clock.set('2025-08-08T12:00:00+02:00');
    await http()
      .post(`/api/cases/${caseId}/decide`)
      .send({ meetingId: augustMeeting, outcome: 'decided', text: 'Styregruppen besluttede at rejse sagen i KL’s koordinationsforum.' })
      .expect(200);
    const forwarded = await http()
      .post(`/api/cases/${caseId}/forward`)
      .send({ meetingId: augustMeeting, toForumIds: ['kl-koordinationsforum'], purpose: 'decision' })
      .expect(200);
    expect(forwarded.body).toEqual({ id: caseId, revision: 4, position: expect.any(Number) });

    const details = await http().get(`/api/cases/${caseId}`).expect(200);
    expect(details.headers.etag).toBe('"4"');
    expect(details.body).toMatchObject({
      id: caseId,
      status: 'open',
      presenter: 'Sekretariatet',
      forums: [
        { forumId: 'styregruppen', state: 'decided', meetingId: augustMeeting },
        { forumId: 'kl-koordinationsforum', state: 'waiting', purpose: 'decision' },
      ],
      decisions: [{ meetingId: augustMeeting, outcome: 'decided' }],
    });

    const history = await http().get(`/api/cases/${caseId}/history`).expect(200);
    expect(history.body.map((event: { type: string }) => event.type)).toEqual([
      'CaseProposed',
      'CaseScheduled',
      'CasePostponed',
      'CaseDecided',
      'CaseForwarded',
    ]);
    expect(history.body[2]).toMatchObject({ revision: 2, data: { fromMeetingId: mayMeeting, toMeetingId: augustMeeting }, metadata: { correlationId: expect.any(String) } });
  });

  it('lists meetings by forum and period, and reads its own write with ?after=', async () => {
    await scheduleMeeting('styregruppen', '2025-08-08T11:00:00+02:00');
    const k17 = await http().post('/api/meetings').send({ forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }).expect(201);
    const listed = await http().get(`/api/meetings?forumId=k17&from=2025-08-01&to=2025-08-31&after=${k17.body.position}`).expect(200);
    expect(listed.body).toEqual({ items: [{ id: k17.body.id, forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00', status: 'scheduled' }] });
  });

  it('lists meetings a page at a time, earliest first, and refuses a cursor it did not give and a page too large', async () => {
    await scheduleMeeting('styregruppen', '2025-09-19T12:00:00+02:00');
    await scheduleMeeting('styregruppen', '2025-08-08T11:00:00+02:00');
    const last = await http().post('/api/meetings').send({ forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }).expect(201);
    const first = await http().get(`/api/meetings?limit=2&after=${last.body.position}`).expect(200);
    expect(first.body.items.map((meeting: { startsAt: string }) => meeting.startsAt)).toEqual(['2025-08-08T11:00:00+02:00', '2025-08-22T09:00:00+02:00']);
    const second = await http().get('/api/meetings').query({ limit: 2, cursor: first.body.nextCursor }).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ startsAt: '2025-09-19T12:00:00+02:00' })] });

    const refused = await http().get('/api/meetings?cursor=not-a-cursor').expect(400);
    expect(refused.body.details).toEqual([{ field: 'cursor', reason: expect.any(String) }]);
    expect((await http().get('/api/meetings?limit=501').expect(400)).body.details).toEqual([expect.objectContaining({ field: 'limit' })]);
  });

  it('answers 503 when the read models do not reach ?after= in time', async () => {
    const answer = await http().get('/api/meetings?after=999999').expect(503);
    expect(answer.body.code).toBe('read_models.behind');
  });

  describe('Idempotency-Key', () => {
    it('appends once when the same command is sent twice, and returns the first answer', async () => {
      const body = { forumId: 'styregruppen', title: 'Socialtilsyn Øst årsrapport', kind: 'information' };
      const first = await http().post('/api/cases').set('Idempotency-Key', 'propose-1').send(body).expect(201);
      const before = await head();
      const second = await http().post('/api/cases').set('Idempotency-Key', 'propose-1').send(body).expect(201);
      expect(second.body).toEqual(first.body);
      expect(await head()).toBe(before);
      expect((await http().get(`/api/cases/${first.body.id}/history`)).body).toHaveLength(1);
    });

    it('appends once for a repeated command on an existing case', async () => {
      const meetingId = await scheduleMeeting('styregruppen', '2025-05-02T12:00:00+02:00');
      const caseId = await proposeCase();
      const first = await http().post(`/api/cases/${caseId}/schedule`).set('Idempotency-Key', 'schedule-1').send({ meetingId }).expect(200);
      const second = await http().post(`/api/cases/${caseId}/schedule`).set('Idempotency-Key', 'schedule-1').send({ meetingId }).expect(200);
      expect(second.body).toEqual(first.body);
      expect((await http().get(`/api/cases/${caseId}/history`)).body).toHaveLength(2);
    });

    it('refuses a key reused for another request', async () => {
      await http().post('/api/cases').set('Idempotency-Key', 'k').send({ forumId: 'styregruppen', title: 'A', kind: 'decision' }).expect(201);
      const before = await head();
      const reused = await http().post('/api/cases').set('Idempotency-Key', 'k').send({ forumId: 'styregruppen', title: 'B', kind: 'decision' }).expect(422);
      expect(reused.body.code).toBe('idempotency.key_reused');
      expect(await head()).toBe(before);
    });

    it('refuses a key reused on another case, appending nothing', async () => {
      const [first, second] = [await proposeCase(), await proposeCase()];
      await http().post(`/api/cases/${first}/withdraw`).set('Idempotency-Key', 'withdraw-1').send({}).expect(200);
      const before = await head();
      const reused = await http().post(`/api/cases/${second}/withdraw`).set('Idempotency-Key', 'withdraw-1').send({}).expect(422);
      expect(reused.body.code).toBe('idempotency.key_reused');
      expect(await head()).toBe(before);
      expect((await http().get(`/api/cases/${second}`).expect(200)).body.status).toBe('open');
    });

    it('refuses a key reused on another endpoint, appending nothing', async () => {
      await http().post('/api/cases').set('Idempotency-Key', 'endpoint-1').send({ forumId: 'styregruppen', title: 'A', kind: 'decision' }).expect(201);
      const before = await head();
      const reused = await http().post('/api/meetings').set('Idempotency-Key', 'endpoint-1').send({ forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }).expect(422);
      expect(reused.body.code).toBe('idempotency.key_reused');
      expect(await head()).toBe(before);
    });
  });

  describe('If-Match', () => {
    it('applies a command at the current revision', async () => {
      const caseId = await proposeCase();
      await http().post(`/api/cases/${caseId}/withdraw`).set('If-Match', '"0"').send({}).expect(200);
    });

    it('refuses a stale revision with 412 and appends nothing', async () => {
      const meetingId = await scheduleMeeting('styregruppen', '2025-05-02T12:00:00+02:00');
      const caseId = await proposeCase();
      await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId }).expect(200);
      const before = await head();
      const stale = await http().post(`/api/cases/${caseId}/withdraw`).set('If-Match', '"0"').send({ reason: 'Forældet' }).expect(412);
      expect(stale.body).toMatchObject({ statusCode: 412, code: 'revision.stale' });
      expect(await head()).toBe(before);
    });

    it('refuses an If-Match that is no revision with 400', async () => {
      const caseId = await proposeCase();
      const bad = await http().post(`/api/cases/${caseId}/withdraw`).set('If-Match', 'yesterday').send({}).expect(400);
      expect(bad.body.details).toEqual([{ field: 'If-Match', reason: expect.any(String) }]);
    });
  });

  describe('illegal moves get 409 with a code and append nothing', () => {
    it('deciding a withdrawn case', async () => {
      const meetingId = await scheduleMeeting('styregruppen', '2025-05-02T12:00:00+02:00');
      const caseId = await proposeCase();
      await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId }).expect(200);
      await http().post(`/api/cases/${caseId}/withdraw`).send({}).expect(200);
      api.clock.set('2025-05-02T13:00:00+02:00');
      const before = await head();
      const refused = await http().post(`/api/cases/${caseId}/decide`).send({ meetingId, outcome: 'approved', text: 'Godkendt' }).expect(409);
      expect(refused.body).toEqual({ statusCode: 409, code: 'case.withdrawn', message: expect.any(String) });
      expect(await head()).toBe(before);
    });

    it('scheduling onto a cancelled meeting', async () => {
      const meetingId = await scheduleMeeting('styregruppen', '2025-05-02T12:00:00+02:00');
      await http().post(`/api/meetings/${meetingId}/cancel`).send({ reason: 'Aflyst' }).expect(200);
      const caseId = await proposeCase();
      const before = await head();
      const refused = await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId }).expect(409);
      expect(refused.body.code).toBe('meeting.cancelled');
      expect(await head()).toBe(before);
    });

    it('scheduling onto a past meeting', async () => {
      const meetingId = await scheduleMeeting('styregruppen', '2025-05-02T12:00:00+02:00');
      const caseId = await proposeCase();
      api.clock.set('2025-05-03T09:00:00+02:00');
      const before = await head();
      expect((await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId }).expect(409)).body.code).toBe('meeting.past');
      expect(await head()).toBe(before);
    });

    it('postponing a decided case', async () => {
      const meetingId = await scheduleMeeting('styregruppen', '2025-05-02T12:00:00+02:00');
      const caseId = await proposeCase();
      await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId }).expect(200);
      api.clock.set('2025-05-02T12:30:00+02:00');
      await http().post(`/api/cases/${caseId}/decide`).send({ meetingId, outcome: 'approved', text: 'Godkendt' }).expect(200);
      const before = await head();
      expect((await http().post(`/api/cases/${caseId}/postpone`).send({ fromMeetingId: meetingId }).expect(409)).body.code).toBe('case.already_decided');
      expect(await head()).toBe(before);
    });

    it('completing a follow-up twice', async () => {
      const caseId = await proposeCase();
      const followUp = await http()
        .post(`/api/cases/${caseId}/follow-ups`)
        .send({ description: 'Sekretariatet kontakter KORA', owners: [{ name: 'Sekretariatet' }], due: '2025-06-01' })
        .expect(201);
      await http().post(`/api/follow-ups/${followUp.body.id}/complete`).send({ note: 'Gjort' }).expect(200);
      const before = await head();
      expect((await http().post(`/api/follow-ups/${followUp.body.id}/complete`).send({}).expect(409)).body.code).toBe('follow_up.done');
      expect(await head()).toBe(before);
    });
  });

  describe('unknown ids get 404', () => {
    it.each([
      ['get', '/api/cases/no-such-case', undefined, 'case.not_found'],
      ['get', '/api/cases/no-such-case/history', undefined, 'case.not_found'],
      ['get', '/api/meetings/no-such-meeting', undefined, 'meeting.not_found'],
      ['post', '/api/cases/no-such-case/withdraw', {}, 'case.not_found'],
      ['post', '/api/meetings/no-such-meeting/cancel', {}, 'meeting.not_found'],
      ['post', '/api/follow-ups/no-such-follow-up/complete', {}, 'follow_up.not_found'],
    ])('%s %s', async (method, path, body, code) => {
      const call = method === 'get' ? http().get(path) : http().post(path).send(body as object);
      expect((await call.expect(404)).body).toMatchObject({ statusCode: 404, code });
    });

    it('a case scheduled onto an unknown meeting', async () => {
      const caseId = await proposeCase();
      expect((await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId: 'no-such-meeting' }).expect(404)).body.code).toBe('meeting.not_found');
    });
  });

  it('serves the OpenAPI description at /api/docs', async () => {
    const document = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{id}/postpone', '/api/meetings', '/api/follow-ups/{id}/complete']));
    await http().get('/api/docs').expect(200);
  });

  it('lists the forums with their parent in the chain', async () => {
    const forums = (await http().get('/api/forums').expect(200)).body as { id: string; parentId?: string }[];
    expect(forums.find((forum) => forum.id === 'styregruppen')?.parentId).toBe('k17');
    expect(forums.find((forum) => forum.id === 'k17')?.parentId).toBe('kkr-sjaelland');
    expect(forums.find((forum) => forum.id === 'kkr-sjaelland')?.parentId).toBe('kl-koordinationsforum');
  });
});
