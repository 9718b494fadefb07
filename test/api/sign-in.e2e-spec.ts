import { AccessService, DEMO_ACCOUNTS_FILE } from '@app/access';
import { RecordedEvent, SqliteEventStore } from '@app/event-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ApiUnderTest, startApi, TEST_ADMIN } from './api-under-test';

const readLog = async (dataDir: string): Promise<RecordedEvent[]> => {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page[page.length - 1].position })) events.push(...page);
  await store.close();
  return events;
};

/** Open without a token: health, the signed links in e-mails, signing in, and the API's documentation. */
const OPEN = [/^\/health/, /^\/links\/udfoer\//, /^\/api\/auth\/token$/, /^\/api\/docs/, /^\/log-ind$/];
/** The web pages, signed in by their session cookie: everything outside the API, the health checks and the e-mails' links. */
const isPage = (path: string): boolean => !/^\/(api|admin|health|links)(\/|$)/.test(path);

describe('sign-in and roles', () => {
  let api: ApiUnderTest;
  const anonymous = () => request(api.app.getHttpServer());
  const as = (token: string) => request.agent(api.app.getHttpServer()).set('Authorization', `Bearer ${token}`);
  const head = async (): Promise<number> => (await anonymous().get('/health')).body.details.eventStore.head;

  const createAccount = async (email: string, role: string, forumIds: string[] = []): Promise<{ id: string; token: string }> => {
    const password = `${role}-kodeord-123`;
    const { id } = (await api.http().post('/api/accounts').send({ email, name: email.split('@')[0], role, forumIds, password }).expect(201)).body;
    return { id, token: await api.signIn(email, password) };
  };

  beforeEach(async () => {
    api = await startApi('2025-04-20T09:00:00+02:00');
  });
  afterEach(() => api.close());

  it('answers every API route but the open ones 401 without a token, and appends nothing', async () => {
    const { routes } = api;
    expect(routes.length).toBeGreaterThan(25);
    const before = await head();
    const closed = routes.filter((route) => !OPEN.some((open) => open.test(route.path)) && !isPage(route.path));
    for (const { method, path } of closed) {
      const url = path.replace(/:[A-Za-z]+/g, 'x');
      const response = await (anonymous() as unknown as Record<string, (url: string) => request.Test>)[method](url).send({});
      expect({ method, path, status: response.status, code: response.body.code }).toEqual({ method, path, status: 401, code: 'auth.required' });
      expect(response.headers['www-authenticate']).toBe('Bearer');
    }
    expect(closed.map((route) => route.path)).toEqual(expect.arrayContaining(['/api/meetings', '/api/cases/:id/decide', '/api/follow-ups', '/api/forums', '/api/accounts', '/api/imports']));
    expect(await head()).toBe(before);
  });

  it('sends the browser to the sign-in page from every page but it, and refuses every form without its token, appending nothing', async () => {
    const before = await head();
    const pages = api.routes.filter((route) => isPage(route.path) && !OPEN.some((open) => open.test(route.path)));
    expect(pages.map((route) => route.path)).toEqual(expect.arrayContaining(['/oversigt', '/mine', '/opfoelgninger/:id/udfoert']));
    for (const { method, path } of pages) {
      const url = path.replace(/:[A-Za-z]+/g, 'x');
      const response = await (anonymous() as unknown as Record<string, (url: string) => request.Test>)[method](url).type('form').send({});
      if (method === 'get') {
        expect({ path, status: response.status, location: response.headers.location }).toEqual({ path, status: 303, location: `/log-ind?naeste=${encodeURIComponent(url)}` });
      } else {
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
      }
    }
    // A bearer token opens the API, never a page: a page reads its session cookie alone.
    await as(api.token).get('/oversigt').expect(303);
    expect(await head()).toBe(before);
  });

  it('answers a request without a token 401 at once, also one that asks to wait for a position the log has not reached', async () => {
    const started = Date.now();
    const answer = await anonymous().get(`/api/cases?after=${(await head()) + 1000}`).expect(401);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(answer.body.code).toBe('auth.required');
  });

  it('refuses a token that is forged, cut, or of another installation', async () => {
    const [prefix, payload, signature] = api.token.split('.');
    const forged = `${prefix}.${Buffer.from(JSON.stringify(['someone-else', 0, Date.now() + 3_600_000])).toString('base64url')}.${signature}`;
    for (const token of [forged, `${prefix}.${payload}`, `${api.token}x`, 'bo1.e30.AAAA']) {
      await as(token).get('/api/forums').expect(401);
    }
    await as(api.token).get('/api/forums').expect(200);
  });

  it('answers an unknown e-mail and a wrong password alike, and slows down repeated attempts', async () => {
    const unknown = await anonymous().post('/api/auth/token').send({ email: 'ukendt@test.example', password: TEST_ADMIN.password }).expect(401);
    const wrong = await anonymous().post('/api/auth/token').send({ email: TEST_ADMIN.email, password: 'forkert-kodeord' }).expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.code).toBe('auth.invalid');
    // The harness signed in once already; ten attempts a minute are allowed in all.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 9; attempt++) statuses.push((await anonymous().post('/api/auth/token').send({ email: TEST_ADMIN.email, password: 'forkert-kodeord' })).status);
    expect(statuses.slice(0, 7)).toEqual(Array(7).fill(401));
    expect(statuses.slice(7)).toEqual([429, 429]);
    const throttled = await anonymous().post('/api/auth/token').send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }).expect(429);
    expect(throttled.body.code).toBe('auth.too_many_attempts');
  });

  it("lets a chair see and act on their forums' follow-ups only, and records the chair as the one who acted", async () => {
    const caseIn = async (forumId: string): Promise<string> => (await api.http().post('/api/cases').send({ forumId, title: `Sag i ${forumId}`, kind: 'decision' }).expect(201)).body.id;
    const followUpOn = async (caseId: string, due: string): Promise<string> =>
      (await api.http().post(`/api/cases/${caseId}/follow-ups`).send({ description: 'Svar fra KORA', owners: [{ name: 'Sekretariatet' }], due }).expect(201)).body.id;
    const styregruppensCase = await caseIn('styregruppen');
    const k17Case = await caseIn('k17');
    const styregruppens = await followUpOn(styregruppensCase, '2025-05-10');
    const k17s = await followUpOn(k17Case, '2025-05-11');
    const { position } = (await api.http().post(`/api/follow-ups/${k17s}/reschedule`).send({ due: '2025-05-12' }).expect(200)).body;
    api.clock.set('2025-06-01T09:00:00+02:00');
    const chair = await createAccount('formand@k17.test', 'chair', ['k17']);

    const overdue = (await as(chair.token).get(`/api/follow-ups?status=overdue&after=${position}`).expect(200)).body.items;
    expect(overdue.map((followUp: { id: string }) => followUp.id)).toEqual([k17s]);
    await as(chair.token).get('/api/follow-ups?forumId=styregruppen').expect(403);
    await as(chair.token).get(`/api/cases/${styregruppensCase}`).expect(403);
    await as(chair.token).get(`/api/cases/${k17Case}`).expect(200);
    await as(chair.token).post(`/api/follow-ups/${styregruppens}/complete`).send({}).expect(403);
    await as(chair.token).post(`/api/cases/${k17Case}/withdraw`).send({}).expect(403);

    await as(chair.token).post(`/api/follow-ups/${k17s}/complete`).send({ note: 'Svar modtaget' }).expect(200);
    const completed = (await readLog(api.dataDir)).find((event) => event.type === 'FollowUpCompleted');
    expect(completed?.metadata.userId).toBe(chair.id);
  });

  it("lets a member see and complete their own follow-ups and read their forum's agendas, and nothing more", async () => {
    const meetingId = (await api.http().post('/api/meetings').send({ forumId: 'styregruppen', startsAt: '2025-05-02T12:00:00+02:00' }).expect(201)).body.id;
    const caseId = (await api.http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Botilbud', kind: 'decision' }).expect(201)).body.id;
    await api.http().post(`/api/cases/${caseId}/schedule`).send({ meetingId }).expect(200);
    const assign = async (email: string): Promise<string> =>
      (await api.http().post(`/api/cases/${caseId}/follow-ups`).send({ description: `Opgave for ${email}`, owners: [{ name: email, email }], due: '2025-06-01' }).expect(201)).body.id;
    const mine = await assign('medlem@styregruppen.test');
    const theirs = await assign('en.anden@styregruppen.test');
    const { position } = (await api.http().post(`/api/follow-ups/${theirs}/reschedule`).send({ due: '2025-06-02' }).expect(200)).body;
    const member = await createAccount('medlem@styregruppen.test', 'member', ['styregruppen']);

    const listed = (await as(member.token).get(`/api/follow-ups?after=${position}`).expect(200)).body.items;
    expect(listed.map((followUp: { id: string }) => followUp.id)).toEqual([mine]);
    await as(member.token).get(`/api/meetings/${meetingId}/agenda`).expect(200);
    await as(member.token).get('/api/forums/k17/pipeline').expect(403);
    await as(member.token).post(`/api/cases/${caseId}/decide`).send({ meetingId, outcome: 'approved', text: 'Godkendt' }).expect(403);
    await as(member.token).post(`/api/follow-ups/${theirs}/complete`).send({}).expect(403);
    await as(member.token).post(`/api/follow-ups/${mine}/reschedule`).send({ due: '2025-07-01' }).expect(403);
    await as(member.token).post(`/api/follow-ups/${mine}/complete`).send({}).expect(200);
    const forums = (await as(member.token).get('/api/forums').expect(200)).body;
    expect(JSON.stringify(forums)).not.toMatch(/@/);
  });

  it('ends the tokens of an account whose password is changed or which is disabled', async () => {
    const chair = await createAccount('formand@styregruppen.test', 'chair', ['styregruppen']);
    await as(chair.token).get('/api/auth/me').expect(200, { accountId: chair.id, email: 'formand@styregruppen.test', name: 'formand', role: 'chair', forumIds: ['styregruppen'] });
    await as(chair.token).post('/api/auth/password').send({ currentPassword: 'chair-kodeord-123', newPassword: 'et-nyt-kodeord-456' }).expect(200);
    await as(chair.token).get('/api/auth/me').expect(401);
    const renewed = await api.signIn('formand@styregruppen.test', 'et-nyt-kodeord-456');
    await as(renewed).get('/api/auth/me').expect(200);

    await api.http().post(`/api/accounts/${chair.id}/disable`).send({ reason: 'Fratrådt' }).expect(200);
    await as(renewed).get('/api/auth/me').expect(401);
    await anonymous().post('/api/auth/token').send({ email: 'formand@styregruppen.test', password: 'et-nyt-kodeord-456' }).expect(401);
    const listed = (await api.http().get('/api/accounts').expect(200)).body.items;
    expect(listed).toContainEqual(expect.objectContaining({ accountId: chair.id, disabled: true }));
    expect(JSON.stringify(listed)).not.toMatch(/scrypt/);
  });

  it('refuses a token once it has expired, also one it has answered to a moment before', async () => {
    const chair = await createAccount('formand@k17.test', 'chair', ['k17']);
    const access = api.app.get(AccessService);
    const account = access.account(chair.id);
    if (!account) throw new Error('the account just created is not in the read model');
    const { token, expiresAt } = access.issue(account, 1 / 3600);
    await as(token).get('/api/auth/me').expect(200);

    await new Promise((done) => setTimeout(done, Date.parse(expiresAt) - Date.now() + 50));
    await as(token).get('/api/auth/me').expect(401);
  });

  it('refuses a form posted from another site, and sends the security headers', async () => {
    const before = await head();
    await anonymous().post('/api/meetings').type('form').set('Origin', 'https://ondsindet.example').send('forumId=styregruppen&startsAt=2025-05-02T12:00:00%2B02:00').expect(415);
    await anonymous().post('/api/cases/x/withdraw').type('text/plain').send('{}').expect(401);
    expect(await head()).toBe(before);
    const health = await anonymous().get('/health');
    expect(health.headers['x-powered-by']).toBeUndefined();
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['strict-transport-security']).toBeDefined();
  });
});

describe('the first start', () => {
  it('creates one demo account per role on the embedded default when no admin is given, and prints where they are', async () => {
    const printed: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => printed.push(String(chunk)) > 0);
    const api = await startApi({ env: { ADMIN_EMAIL: '', ADMIN_PASSWORD: '' }, asSecretariat: false }).finally(() => stderr.mockRestore());
    try {
      const file = readFileSync(join(api.dataDir, DEMO_ACCOUNTS_FILE), 'utf8');
      // Printed in full for the person who started it, with where to sign in.
      const block = printed.join('');
      expect(block).toContain('/log-ind');
      for (const line of file.split('\n').slice(1).filter(Boolean)) expect(block).toContain(line);
      const accounts = [...file.matchAll(/^\s+(secretariat|chair|member)\s+(\S+)\s+(\S+)/gm)].map(([, role, email, password]) => ({ role, email, password }));
      expect(accounts.map((account) => account.role)).toEqual(['secretariat', 'chair', 'member']);
      for (const { role, email, password } of accounts) {
        const token = await api.signIn(email, password);
        const me = (await request(api.app.getHttpServer()).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200)).body;
        expect(me.role).toBe(role);
      }
    } finally {
      await api.close();
    }
  });
});
