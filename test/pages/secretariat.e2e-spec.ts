import { join } from 'node:path';
import { TEST_ADMIN } from '../api/api-under-test';
import { describeInBrowser, screenshot, signInAs, withBrowserAndApi } from './browser-under-test';

const MINUTES = join(__dirname, '..', '..', 'examples', 'referat-styregruppen-2026-03-06.txt');

describeInBrowser('the secretariat in a browser', () => {
  const run = withBrowserAndApi('2026-03-10T09:00:00+01:00');

  it('imports a minutes file, confirms it, and sees its cases on the board and the chain on a case page', async () => {
    const { page, baseUrl } = run;
    await signInAs(page, baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
    expect(new URL(page.url()).pathname).toBe('/tavle');

    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Referatet som fil').setInputFiles(MINUTES);
    await screenshot(page, 'import');
    await page.getByRole('button', { name: 'Gennemgå filen' }).click();
    await page.getByRole('heading', { name: 'Gennemgang' }).waitFor();
    expect(await page.locator('pre').textContent()).toContain('Kapacitet på botilbud for voksne');
    await screenshot(page, 'import-gennemgang');

    await page.getByRole('button', { name: 'Bekræft og importér' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Referatet er importeret');

    await page.getByRole('link', { name: 'Til tavlen' }).click();
    const row = page.getByRole('row', { name: /Kapacitet på botilbud for voksne/ });
    expect(await row.textContent()).toMatch(/Venter på K17/);
    expect(await row.textContent()).toMatch(/Venter på KKR Sjælland/);
    await screenshot(page, 'tavle');

    await page.getByLabel('Søg i titler og beslutninger').fill('årsrapport');
    await page.getByLabel('Søg i titler og beslutninger').press('Enter');
    await page.waitForURL(/q=/);
    expect(await page.getByRole('row', { name: /Kapacitet på botilbud/ }).count()).toBe(0);
    expect(await page.getByRole('row', { name: /Årsrapport fra Socialtilsyn Øst/ }).count()).toBe(1);

    await page.goto(`${baseUrl}/tavle`);
    expect(await page.getByRole('row', { name: /Godkendelse af dagsorden/ }).count()).toBe(0);
    await page.getByLabel('Vis faste punkter').check();
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.waitForURL(/faste=1/);
    expect(await page.getByRole('row', { name: /Godkendelse af dagsorden/ }).textContent()).toContain('fast punkt');
    expect(await page.getByLabel('Vis faste punkter').isChecked()).toBe(true);

    await page.goto(`${baseUrl}/tavle`);
    await page.getByRole('link', { name: 'Kapacitet på botilbud for voksne' }).click();
    const chain = page.getByRole('region', { name: 'Vejen gennem fora' });
    const steps = await chain.getByRole('listitem').allTextContents();
    expect(steps[0]).toMatch(/^Styregruppen: godkendt/);
    expect(steps.join('\n')).toMatch(/sendt videre til K17 og KKR Sjælland til beslutning/);
    expect(steps.slice(-2)).toEqual([expect.stringMatching(/^K17: venter på et møde/), expect.stringMatching(/^KKR Sjælland: venter på et møde/)]);
    const history = await page.getByRole('region', { name: 'Historik' }).getByRole('listitem').allTextContents();
    expect(history[0]).toMatch(/^6\. mar\. 2026 kl\. \d\d\.\d\d – Foreslået til Styregruppen \(referatimporten\)$/);
    await screenshot(page, 'sag');
  });

  it('creates an account for a chair on the accounts page, who can then sign in, and closes it again', async () => {
    const { browser, page, baseUrl } = run;
    await signInAs(page, baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('link', { name: 'Konti' }).click();
    await page.getByLabel('E-mailadresse').fill('formand@k17.example');
    await page.getByLabel('Navn').fill('Formand for K17');
    await page.getByLabel('Rolle').selectOption({ label: 'formand' });
    await page.getByLabel('K17').check();
    await page.getByLabel('Adgangskode (mindst 12 tegn)').fill('kort');
    await page.getByLabel('Adgangskode (mindst 12 tegn)').evaluate((input) => input.removeAttribute('minlength'));
    await page.getByRole('button', { name: 'Opret konto' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('mindst 12 tegn');
    expect(await page.getByLabel('E-mailadresse').inputValue()).toBe('formand@k17.example');

    await page.getByLabel('Adgangskode (mindst 12 tegn)').fill('k17-formandens-kodeord');
    await page.getByRole('button', { name: 'Opret konto' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Kontoen er oprettet');
    expect(await page.getByRole('row', { name: /formand@k17\.example/ }).textContent()).toMatch(/formand.*K17/);
    await screenshot(page, 'konti');

    const chair = await browser.newContext({ locale: 'da-DK' });
    const chairPage = await chair.newPage();
    await signInAs(chairPage, baseUrl, 'formand@k17.example', 'k17-formandens-kodeord');
    expect(new URL(chairPage.url()).pathname).toBe('/oversigt');

    // Made a member of Styregruppen instead: the open session has the new role at once.
    await page.getByRole('link', { name: 'Formand for K17' }).click();
    await page.getByLabel('Rolle').selectOption({ label: 'medlem' });
    await page.getByLabel('K17').uncheck();
    await page.getByLabel('Styregruppen').check();
    await page.getByRole('button', { name: 'Gem rolle og fora' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Rollen og foraene er gemt');
    expect(await page.getByRole('row', { name: /formand@k17\.example/ }).textContent()).toMatch(/medlem.*Styregruppen/);
    expect((await chairPage.goto(`${baseUrl}/oversigt`))?.status()).toBe(403);

    await page.getByRole('button', { name: 'Luk kontoen for formand@k17.example' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Kontoen er lukket');
    const after = await chairPage.goto(`${baseUrl}/oversigt`);
    expect(new URL(after?.url() ?? '').pathname).toBe('/log-ind');
    await chair.close();
  });

  it('shows a refused decision beside its form and keeps what was typed', async () => {
    const { api, page, baseUrl } = run;
    const meetingId = (await api.http().post('/api/meetings').send({ forumId: 'k17', startsAt: '2026-03-20T10:00:00+01:00' }).expect(201)).body.id;
    const caseId = (await api.http().post('/api/cases').send({ forumId: 'k17', title: 'Fælles indkøb af hjælpemidler', kind: 'decision' }).expect(201)).body.id;
    await api.http().post(`/api/cases/${caseId}/schedule`).send({ meetingId }).expect(200);
    await signInAs(page, baseUrl, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.goto(`${baseUrl}/sager/${caseId}`);

    // The meeting has not been held: the rule refuses a decision before it.
    await page.getByLabel('Beslutningen, som den står i referatet').fill('K17 godkendte udbuddet.');
    await page.getByRole('button', { name: 'Gem beslutningen' }).click();

    const refusal = page.getByRole('alert');
    expect(await refusal.textContent()).toBeTruthy();
    expect(await page.getByLabel('Beslutningen, som den står i referatet').inputValue()).toBe('K17 godkendte udbuddet.');
    const history = (await api.http().get(`/api/cases/${caseId}/history`).expect(200)).body;
    expect(history.map((event: { type: string }) => event.type)).toEqual(['CaseProposed', 'CaseScheduled']);
  });
});
