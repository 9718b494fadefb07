import request from 'supertest';
import { ApiUnderTest, startApi } from './api-under-test';

/** The case list the board and search draw on: filters, search in titles and decisions, pages, and who sees what. */
describe('GET /api/cases', () => {
  let api: ApiUnderTest;
  const http = () => api.http();

  beforeEach(async () => {
    api = await startApi('2025-04-20T09:00:00+02:00');
  });
  afterEach(() => api.close());

  const propose = async (forumId: string, title: string): Promise<string> => (await http().post('/api/cases').send({ forumId, title, kind: 'decision' }).expect(201)).body.id;
  const meeting = async (forumId: string, startsAt: string): Promise<string> => (await http().post('/api/meetings').send({ forumId, startsAt }).expect(201)).body.id;

  it('finds cases by forum, stage, status and words of their titles and decisions, a page at a time', async () => {
    const may = await meeting('styregruppen', '2025-05-02T12:00:00+02:00');
    const june = await meeting('styregruppen', '2025-06-13T12:00:00+02:00');
    const capacity = await propose('styregruppen', 'Kapacitet på botilbud for voksne');
    const rates = await propose('styregruppen', 'Takstanalyse');
    const report = await propose('styregruppen', 'Socialtilsyn Øst årsrapport');
    const k17Own = await propose('k17', 'Fælles indkøb af hjælpemidler');
    for (const caseId of [capacity, rates, report]) await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId: may }).expect(200);
    await http().post(`/api/cases/${rates}/postpone`).send({ fromMeetingId: may, toMeetingId: june, reason: 'Mangler tal' }).expect(200);
    api.clock.set('2025-05-02T12:30:00+02:00');
    await http().post(`/api/cases/${capacity}/decide`).send({ meetingId: may, outcome: 'decided', text: 'Sekretariatet opgør ventelister før næste møde' }).expect(200);
    await http().post(`/api/cases/${capacity}/forward`).send({ meetingId: may, toForumIds: ['k17'], purpose: 'decision' }).expect(200);
    const { position } = (await http().post(`/api/cases/${report}/withdraw`).send({ reason: 'Trukket' }).expect(200)).body;
    const list = async (query: string) => (await http().get(`/api/cases?after=${position}&${query}`).expect(200)).body;
    const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);

    expect(ids(await list(''))).toEqual([capacity, rates, report, k17Own].sort());
    expect(ids(await list('q=VENTELISTER'))).toEqual([capacity]);
    expect(ids(await list('q=botilbud voksne'))).toEqual([capacity]);
    expect(ids(await list('forumId=k17&stage=waiting')).sort()).toEqual([capacity, k17Own].sort());
    expect(ids(await list('forumId=styregruppen&stage=decided'))).toEqual([capacity]);
    expect(ids(await list('status=withdrawn'))).toEqual([report]);
    expect((await list(`q=Takstanalyse`)).items).toEqual([
      expect.objectContaining({ id: rates, stage: 'scheduled', postponements: 1, forums: [{ forumId: 'styregruppen', state: 'scheduled', meetingId: june }] }),
    ]);

    const first = await list('limit=3');
    expect(first.items).toHaveLength(3);
    const second = await list(`limit=3&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeUndefined();
    expect([...ids(first), ...ids(second)]).toEqual([capacity, rates, report, k17Own].sort());
    await http().get('/api/cases?limit=0').expect(400);
  });

  it('marks an open case waiting too long: postponed twice, or 90 days since it came to the forum it waits in', async () => {
    const may = await meeting('styregruppen', '2025-05-02T12:00:00+02:00');
    const june = await meeting('styregruppen', '2025-06-13T12:00:00+02:00');
    const august = await meeting('styregruppen', '2025-08-08T12:00:00+02:00');
    const twice = await propose('styregruppen', 'Takstanalyse');
    const once = await propose('styregruppen', 'Kapacitet på botilbud');
    const forwarded = await propose('styregruppen', 'Socialtilsyn Øst årsrapport');
    for (const caseId of [twice, once, forwarded]) await http().post(`/api/cases/${caseId}/schedule`).send({ meetingId: may }).expect(200);
    await http().post(`/api/cases/${twice}/postpone`).send({ fromMeetingId: may, toMeetingId: june }).expect(200);
    await http().post(`/api/cases/${once}/postpone`).send({ fromMeetingId: may, toMeetingId: june }).expect(200);
    api.clock.set('2025-05-02T12:30:00+02:00');
    await http().post(`/api/cases/${forwarded}/decide`).send({ meetingId: may, outcome: 'approved', text: 'Godkendt' }).expect(200);
    await http().post(`/api/cases/${forwarded}/forward`).send({ meetingId: may, toForumIds: ['k17'], purpose: 'decision' }).expect(200);
    const { position } = (await http().post(`/api/cases/${twice}/postpone`).send({ fromMeetingId: june, toMeetingId: august }).expect(200)).body;
    const list = async (query = '') => (await http().get(`/api/cases?after=${position}&${query}`).expect(200)).body.items as { id: string; aged: boolean; waitingSince?: string }[];
    const aged = async () => (await list()).filter((item) => item.aged).map((item) => item.id);

    // Two postponements are the limit; the others have waited 12 days.
    expect(await aged()).toEqual([twice]);
    expect((await list()).find((item) => item.id === forwarded)?.waitingSince).toBe('2025-05-02T12:30:00+02:00');
    // 90 days after the proposal, all but the forwarded case are old; that one waits in K17 since its forward.
    api.clock.set('2025-07-19T09:00:00+02:00');
    expect((await aged()).sort()).toEqual([twice, once].sort());
    api.clock.set('2025-07-31T13:00:00+02:00');
    expect((await aged()).sort()).toEqual([twice, once, forwarded].sort());
    expect((await list('aged=true')).map((item) => item.id).sort()).toEqual([twice, once, forwarded].sort());
  });

  it('leaves the standing items out unless asked with standing=true, and marks them when listed', async () => {
    const matter = await propose('styregruppen', 'Kapacitet på botilbud for voksne');
    const { id: agenda, position } = (
      await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Godkendelse af dagsorden', kind: 'decision', standing: true }).expect(201)
    ).body;
    const list = async (query = '') => (await http().get(`/api/cases?after=${position}&${query}`).expect(200)).body.items as { id: string; standing: boolean }[];

    expect((await list()).map((item) => item.id)).toEqual([matter]);
    expect((await list('q=dagsorden')).map((item) => item.id)).toEqual([]);
    expect((await list('standing=true')).map((item) => [item.id, item.standing]).sort()).toEqual([[agenda, true], [matter, false]].sort());
    expect((await list('standing=false')).map((item) => item.id)).toEqual([matter]);
    await http().get('/api/cases?standing=perhaps').expect(400);
    await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Evt.', kind: 'information', standing: 'ja' }).expect(400);
  });

  it("shows a chair only the cases that have been in their forums", async () => {
    const own = await propose('styregruppen', 'Styregruppens sag');
    const k17Own = await propose('k17', 'K17s sag');
    const { id: chairId } = (await http().post('/api/accounts').send({ email: 'formand@k17.test', name: 'Formand', role: 'chair', forumIds: ['k17'], password: 'formandens-kodeord' }).expect(201)).body;
    expect(chairId).toBeDefined();
    const token = await api.signIn('formand@k17.test', 'formandens-kodeord');
    const chair = () => request.agent(api.app.getHttpServer()).set('Authorization', `Bearer ${token}`);
    const listed = (await chair().get('/api/cases').expect(200)).body.items.map((item: { id: string }) => item.id);
    expect(listed).toEqual([k17Own]);
    expect(listed).not.toContain(own);
    await chair().get('/api/cases?forumId=styregruppen').expect(403);
  });

  it("puts each forum's next meeting on the board with how many cases its agenda has, withdrawn ones left out", async () => {
    const board = await meeting('styregruppen', '2025-05-02T12:00:00+02:00');
    const k17 = await meeting('k17', '2025-05-09T09:00:00+02:00');
    for (const title of ['Takstanalyse', 'Kapacitet på botilbud']) await http().post(`/api/cases/${await propose('styregruppen', title)}/schedule`).send({ meetingId: board }).expect(200);
    const withdrawn = await propose('k17', 'Fælles indkøb af hjælpemidler');
    await http().post(`/api/cases/${withdrawn}/schedule`).send({ meetingId: k17 }).expect(200);
    await http().post(`/api/cases/${withdrawn}/withdraw`).send({ reason: 'Trukket' }).expect(200);
    const page = (await http().get('/tavle').set('Cookie', `bo_session=${api.token}`).expect(200)).text;
    expect(page).toMatch(/>Styregruppen [^<]*<\/a>: 2 sager på dagsordenen/);
    expect(page).toMatch(/>K17 [^<]*<\/a>: 0 sager på dagsordenen/);
  });
});
