import { InMemoryEventStore, InMemoryLog, ReadAllOptions, RecordedEvent } from '@app/event-store';
import { ProjectionRunner } from '@app/read-side';
import { BEHIND_COUNTED_UP_TO } from '@app/workflows';
import request from 'supertest';
import { ApiUnderTest, startApi, TEST_ADMIN } from './api-under-test';

/**
 * A log whose pages are held back until the test lets them go, as a log of a million events keeps the read
 * models folding for seconds after a start. The few events health counts are read at once.
 */
class HeldBackStore extends InMemoryEventStore {
  private letGo!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.letGo = resolve));

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if ((options.maxCount ?? Number.POSITIVE_INFINITY) > BEHIND_COUNTED_UP_TO) await this.released;
    return super.readAll(options);
  }

  release(): void {
    this.letGo();
  }
}

/** An API that has just started on a long log: it answers at once, and says it is catching up until it has. */
describe('an API catching up with its log after a start', () => {
  let api: ApiUnderTest;
  let store: HeldBackStore;
  const client = () => request(api.app.getHttpServer());

  beforeEach(async () => {
    store = new HeldBackStore(new InMemoryLog());
    await store.append('meeting-earlier', [
      { type: 'MeetingScheduled', data: { meetingId: 'earlier', forumId: 'styregruppen', startsAt: '2025-05-09T10:00:00+02:00', scheduledAt: '2025-04-01T09:00:00+02:00' } },
    ]);
    api = await startApi({ store, caughtUp: false });
  });
  afterEach(async () => {
    store.release();
    await api.close();
  });

  it('is live at once, and answers 503 with Retry-After to queries, commands and sign-in until it has caught up', async () => {
    await client().get('/health/live').expect(200);

    const query = await client().get('/api/meetings').set('Authorization', 'Bearer any').expect(503);
    expect(query.body).toEqual({ statusCode: 503, code: 'read_models.catching_up', message: expect.stringMatching(/indlæser/) });
    expect(query.headers['retry-after']).toBe('5');

    const command = await client().post('/api/cases').send({ forumId: 'styregruppen', title: 'Ny sag', kind: 'decision' }).expect(503);
    expect(command.body.code).toBe('read_models.catching_up');
    expect(command.headers['retry-after']).toBe('5');
    await client().post('/api/auth/token').send(TEST_ADMIN).expect(503);

    const ready = await client().get('/health/ready').expect(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.body.error.readModels).toMatchObject({ status: 'down', reason: 'catching up with the log' });

    store.release();
    await api.app.get(ProjectionRunner).whenReady();
    expect((await client().get('/health/ready').expect(200)).body.details.readModels).toMatchObject({ status: 'up', behind: 0 });
    const token = await api.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const meetings = await client().get('/api/meetings').set('Authorization', `Bearer ${token}`).expect(200);
    expect(meetings.body.items.map((meeting: { id: string }) => meeting.id)).toEqual(['earlier']);
  });

  it('shows people a page in Danish that reloads itself, and the links in e-mails the same', async () => {
    for (const path of ['/oversigt', '/log-ind', '/links/udfoer/et-link']) {
      const page = await client().get(path).expect(503);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['retry-after']).toBe('5');
      expect(page.headers.refresh).toBe('5');
      expect(page.text).toContain('<title>Vent lidt – data indlæses – Beslutningsopfølgning</title>');
      expect(page.text).toContain('<h1>Vent lidt – data indlæses</h1>');
    }
  });
});
