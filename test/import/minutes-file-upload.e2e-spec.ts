import { readFileSync } from 'node:fs';
import request from 'supertest';
import { join, resolve } from 'node:path';
import { ApiUnderTest, startApi } from '../api/api-under-test';

/** Minutes sent as the file the secretariat has (PDF, Word, a Windows text file) to POST /api/imports/file. */
const examples = resolve(__dirname, '../../examples');
const example = (name: string) => readFileSync(join(examples, name));

describe('importing minutes as a file through the API', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApi({ now: '2026-11-25T09:00:00+01:00' });
  });
  afterAll(() => api.close());

  it('reads a PDF into the same review as a text body, and says what reading the file did', async () => {
    const review = (await api.http().post('/api/imports/file').attach('file', example('referat-styregruppen-2019-03-14.pdf'), 'referat-2019-03-14.pdf').expect(201)).body;
    expect(review.file).toEqual({ format: 'pdf', notes: expect.arrayContaining(['Teksten er hentet fra en PDF med 2 sider.']) });
    expect(review.report.meeting).toMatchObject({ date: '2019-03-14', forumId: 'styregruppen' });
    expect(review.report.items.map((i: { title: string; outcome: string }) => [i.title, i.outcome])).toEqual([
      ['Godkendelse af dagsorden', 'approved'],
      ['Styringsaftale 2020 – tidsplan og proces', 'approved'],
      ['Kapacitet på de sikrede institutioner', 'decided'],
      ['Orientering om den centrale udmelding for borgere med svære spiseforstyrrelser', 'noted'],
      ['Evt.', 'none'],
    ]);
    expect(review.report.notes).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'source', message: 'Teksten er hentet fra en PDF med 2 sider.' })]));
    const commit = (await api.http().post(`/api/imports/${review.id}/commit`).send({}).expect(200)).body;
    expect(commit.appended).toBeGreaterThan(0);
    expect((await api.http().get('/api/cases/styregruppen-2019-03-14-punkt-3').expect(200)).body.title).toBe('Kapacitet på de sikrede institutioner');
  });

  it('reads a Word file and a Windows-1252 text with the form fields beside them', async () => {
    const word = (await api.http().post('/api/imports/file').field('forumId', 'styregruppen').attach('file', example('referat-styregruppen-2014-11-20.docx'), 'referat.docx').expect(201)).body;
    expect(word.file.format).toBe('docx');
    expect(word.report.items).toHaveLength(5);
    const windows = (await api.http().post('/api/imports/file').attach('file', example('referat-styregruppen-2014-11-20-windows-1252.txt'), 'referat.txt').expect(201)).body;
    expect(windows.file).toMatchObject({ format: 'txt', encoding: 'windows-1252' });
    expect(windows.report.items[2].title).toBe('Den nye økonomimodel for de specialiserede tilbud');
  });

  it('refuses an old .doc with 422 and a Danish reason, and a request without a file with 400', async () => {
    const doc = await api.http().post('/api/imports/file').attach('file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'referat.doc').expect(422);
    expect(doc.body).toMatchObject({ code: 'minutes.unsupported_file', message: expect.stringContaining('.docx') });
    await api.http().post('/api/imports/file').field('forumId', 'styregruppen').expect(400);
  });

  it('is closed without sign-in', async () => {
    await request(api.app.getHttpServer()).post('/api/imports/file').attach('file', example('referat-styregruppen-2019-03-14.pdf'), 'referat.pdf').expect(401);
  });
});
