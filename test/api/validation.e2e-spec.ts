import request from 'supertest';
import { ApiUnderTest, startApi } from './api-under-test';

/** Every field of every command body, given a bad value: a 400 that names the field, and nothing appended. */
describe('bad input', () => {
  let api: ApiUnderTest;
  let ids: { caseId: string; meetingId: string; followUpId: string };
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    api = await startApi();
    const meetingId = (await http().post('/api/meetings').send({ forumId: 'styregruppen', startsAt: '2025-05-02T12:00:00+02:00' }).expect(201)).body.id;
    const caseId = (await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Sag', kind: 'decision' }).expect(201)).body.id;
    const followUpId = (
      await http().post(`/api/cases/${caseId}/follow-ups`).send({ description: 'Opfølgning', owners: [{ name: 'Sekretariatet' }] }).expect(201)
    ).body.id;
    ids = { caseId, meetingId, followUpId };
  });
  afterAll(() => api.close());

  const valid = {
    meeting: { forumId: 'styregruppen', startsAt: '2025-08-08T11:00:00+02:00', endsAt: '2025-08-08T14:00:00+02:00', place: 'Teams' },
    reschedule: { startsAt: '2025-08-09T11:00:00+02:00', endsAt: '2025-08-09T14:00:00+02:00' },
    case: {
      forumId: 'styregruppen',
      title: 'Sag',
      kind: 'decision',
      summary: 'Resume',
      recommendation: ['At styregruppen godkender'],
      background: 'Baggrund',
      attachments: [{ title: 'Bilag', url: 'https://example.org/a.pdf' }],
      presenter: 'Sekretariatet',
    },
    decide: { meetingId: 'm1', outcome: 'approved', text: 'Godkendt', points: ['Et punkt'] },
    forward: { meetingId: 'm1', toForumIds: ['k17'], purpose: 'information' },
    postpone: { fromMeetingId: 'm1', toMeetingId: 'm2', reason: 'Tid' },
    followUp: { description: 'Opfølgning', owners: [{ name: 'Sekretariatet', email: 'a@b.dk', organisation: 'Slagelse' }], due: '2025-12-01' },
  };

  const cases: [string, () => string, object, string, unknown][] = [
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'forumId', 42],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'forumId', 'no spaces please'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'forumId', 'no-such-forum'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'startsAt', '2025-08-08T11:00:00'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'startsAt', '8/8'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'endsAt', 'tomorrow'],
    ['schedule meeting', () => '/api/meetings', valid.meeting, 'place', ''],
    ['reschedule meeting', () => `/api/meetings/${ids.meetingId}/reschedule`, valid.reschedule, 'startsAt', 17],
    ['reschedule meeting', () => `/api/meetings/${ids.meetingId}/reschedule`, valid.reschedule, 'endsAt', '2025-13-01T10:00:00+01:00'],
    ['cancel meeting', () => `/api/meetings/${ids.meetingId}/cancel`, {}, 'reason', ['not', 'text']],
    ['mark meeting held', () => `/api/meetings/${ids.meetingId}/held`, {}, 'unexpected', true],
    ['propose case', () => '/api/cases', valid.case, 'forumId', null],
    ['propose case', () => '/api/cases', valid.case, 'title', ''],
    ['propose case', () => '/api/cases', valid.case, 'kind', 'gossip'],
    ['propose case', () => '/api/cases', valid.case, 'summary', 12],
    ['propose case', () => '/api/cases', valid.case, 'recommendation', 'not a list'],
    ['propose case', () => '/api/cases', valid.case, 'recommendation', [1, 2]],
    ['propose case', () => '/api/cases', valid.case, 'background', {}],
    ['propose case', () => '/api/cases', valid.case, 'attachments', [{ url: 'https://example.org' }]],
    ['propose case', () => '/api/cases', valid.case, 'attachments', [{ title: 'Bilag', url: 'not a url' }]],
    ['propose case', () => '/api/cases', valid.case, 'presenter', 7],
    ['schedule case', () => `/api/cases/${ids.caseId}/schedule`, {}, 'meetingId', ''],
    ['postpone case', () => `/api/cases/${ids.caseId}/postpone`, valid.postpone, 'fromMeetingId', undefined],
    ['postpone case', () => `/api/cases/${ids.caseId}/postpone`, valid.postpone, 'toMeetingId', 'a b'],
    ['postpone case', () => `/api/cases/${ids.caseId}/postpone`, valid.postpone, 'reason', false],
    ['decide case', () => `/api/cases/${ids.caseId}/decide`, valid.decide, 'meetingId', 3],
    ['decide case', () => `/api/cases/${ids.caseId}/decide`, valid.decide, 'outcome', 'maybe'],
    ['decide case', () => `/api/cases/${ids.caseId}/decide`, valid.decide, 'text', ''],
    ['decide case', () => `/api/cases/${ids.caseId}/decide`, valid.decide, 'points', [null]],
    ['forward case', () => `/api/cases/${ids.caseId}/forward`, valid.forward, 'meetingId', undefined],
    ['forward case', () => `/api/cases/${ids.caseId}/forward`, valid.forward, 'toForumIds', []],
    ['forward case', () => `/api/cases/${ids.caseId}/forward`, valid.forward, 'toForumIds', ['no-such-forum']],
    ['forward case', () => `/api/cases/${ids.caseId}/forward`, valid.forward, 'purpose', 'gossip'],
    ['withdraw case', () => `/api/cases/${ids.caseId}/withdraw`, {}, 'reason', 5],
    ['close case', () => `/api/cases/${ids.caseId}/close`, {}, 'reason', 'close takes nothing'],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'description', ''],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'owners', []],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'owners', [{ email: 'a@b.dk' }]],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'owners', [{ name: 'X', email: 'not-an-address' }]],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'due', '1/12-2025'],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'due', '2025-02-30'],
    ['assign follow-up', () => `/api/cases/${ids.caseId}/follow-ups`, valid.followUp, 'dueBeforeMeetingOfForumId', 'no-such-forum'],
    ['complete follow-up', () => `/api/follow-ups/${ids.followUpId}/complete`, {}, 'note', 1],
    ['reschedule follow-up', () => `/api/follow-ups/${ids.followUpId}/reschedule`, {}, 'due', undefined],
    ['reschedule follow-up', () => `/api/follow-ups/${ids.followUpId}/reschedule`, {}, 'due', 'soon'],
    ['cancel follow-up', () => `/api/follow-ups/${ids.followUpId}/cancel`, {}, 'reason', []],
  ];

  it.each(cases.map(([name, path, body, field, value]) => [name, field, value, path, body] as const))('%s: %s = %j', async (_name, field, value, path, body) => {
    const before = (await http().get('/health')).body.head;
    const answer = await http()
      .post(path())
      .send({ ...body, [field]: value })
      .expect(400);
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'input.invalid', message: expect.any(String) });
    const fields = (answer.body.details as { field: string; reason: string }[]).map((detail) => detail.field.split('.')[0]);
    expect(fields).toContain(field);
    expect((await http().get('/health')).body.head).toBe(before);
  });

  it('refuses a query parameter of the wrong shape', async () => {
    const answer = await http().get('/api/meetings?from=yesterday').expect(400);
    expect(answer.body.details).toEqual([{ field: 'from', reason: expect.any(String) }]);
  });
});
