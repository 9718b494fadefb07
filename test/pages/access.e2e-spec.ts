import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { describeInBrowser, screenshot, signInAs, withBrowserAndApi } from './browser-under-test';

const MEMBER = { email: 'peter.lind@slagelse.example', password: 'medlemmets-kodeord', name: 'Peter Lind' };
const K17_CHAIR = { email: 'formand@k17.example', password: 'k17-formandens-kodeord', name: 'Formand for K17' };

describeInBrowser('who sees and does what, in a browser', () => {
  let ids: { styregruppenCase: string; k17Case: string; memberFollowUp: string; styregruppenFollowUp: string };

  const run = withBrowserAndApi('2025-04-20T09:00:00+02:00', async (api) => {
    const account = (who: typeof MEMBER, role: string, forumIds: string[]) =>
      api.http().post('/api/accounts').send({ email: who.email, name: who.name, role, forumIds, password: who.password }).expect(201);
    await account(MEMBER, 'member', ['styregruppen']);
    await account(K17_CHAIR, 'chair', ['k17']);
    const styregruppenCase = (await api.http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Kapacitet på botilbud for voksne', kind: 'decision' }).expect(201)).body.id;
    const k17Case = (await api.http().post('/api/cases').send({ forumId: 'k17', title: 'Fælles indkøb af hjælpemidler', kind: 'decision' }).expect(201)).body.id;
    const followUp = (caseId: string, description: string, owner: object) =>
      api.http().post(`/api/cases/${caseId}/follow-ups`).send({ description, owners: [owner], due: '2025-05-01' }).expect(201);
    const memberFollowUp = (await followUp(styregruppenCase, 'Opgørelse af ventelister i Slagelse', { name: MEMBER.name, email: MEMBER.email })).body.id;
    const styregruppenFollowUp = (await followUp(styregruppenCase, 'Notat om takster', { name: 'Sekretariatet' })).body.id;
    ids = { styregruppenCase, k17Case, memberFollowUp, styregruppenFollowUp };
    api.clock.set('2025-05-20T09:00:00+02:00');
  });

  it("lets a member mark their own follow-up done, and neither decide a case nor see another forum's", async () => {
    const { api, page, baseUrl } = run;
    await signInAs(page, baseUrl, MEMBER.email, MEMBER.password);
    expect(new URL(page.url()).pathname).toBe('/mine');
    expect(await page.getByText('Notat om takster').count()).toBe(0);
    await screenshot(page, 'mine-opfoelgninger');
    await page.getByRole('button', { name: 'Markér udført: Opgørelse af ventelister i Slagelse' }).click();
    await page.waitForURL(/ok=udfoert/);
    expect(await page.getByText('Du har ingen åbne opfølgninger.').count()).toBe(1);

    await page.goto(`${baseUrl}/sager/${ids.styregruppenCase}`);
    expect(await page.getByRole('heading', { name: 'Kapacitet på botilbud for voksne' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Gem beslutningen' }).count()).toBe(0);

    const refused = await page.goto(`${baseUrl}/sager/${ids.k17Case}`);
    expect(refused?.status()).toBe(403);
    expect(await page.getByRole('heading').first().textContent()).toBe('Ingen adgang');
    expect(await page.getByText('Fælles indkøb af hjælpemidler').count()).toBe(0);

    // Posting the secretariat's form by hand, with this browser's own token, is refused by role.
    const token = await page.goto(`${baseUrl}/mine`).then(() => page.locator('input[name=_csrf]').first().inputValue());
    const decided = await page.request.post(`${baseUrl}/sager/${ids.styregruppenCase}/beslut`, { form: { _csrf: token, meetingId: 'x', outcome: 'approved', text: 'Godkendt' }, headers: { Origin: baseUrl } });
    expect(decided.status()).toBe(403);
    const history = (await api.http().get(`/api/cases/${ids.styregruppenCase}/history`).expect(200)).body;
    expect(history.map((event: { type: string }) => event.type)).toEqual(['CaseProposed']);
  });

  it("shows a chair of K17 none of Styregruppen's follow-ups", async () => {
    const { page, baseUrl } = run;
    await signInAs(page, baseUrl, K17_CHAIR.email, K17_CHAIR.password);
    expect(new URL(page.url()).pathname).toBe('/oversigt');
    expect(await page.getByText('Notat om takster').count()).toBe(0);
    expect(await page.getByText('Ingen opfølgninger er over fristen.').count()).toBe(1);
    const refused = await page.goto(`${baseUrl}/oversigt?forum=styregruppen`);
    expect(refused?.status()).toBe(403);
    const board = await page.goto(`${baseUrl}/tavle`);
    expect(board?.status()).toBe(200);
    expect(await page.getByText('Kapacitet på botilbud for voksne').count()).toBe(0);
    expect(await page.getByText('Fælles indkøb af hjælpemidler').count()).toBe(1);
  });

  it('refuses a form posted from another site to a signed-in browser, and nothing happens', async () => {
    const { api, page, baseUrl } = run;
    await signInAs(page, baseUrl, MEMBER.email, MEMBER.password);
    // Another site on the same host, another port: the same site to the browser, so SameSite sends the cookie.
    const target = `${baseUrl}/opfoelgninger/${ids.memberFollowUp}/udfoert`;
    const attacker: Server = createServer((_request, response) => {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(`<form id="f" method="post" action="${target}"><input name="tilbage" value="/mine"></form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    try {
      const answer = page.waitForResponse((response) => response.url() === target);
      await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      expect((await answer).status()).toBe(403);
      const followUp = (await api.http().get(`/api/follow-ups?caseId=${ids.styregruppenCase}`).expect(200)).body.items.find((view: { id: string }) => view.id === ids.memberFollowUp);
      expect(followUp.status).toBe('open');
    } finally {
      attacker.close();
    }
  });
});
