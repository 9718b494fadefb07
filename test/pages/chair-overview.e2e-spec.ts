import { describeInBrowser, screenshot, signInAs, withBrowserAndApi } from './browser-under-test';

const CHAIR = { email: 'formand@styregruppen.example', password: 'formandens-kodeord' };

describeInBrowser("the chair's overview in a browser", () => {
  const run = withBrowserAndApi('2025-04-20T09:00:00+02:00', async (api) => {
    await api.http().post('/api/accounts').send({ email: CHAIR.email, name: 'Formand for Styregruppen', role: 'chair', forumIds: ['styregruppen'], password: CHAIR.password }).expect(201);
  });

  const overdueFollowUp = async (forumId: string, title: string, description: string, due: string): Promise<string> => {
    const { api } = run;
    const caseId = (await api.http().post('/api/cases').send({ forumId, title, kind: 'decision' }).expect(201)).body.id;
    return (await api.http().post(`/api/cases/${caseId}/follow-ups`).send({ description, owners: [{ name: 'Slagelse Kommune', organisation: 'Slagelse Kommune' }], due }).expect(201)).body.id;
  };

  it('shows an overdue follow-up of their forum, and takes it off once marked done', async () => {
    const { api, page, baseUrl } = run;
    await overdueFollowUp('styregruppen', 'Kapacitet på botilbud for voksne', 'Opgørelse af ventelister', '2025-06-01');
    await overdueFollowUp('k17', 'Fælles indkøb af hjælpemidler', 'Udkast til udbudsmateriale', '2025-05-01');
    api.clock.set('2025-06-20T09:00:00+02:00');

    await signInAs(page, baseUrl, CHAIR.email, CHAIR.password);

    expect(new URL(page.url()).pathname).toBe('/oversigt');
    const row = page.getByRole('row', { name: /Opgørelse af ventelister/ });
    expect(await row.textContent()).toContain('Kapacitet på botilbud for voksne');
    expect(await row.textContent()).toContain('19 dage');
    expect(await page.getByText('Udkast til udbudsmateriale').count()).toBe(0);
    await screenshot(page, 'formandens-oversigt');

    // On a phone the table becomes cards: nothing reaches past the screen's edge.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'formandens-oversigt-telefon');

    // By keyboard: the button takes focus and Enter presses it.
    await row.getByRole('button', { name: /Markér udført/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/ok=udfoert/);

    expect(await page.getByRole('status').textContent()).toContain('markeret som udført');
    expect(await page.getByText('Opgørelse af ventelister').count()).toBe(0);
  });
});
