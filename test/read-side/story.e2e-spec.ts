import { ApiUnderTest, eventually, startApi } from '../api/api-under-test';

/**
 * The summer of 2025 in Styregruppen, told as API calls: what the minutes of 2/5, 8/8 and 19/9 record,
 * and what the secretariat must then see in the flows, pipelines and follow-up lists. Each test tells the
 * story up to its own chapter on a fresh app, so it stands alone and can run alone.
 */
describe('the story of the minutes of 2025', () => {
  let api: ApiUnderTest;
  const http = () => api.http();

  beforeEach(async () => {
    api = await startApi({ now: '2025-04-25T09:00:00+02:00', withWorker: true });
  });
  afterEach(() => api.close());

  const post = async (path: string, body: object, status = 200) => (await http().post(path).send(body).expect(status)).body;

  /** The meetings of Styregruppen, K17 and KKR that summer, scheduled in April. */
  const meetingsOfTheSummer = async () => ({
    may: (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-05-02T12:00:00+02:00', endsAt: '2025-05-02T15:00:00+02:00' }, 201)).id as string,
    august: (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00', endsAt: '2025-08-08T14:00:00+02:00' }, 201)).id as string,
    september: (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-09-19T12:00:00+02:00', place: 'Teams' }, 201)).id as string,
    k17: (await post('/api/meetings', { forumId: 'k17', startsAt: '2025-08-22T09:00:00+02:00' }, 201)).id as string,
    kkr: (await post('/api/meetings', { forumId: 'kkr-sjaelland', startsAt: '2025-09-02T10:00:00+02:00' }, 201)).id as string,
  });
  type Meetings = Awaited<ReturnType<typeof meetingsOfTheSummer>>;

  /** 2/5: the forsorgshjem case, on the agenda of 2/5, is postponed to 8/8 when the agenda is approved. */
  const forsorgshjemPostponedToAugust = async (meetings: Meetings): Promise<string> => {
    const caseId = (await post('/api/cases', { forumId: 'styregruppen', title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem', kind: 'decision' }, 201)).id;
    await post(`/api/cases/${caseId}/schedule`, { meetingId: meetings.may });
    api.clock.set('2025-05-02T12:10:00+02:00');
    await post(`/api/cases/${caseId}/postpone`, { fromMeetingId: meetings.may, toMeetingId: meetings.august, reason: 'Udsat ved godkendelsen af dagsordenen' });
    return caseId;
  };

  /** 8/8: the forsorgshjem case is decided and forwarded to KL Koordinationsforum, which has no meeting yet. */
  const forsorgshjemForwardedToKl = async (meetings: Meetings): Promise<{ caseId: string; position: number }> => {
    const caseId = await forsorgshjemPostponedToAugust(meetings);
    api.clock.set('2025-08-08T11:30:00+02:00');
    await post(`/api/cases/${caseId}/decide`, {
      meetingId: meetings.august,
      outcome: 'decided',
      text: 'Styregruppen besluttede at notatet justeres og videresendes til Koordinationsforum',
    });
    const { position } = await post(`/api/cases/${caseId}/forward`, { meetingId: meetings.august, toForumIds: ['kl-koordinationsforum'], purpose: 'decision' });
    return { caseId, position };
  };

  /** 25/8: the KORA case is put on the agenda of 19/9, and Styregruppen gets a meeting on 24/10 as well. */
  const koraOnSeptemberAgenda = async (meetings: Meetings): Promise<{ caseId: string; october: string }> => {
    api.clock.set('2025-08-25T09:00:00+02:00');
    const caseId = (await post('/api/cases', { forumId: 'styregruppen', title: 'Evaluering ved KORA', kind: 'decision' }, 201)).id;
    await post(`/api/cases/${caseId}/schedule`, { meetingId: meetings.september });
    const october = (await post('/api/meetings', { forumId: 'styregruppen', startsAt: '2025-10-24T12:00:00+02:00' }, 201)).id;
    return { caseId, october };
  };

  it('2/5: the forsorgshjem case is postponed to 8/8 by the approval of the agenda', async () => {
    const meetings = await meetingsOfTheSummer();

    const caseId = await forsorgshjemPostponedToAugust(meetings);

    const agenda = (await http().get(`/api/meetings/${meetings.august}/agenda`).expect(200)).body;
    expect(agenda.items).toEqual([expect.objectContaining({ caseId, carriedOverFrom: meetings.may, state: 'scheduled' })]);
  });

  it('8/8: Socialtilsyn Øst’s annual report is noted and forwarded to K17 and KKR, and lands on their next meetings', async () => {
    const meetings = await meetingsOfTheSummer();
    api.clock.set('2025-07-01T09:00:00+02:00');
    const caseId = (await post('/api/cases', { forumId: 'styregruppen', title: 'Socialtilsyn Øst årsrapport 2024', kind: 'information' }, 201)).id;
    await post(`/api/cases/${caseId}/schedule`, { meetingId: meetings.august });

    api.clock.set('2025-08-08T11:30:00+02:00');
    await post(`/api/cases/${caseId}/decide`, { meetingId: meetings.august, outcome: 'noted', text: 'Styregruppen tog orienteringen til efterretning' });
    const forwarded = await post(`/api/cases/${caseId}/forward`, { meetingId: meetings.august, toForumIds: ['k17', 'kkr-sjaelland'], purpose: 'information' });

    for (const [forumId, meetingId] of [['k17', meetings.k17], ['kkr-sjaelland', meetings.kkr]]) {
      await eventually(async () => {
        const pipeline = (await http().get(`/api/forums/${forumId}/pipeline?after=${forwarded.position}`).expect(200)).body;
        expect(pipeline.nextMeeting.id).toBe(meetingId);
        expect(pipeline.cases).toEqual([
          { caseId, title: 'Socialtilsyn Øst årsrapport 2024', purpose: 'information', fromForumId: 'styregruppen', state: 'scheduled', meetingId },
        ]);
      });
    }
    const k17Agenda = (await http().get(`/api/meetings/${meetings.k17}/agenda`).expect(200)).body;
    expect(k17Agenda.items.map((item: { caseId: string }) => item.caseId)).toEqual([caseId]);

    const flow = (await http().get(`/api/cases/${caseId}/flow`).expect(200)).body;
    expect(flow.steps).toEqual([
      expect.objectContaining({ forumId: 'styregruppen', meetingId: meetings.august, at: '2025-08-08T11:00:00+02:00', what: 'decided', outcome: 'noted', status: 'done' }),
      expect.objectContaining({ forumId: 'styregruppen', meetingId: meetings.august, what: 'forwarded', toForumIds: ['k17', 'kkr-sjaelland'], purpose: 'information', status: 'done' }),
      { forumId: 'k17', meetingId: meetings.k17, at: '2025-08-22T09:00:00+02:00', what: 'scheduled', status: 'scheduled' },
      { forumId: 'kkr-sjaelland', meetingId: meetings.kkr, at: '2025-09-02T10:00:00+02:00', what: 'scheduled', status: 'scheduled' },
    ]);
  });

  it('8/8: the forsorgshjem case is decided and forwarded to KL Koordinationsforum, where it waits for a meeting', async () => {
    const meetings = await meetingsOfTheSummer();

    const { caseId, position } = await forsorgshjemForwardedToKl(meetings);

    const flow = (await http().get(`/api/cases/${caseId}/flow?after=${position}`).expect(200)).body;
    expect(flow.steps.map(({ forumId, meetingId, what, status }: Record<string, string>) => ({ forumId, meetingId, what, status }))).toEqual([
      { forumId: 'styregruppen', meetingId: meetings.may, what: 'postponed', status: 'done' },
      { forumId: 'styregruppen', meetingId: meetings.august, what: 'decided', status: 'done' },
      { forumId: 'styregruppen', meetingId: meetings.august, what: 'forwarded', status: 'done' },
      { forumId: 'kl-koordinationsforum', meetingId: undefined, what: 'waiting', status: 'waiting' },
    ]);
    expect(flow.waitsIn).toEqual([{ forumId: 'kl-koordinationsforum' }]);
    const pipeline = (await http().get('/api/forums/kl-koordinationsforum/pipeline').expect(200)).body;
    expect(pipeline.nextMeeting).toBeUndefined();
    expect(pipeline.cases).toEqual([expect.objectContaining({ caseId, state: 'waiting', fromForumId: 'styregruppen' })]);
  });

  it('a meeting of KL Koordinationsforum is scheduled, and the waiting case moves onto it by itself', async () => {
    const { caseId } = await forsorgshjemForwardedToKl(await meetingsOfTheSummer());

    const scheduled = await post('/api/meetings', { forumId: 'kl-koordinationsforum', startsAt: '2025-10-30T10:00:00+01:00' }, 201);

    await eventually(async () => {
      const flow = (await http().get(`/api/cases/${caseId}/flow?after=${scheduled.position}`).expect(200)).body;
      expect(flow.waitsIn).toEqual([{ forumId: 'kl-koordinationsforum', meetingId: scheduled.id, startsAt: '2025-10-30T10:00:00+01:00' }]);
    });
    const history = (await http().get(`/api/cases/${caseId}/history`).expect(200)).body;
    const reaction = history[history.length - 1];
    expect(reaction).toMatchObject({ type: 'CaseScheduled', metadata: { userId: 'process-manager:case-scheduling' } });
    expect(reaction.metadata.causationId).toEqual(expect.any(String));
  });

  it('a cancelled meeting sends its cases on to the forum’s next meeting', async () => {
    const meetings = await meetingsOfTheSummer();
    const { caseId, october } = await koraOnSeptemberAgenda(meetings);

    const cancelled = await post(`/api/meetings/${meetings.september}/cancel`, { reason: 'Formanden er forhindret' });

    await eventually(async () => {
      const agenda = (await http().get(`/api/meetings/${october}/agenda?after=${cancelled.position}`).expect(200)).body;
      expect(agenda.items).toEqual([expect.objectContaining({ caseId, carriedOverFrom: meetings.september })]);
    });
  });

  it('a follow-up becomes overdue under a fixed clock and leaves the overdue list once completed', async () => {
    const { caseId } = await forsorgshjemForwardedToKl(await meetingsOfTheSummer());
    api.clock.set('2025-08-25T09:00:00+02:00');
    const followUpId = (
      await post(
        `/api/cases/${caseId}/follow-ups`,
        { description: 'Sekretariatet kontakter KORA om evalueringen', owners: [{ name: 'Sekretariatet', email: 'sekretariat@rammeaftale.example' }], due: '2025-09-01' },
        201,
      )
    ).id;
    const open = (await http().get('/api/follow-ups?status=overdue&forumId=styregruppen').expect(200)).body.items;
    expect(open).toEqual([]);

    api.clock.set('2025-09-05T08:00:00+02:00');
    const overdue = (await http().get('/api/follow-ups?status=overdue&forumId=styregruppen').expect(200)).body.items;
    expect(overdue).toEqual([expect.objectContaining({ id: followUpId, caseId, dueDate: '2025-09-01', overdue: true, daysOverdue: 4 })]);
    expect((await http().get('/api/follow-ups?status=overdue&owner=sekretariatet').expect(200)).body.items).toHaveLength(1);

    const completed = await post(`/api/follow-ups/${followUpId}/complete`, { note: 'KORA har svaret' });
    expect((await http().get(`/api/follow-ups?status=overdue&after=${completed.position}`).expect(200)).body).toEqual({ items: [] });
    expect((await http().get(`/api/follow-ups?status=done&caseId=${caseId}`).expect(200)).body.items).toEqual([expect.objectContaining({ id: followUpId, status: 'done' })]);
  });

  it('a follow-up due before the next meeting follows that meeting when it is moved', async () => {
    const meetings = await meetingsOfTheSummer();
    const { caseId, october } = await koraOnSeptemberAgenda(meetings);
    await post(`/api/meetings/${meetings.september}/cancel`, { reason: 'Formanden er forhindret' });
    api.clock.set('2025-10-01T09:00:00+02:00');
    const assigned = await post(
      `/api/cases/${caseId}/follow-ups`,
      { description: 'Dagsorden deles med styregruppen forud for mødet', owners: [{ name: 'Sekretariatet' }], dueBeforeMeetingOfForumId: 'styregruppen' },
      201,
    );
    const before = (await http().get(`/api/follow-ups?caseId=${caseId}&after=${assigned.position}`).expect(200)).body.items;
    expect(before).toEqual([expect.objectContaining({ id: assigned.id, dueDate: '2025-10-24' })]);

    const moved = await post(`/api/meetings/${october}/reschedule`, { startsAt: '2025-10-31T12:00:00+01:00' });

    const after = (await http().get(`/api/follow-ups?caseId=${caseId}&after=${moved.position}`).expect(200)).body.items;
    expect(after).toEqual([expect.objectContaining({ id: assigned.id, dueDate: '2025-10-31', dueMeetingId: october })]);
  });

  it('serves a forum’s meetings as iCalendar', async () => {
    const meetings = await meetingsOfTheSummer();
    await koraOnSeptemberAgenda(meetings);
    const cancelled = await post(`/api/meetings/${meetings.september}/cancel`, { reason: 'Formanden er forhindret' });

    const calendar = await http().get(`/api/forums/styregruppen/calendar.ics?after=${cancelled.position}`).expect(200);

    expect(calendar.headers['content-type']).toMatch(/^text\/calendar/);
    expect(calendar.text).toContain('BEGIN:VCALENDAR');
    expect(calendar.text).toContain('DTSTART:20250808T090000Z');
    expect(calendar.text).toContain('DTSTART:20251024T100000Z');
    expect(calendar.text.match(/STATUS:CANCELLED/g)).toHaveLength(1);
    expect(calendar.text.match(/BEGIN:VEVENT/g)).toHaveLength(4);
  });
});
