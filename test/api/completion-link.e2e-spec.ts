import { followUpStreamId } from '@app/domain';
import { EVENT_STORE, EventStore, SqliteEventStore } from '@app/event-store';
import { completionLink, completionLinkExpiry, linkSecretOf } from '@app/workflows';
import request from 'supertest';
import { ApiUnderTest, startApi } from './api-under-test';

/** The "Markér som udført" link of a reminder e-mail, opened and used as its owner would, against the real app. */
describe('the "Markér som udført" link', () => {
  const secret = 'a-link-secret-of-at-least-thirty-two-characters';
  let api: ApiUnderTest;
  let followUpId: string;
  const http = () => api.http();
  const head = async (): Promise<number> => (await http().get('/health')).body.details.eventStore.head;
  const pathOf = (link: string): string => new URL(link).pathname;
  const linkFor = (id: string, expiresAt = completionLinkExpiry(new Date(api.clock.now()))): string => pathOf(completionLink(secret, id, expiresAt, 'https://opfoelgning.example.dk'));
  const openFollowUps = async (): Promise<string[]> =>
    (await http().get(`/api/follow-ups?status=open&after=${await head()}`).expect(200)).body.items.map((followUp: { id: string }) => followUp.id);

  beforeEach(async () => {
    api = await startApi({ now: '2025-05-02T14:00:00+02:00', env: { LINK_SECRET: secret } });
    const caseId = (await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Kapacitet på botilbud for voksne', kind: 'decision' }).expect(201)).body.id;
    followUpId = (
      await http()
        .post(`/api/cases/${caseId}/follow-ups`)
        .send({ description: 'Opgørelse af ventelister (< 3 mdr. & > 3 mdr.)', owners: [{ name: 'Sekretariatet' }], due: '2025-08-01' })
        .expect(201)
    ).body.id;
  });
  afterEach(() => api.close());

  const expectPage = (answer: request.Response, status: number, heading: string): void => {
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.text).toContain('<html lang="da">');
    expect(answer.text).toMatch(new RegExp(`<main>\\s*<h1>${heading}</h1>`));
  };

  it('shows the follow-up, and marks it done when the button is pressed', async () => {
    // Given the link from a reminder
    const link = linkFor(followUpId);

    // When its owner opens it
    const page = await http().get(link);

    // Then the page shows what it is about, escaped, and a button that posts
    expectPage(page, 200, 'Markér opfølgningen som udført');
    expect(page.text).toContain('Opgørelse af ventelister (&lt; 3 mdr. &amp; &gt; 3 mdr.)');
    expect(page.text).toContain('Kapacitet på botilbud for voksne');
    expect(page.text).toContain('1. august 2025');
    expect(page.text).toMatch(/<form method="post">\s*<button type="submit">Markér som udført<\/button>/);
    expect(await openFollowUps()).toEqual([followUpId]);

    // When the button is pressed
    const done = await http().post(link).type('form').send('');

    // Then it thanks, and the follow-up is done, by the link
    expectPage(done, 200, 'Tak – opfølgningen er markeret som udført');
    const listed = await http().get(`/api/follow-ups?status=done&after=${await head()}`).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: followUpId, status: 'done', completedAt: '2025-05-02T14:00:00+02:00' })]);
    const events = await api.app.get<EventStore>(EVENT_STORE).readStream(followUpStreamId(followUpId));
    expect(events.map((event) => event.type)).toEqual(['FollowUpAssigned', 'FollowUpCompleted']);
    expect(events[1].metadata).toMatchObject({ userId: `link:${followUpId}`, correlationId: expect.any(String) });
  });

  it('refuses a link with one character changed, and changes nothing', async () => {
    // Given a link with one character of its token changed
    const link = linkFor(followUpId);
    const at = link.length - 10;
    const tampered = `${link.slice(0, at)}${link[at] === 'x' ? 'y' : 'x'}${link.slice(at + 1)}`;
    const before = await head();

    // When it is opened and its button pressed
    const shown = await http().get(tampered);
    const pressed = await http().post(tampered);

    // Then both say the link is not valid, and the follow-up is still open
    expectPage(shown, 400, 'Linket er ikke gyldigt');
    expectPage(pressed, 400, 'Linket er ikke gyldigt');
    expect(pressed.text).toContain('sekretariat@rammeaftale.example');
    expect(await head()).toBe(before);
    expect(await openFollowUps()).toEqual([followUpId]);
  });

  it('refuses an expired link, and changes nothing', async () => {
    // Given a link that ran out yesterday
    const expired = linkFor(followUpId, new Date('2025-05-01T14:00:00+02:00'));
    const before = await head();

    // When it is opened and its button pressed
    const shown = await http().get(expired);
    const pressed = await http().post(expired);

    // Then both say it has expired, and the follow-up is still open
    expectPage(shown, 410, 'Linket er udløbet');
    expectPage(pressed, 410, 'Linket er udløbet');
    expect(await head()).toBe(before);
    expect(await openFollowUps()).toEqual([followUpId]);
  });

  it('says a link used again was already used, and when, and changes nothing', async () => {
    // Given a link that has been used
    const link = linkFor(followUpId);
    await http().post(link).expect(200);
    const before = await head();

    // When it is used again, later
    api.clock.set('2025-05-03T09:30:00+02:00');
    const again = await http().post(link);

    // Then it says the follow-up was already marked done, and when; nothing is appended
    expectPage(again, 409, 'Opfølgningen er allerede markeret som udført');
    expect(again.text).toContain('Den blev markeret som udført den 2. maj 2025 kl. 14.00');
    expect(await head()).toBe(before);
    expectPage(await http().get(link), 409, 'Opfølgningen er allerede markeret som udført');
  });

  it('says a follow-up the link names does not exist', async () => {
    const before = await head();
    expectPage(await http().get(linkFor('no-such-follow-up')), 404, 'Opfølgningen findes ikke');
    expectPage(await http().post(linkFor('no-such-follow-up')), 404, 'Opfølgningen findes ikke');
    expect(await head()).toBe(before);
  });

  it('says so in a page, and leaves the follow-up open, when the disk is full', async () => {
    // Given a disk with no room for another event (SQLite's max_page_count, as in the storage-full suite)
    const db = api.app.get<SqliteEventStore>(EVENT_STORE)['db'];
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const fill = () => http().post('/api/meetings').send({ forumId: 'styregruppen', startsAt: '2025-09-02T12:00:00+02:00', place: 'Sorø' });
    for (let answer = await fill(), tries = 0; answer.status !== 503 && tries < 1000; tries++) answer = await fill();

    // When the button is pressed
    const pressed = await http().post(linkFor(followUpId));

    // Then the page says it failed, and the follow-up is still open
    expectPage(pressed, 503, 'Der skete en fejl');
    expect(await openFollowUps()).toEqual([followUpId]);
  });

  it('checks links with the secret kept in DATA_DIR where LINK_SECRET is unset', async () => {
    // Given an API started without LINK_SECRET on the same data
    await api.close({ keepData: true });
    api = await startApi({ dataDir: api.dataDir, now: '2025-05-02T14:00:00+02:00' });

    // When a link is signed with the secret of its DATA_DIR, as the worker signs it
    const link = pathOf(completionLink(linkSecretOf({ dataDir: api.dataDir }), followUpId, completionLinkExpiry(new Date(api.clock.now())), 'http://localhost:3000'));

    // Then the API takes it, and not one signed with LINK_SECRET
    expectPage(await http().get(link), 200, 'Markér opfølgningen som udført');
    expectPage(await http().get(linkFor(followUpId)), 400, 'Linket er ikke gyldigt');
  });
});
