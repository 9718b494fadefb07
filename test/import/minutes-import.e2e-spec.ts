import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiUnderTest, startApi } from '../api/api-under-test';
import { buildWhereStale } from '../support/built-product';

const minutesDir = resolve(__dirname, '../../../shared/minutes');
const files = [
  ['2025-05-02', 'styregruppe-2025-05-02-referat.txt'],
  ['2025-08-08', 'styregruppe-2025-08-08-referat.txt'],
  ['2025-09-19', 'styregruppe-2025-09-19-referat.txt'],
] as const;
const present = files.every(([, file]) => existsSync(join(minutesDir, file)));
if (!present) console.warn(`Skipping the import of the real minutes: ${minutesDir} does not hold the three minutes of 2025.`);
const describeWithMinutes = present ? describe : describe.skip;

const minutes = (file: string) => readFileSync(join(minutesDir, file), 'utf8');

/** The three real sets of minutes, imported in date order through the API, as the secretariat would. */
describeWithMinutes('importing the minutes of 2025', () => {
  let api: ApiUnderTest;
  const http = () => api.http();
  const head = async (): Promise<number> => (await http().get('/health').expect(200)).body.details.eventStore.head;

  const importMinutes = async (date: string, file: string) => {
    const review = await http().post('/api/imports').send({ text: minutes(file), meetingDate: date, fileName: file }).expect(201);
    const commit = await http().post(`/api/imports/${review.body.id}/commit`).send({}).expect(200);
    return { review: review.body, commit: commit.body };
  };

  beforeAll(async () => {
    api = await startApi({ now: '2026-11-25T09:00:00+01:00' });
  });
  afterAll(() => api.close());

  it('shows a review with every event it would append, and appends nothing until it is committed', async () => {
    const before = await head();
    const review = (await http().post('/api/imports').send({ text: minutes(files[0][1]), meetingDate: '2025-05-02' }).expect(201)).body;
    expect(review.report.meeting).toMatchObject({ date: '2025-05-02', forumId: 'styregruppen' });
    expect(review.plan.steps.length).toBeGreaterThan(20);
    for (const step of review.plan.steps) expect(step.lines).toEqual(expect.any(Array));
    // The review itself is kept (MinutesReviewed), nothing else.
    expect(await head()).toBe(before + 1);
    expect((await http().get('/api/cases/styregruppen-2025-05-02-punkt-3')).status).toBe(404);
  });

  it('imports the three files in order and shows the forsorgshjem case’s chain', async () => {
    for (const [date, file] of files) {
      const { commit } = await importMinutes(date, file);
      expect(commit.appended).toBeGreaterThan(0);
    }
    const flow = (await http().get('/api/cases/styregruppen-2025-05-02-punkt-3/flow').expect(200)).body;
    expect(flow.steps.map(({ forumId, meetingId, what, status }: Record<string, string>) => ({ forumId, meetingId, what, status }))).toEqual([
      { forumId: 'styregruppen', meetingId: 'styregruppen-2025-05-02', what: 'postponed', status: 'done' },
      { forumId: 'styregruppen', meetingId: 'styregruppen-2025-08-08', what: 'decided', status: 'done' },
      { forumId: 'styregruppen', meetingId: 'styregruppen-2025-08-08', what: 'forwarded', status: 'done' },
      { forumId: 'kl-koordinationsforum', meetingId: undefined, what: 'waiting', status: 'waiting' },
    ]);
    expect(flow.steps[2].toForumIds).toEqual(['kl-koordinationsforum']);

    const annualReport = (await http().get('/api/cases/styregruppen-2025-08-08-punkt-2/flow').expect(200)).body;
    expect(annualReport.steps).toEqual(
      expect.arrayContaining([expect.objectContaining({ what: 'forwarded', toForumIds: expect.arrayContaining(['k17', 'kkr-sjaelland']) })]),
    );
    const meetings = (await http().get('/api/meetings?forumId=styregruppen').expect(200)).body.items.map((meeting: { id: string }) => meeting.id);
    expect(meetings).toEqual(expect.arrayContaining(['styregruppen-2025-05-02', 'styregruppen-2025-08-08', 'styregruppen-2025-09-19', 'styregruppen-2025-12-12']));
    const september = (await http().get('/api/meetings/styregruppen-2025-09-19').expect(200)).body;
    expect(september).toMatchObject({ startsAt: '2025-09-19T12:00:00+02:00', place: expect.stringMatching(/Teams/), status: 'held' });
  });

  it('appends nothing when the same minutes are imported again', async () => {
    const before = await head();
    const { commit } = await importMinutes(files[1][0], files[1][1]);
    expect(commit.appended).toBe(0);
    // Only the new review and its commit record.
    expect(await head()).toBe(before + 2);
  });

  it('refuses to commit one review twice', async () => {
    const review = (await http().post('/api/imports').send({ text: minutes(files[2][1]) }).expect(201)).body;
    await http().post(`/api/imports/${review.id}/commit`).send({}).expect(200);
    expect((await http().post(`/api/imports/${review.id}/commit`).send({}).expect(409)).body.code).toBe('import.committed');
  });
});

describe('standing items of imported minutes', () => {
  let api: ApiUnderTest;
  const http = () => api.http();

  beforeAll(async () => {
    api = await startApi({ now: '2026-11-25T09:00:00+01:00' });
  });
  afterAll(() => api.close());

  it('keeps the approval, the news and "Evt." of the 2016 example off the case list until asked for', async () => {
    const text = readFileSync(resolve(__dirname, '../../examples/referat-styregruppen-2016-08-18.txt'), 'utf8');
    const review = (await http().post('/api/imports').send({ text }).expect(201)).body;
    const { position } = (await http().post(`/api/imports/${review.id}/commit`).send({}).expect(200)).body;
    const list = async (query: string) =>
      ((await http().get(`/api/cases?after=${position}&forumId=styregruppen&${query}`).expect(200)).body.items as { id: string; standing: boolean }[]).map(
        (item) => `${item.id.replace('styregruppen-2016-08-18-', '')}${item.standing ? ' (fast)' : ''}`,
      );

    expect(await list('')).toEqual(['punkt-2', 'punkt-3', 'punkt-4', 'punkt-5']);
    expect(await list('standing=true')).toEqual(['punkt-1 (fast)', 'punkt-2', 'punkt-3', 'punkt-4', 'punkt-5', 'punkt-6 (fast)', 'punkt-7 (fast)', 'punkt-8 (fast)']);
    const events = (await http().get('/api/cases/styregruppen-2016-08-18-punkt-6/history').expect(200)).body;
    expect(events[0]).toMatchObject({ type: 'CaseProposed', data: { title: 'Nyt fra K17 og KKR', standing: true } });
  });
});

describe('import refusals', () => {
  let api: ApiUnderTest;
  const http = () => api.http();
  const head = async (): Promise<number> => (await http().get('/health').expect(200)).body.details.eventStore.head;

  beforeAll(async () => {
    api = await startApi({ now: '2026-11-25T09:00:00+01:00' });
  });
  afterAll(() => api.close());

  it.each([
    ['empty text', { text: '   \n' }, 'minutes.empty'],
    ['binary junk', { text: '\u0000\u0001\u0002PK\u0003\u0004'.repeat(200) }, 'minutes.not_text'],
    ['a megabyte of text that is no minutes', { text: 'Dette er ikke et referat, blot en meget lang tekst.\n'.repeat(19_000) }, 'minutes.no_items'],
  ])('answers %s with 422 and appends nothing', async (_name, body, code) => {
    const before = await head();
    const answer = await http().post('/api/imports').send(body).expect(422);
    expect(answer.body).toMatchObject({ statusCode: 422, code, message: expect.any(String) });
    expect(await head()).toBe(before);
  });

  it('refuses a text longer than any minutes with 400 naming the text, and appends nothing', async () => {
    const before = await head();
    const answer = await http().post('/api/imports').send({ text: 'Referat af møde i Styregruppen\n'.padEnd(1_000_001, 'x') }).expect(400);
    expect(answer.body).toMatchObject({ code: 'input.invalid', details: [expect.objectContaining({ field: 'text' })] });
    expect(await head()).toBe(before);
  });

  it('takes a body of the longest minutes on the import, and refuses a body that large anywhere else with 413', async () => {
    const before = await head();
    const longest = `Referat af møde i Styregruppen\n${'æ'.repeat(999_000)}`;
    expect((await http().post('/api/imports').send({ text: longest }).expect(422)).body.code).toMatch(/^minutes\./);
    const answer = await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Takstanalyse', kind: 'decision', background: 'æ'.repeat(999_000) }).expect(413);
    expect(answer.body).toMatchObject({ statusCode: 413, code: 'http.payload_too_large' });
    expect(await head()).toBe(before);
  });

  const minutesOf = (date: string, lines: string[]) =>
    ['Referat af møde i Styregruppen', `Dato: ${date}, kl. 10-12`, '', '1. Godkendelse af dagsorden', 'Beslutning:', '• Styregruppen godkendte dagsordenen', '', ...lines].join('\n');

  it('imports all or nothing: a step the rules refuse stops the import before anything is appended', async () => {
    const february = minutesOf('1. februar 2024', ['2. Næste møde', 'Beslutning:', '• Næste møde afholdes 14/3-2024 kl. 10-12']);
    const februaryReview = (await http().post('/api/imports').send({ text: february }).expect(201)).body;
    await http().post(`/api/imports/${februaryReview.id}/commit`).send({}).expect(200);
    await http().post('/api/meetings/styregruppen-2024-03-14/cancel').send({ reason: 'Aflyst' }).expect(200);

    const march = minutesOf('14. marts 2024', ['2. Takstanalyse', 'Beslutning:', '• Styregruppen tog orienteringen til efterretning', '• Sagen videresendes til K17']);
    const review = (await http().post('/api/imports').send({ text: march }).expect(201)).body;
    const before = await head();
    const refused = await http().post(`/api/imports/${review.id}/commit`).send({}).expect(409);
    expect(refused.body).toMatchObject({ statusCode: 409, code: 'meeting.cancelled', message: expect.stringMatching(/linje/) });
    expect(await head()).toBe(before);
    expect((await http().get('/api/cases/styregruppen-2024-03-14-punkt-2')).status).toBe(404);
  });
});

describe('a forum added to the forums file', () => {
  let api: ApiUnderTest;
  const http = () => api.http();

  beforeAll(async () => {
    const shipped = JSON.parse(readFileSync(resolve(__dirname, '../../config/forums.json'), 'utf8'));
    const forumsFile = join(tmpdir(), `forums-${process.pid}.json`);
    const psykiatrigruppen = { id: 'psykiatrigruppen', name: 'Psykiatrigruppen', members: [{ name: 'Formand for Psykiatrigruppen', email: 'formand@psykiatri.example', role: 'chair' }] };
    writeFileSync(forumsFile, JSON.stringify({ forums: [...shipped.forums, psykiatrigruppen] }));
    api = await startApi({ now: '2026-11-25T09:00:00+01:00', env: { FORUMS_FILE: forumsFile } });
  });
  afterAll(() => api.close());

  it('is recognised by its name in imported minutes, and the case is forwarded to it', async () => {
    const text = [
      'Referat af møde i Styregruppen',
      'Dato: 6. marts 2026, kl. 10-12',
      '',
      '1. Ventetider i børne- og ungdomspsykiatrien',
      'Beslutning:',
      '• Styregruppen tog orienteringen til efterretning',
      '• Sagen videresendes til Psykiatrigruppen',
    ].join('\n');
    const review = (await http().post('/api/imports').send({ text }).expect(201)).body;
    expect(review.plan.steps).toEqual(expect.arrayContaining([expect.objectContaining({ command: 'forward-case', toForumIds: ['psykiatrigruppen'] })]));
    await http().post(`/api/imports/${review.id}/commit`).send({}).expect(200);
    const flow = (await http().get('/api/cases/styregruppen-2026-03-06-punkt-1/flow').expect(200)).body;
    expect(flow.waitsIn).toEqual([{ forumId: 'psykiatrigruppen' }]);
  });
});

describe('npm run import', () => {
  beforeAll(() => buildWhereStale(resolve(__dirname, '../../dist/apps/cli/src/main.js')), 180_000);
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [resolve(__dirname, '../../scripts/cli.js'), 'import', ...args], {
      cwd: resolve(__dirname, '../..'),
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: join(tmpdir(), `import-cli-${process.pid}`) },
      timeout: 60_000,
    });

  (present ? it : it.skip)('prints a readable report on a dry run', () => {
    const result = run(join(minutesDir, files[2][1]), '--dry-run');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Hændelser importen vil tilføje');
    expect(result.stdout).toContain('styregruppen-2025-12-12');
  });

  it('says so and stops when the minutes have no date and none is given', () => {
    const file = join(tmpdir(), `no-date-${process.pid}.txt`);
    writeFileSync(file, ['Referat af møde i Styregruppen', '', '1. Godkendelse af dagsorden', 'Beslutning:', '• Styregruppen godkendte dagsordenen'].join('\n'));
    const result = run(file, '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--meeting-date/);
  });
});
