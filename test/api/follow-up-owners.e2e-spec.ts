import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiUnderTest, startApi } from './api-under-test';

/** The follow-up list tells, owner by owner, whether reminders can reach them, resolved with the directory. */
describe('owners in the follow-up list', () => {
  let api: ApiUnderTest;
  const http = () => api.http();
  afterEach(() => api.close());

  const assignFollowUp = async (owners: object[]): Promise<{ caseId: string; position: number }> => {
    const caseId = (await http().post('/api/cases').send({ forumId: 'styregruppen', title: 'Kapacitet på botilbud for voksne', kind: 'decision' }).expect(201)).body.id;
    const assigned = await http()
      .post(`/api/cases/${caseId}/follow-ups`)
      .send({ description: 'Opgørelse af ventelister', owners, due: '2025-06-01' })
      .expect(201);
    return { caseId, position: assigned.body.position };
  };

  it('marks owners with an address of their own or in the directory as reachable, and the others "ingen e-mailadresse"', async () => {
    // Given the shipped directory and a follow-up with the owners the minutes name
    api = await startApi();
    const { caseId, position } = await assignFollowUp([
      { name: 'Sekretariatet' },
      { name: 'Slagelse Kommune', organisation: 'Slagelse Kommune' },
      { name: 'Socialstyrelsen' },
      { name: 'Mette Berg', email: 'mette.berg@soroe.example' },
    ]);

    // When the follow-ups are listed
    const listed = await http().get(`/api/follow-ups?caseId=${caseId}&after=${position}`).expect(200);

    // Then each owner says whether reminders reach them
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].owners).toEqual([
      { name: 'Sekretariatet', reachable: true },
      { name: 'Slagelse Kommune', organisation: 'Slagelse Kommune', reachable: true },
      { name: 'Socialstyrelsen', reachable: false, note: 'ingen e-mailadresse' },
      { name: 'Mette Berg', email: 'mette.berg@soroe.example', reachable: true },
    ]);
  });

  it('resolves with the directory the API was started with, also for follow-ups given before it had the address', async () => {
    // Given a follow-up for Socialstyrelsen, which the shipped directory does not know
    api = await startApi();
    const { caseId, position } = await assignFollowUp([{ name: 'Socialstyrelsen' }]);
    await api.close({ keepData: true });

    // When the API is started again with a directory that has Socialstyrelsen
    const directoryFile = join(api.dataDir, 'directory.json');
    writeFileSync(
      directoryFile,
      JSON.stringify({
        entries: [
          { name: 'Rammeaftalesekretariatet', email: 'sekretariat@rammeaftale.example', aliases: ['Sekretariatet'], secretariat: true },
          { name: 'Socialstyrelsen', email: 'post@socialstyrelsen.example' },
        ],
      }),
    );
    api = await startApi({ dataDir: api.dataDir, env: { DIRECTORY_FILE: directoryFile } });

    // Then the owner is listed as reachable
    const listed = await http().get(`/api/follow-ups?caseId=${caseId}&after=${position}`).expect(200);
    expect(listed.body.items[0].owners).toEqual([{ name: 'Socialstyrelsen', reachable: true }]);
  });
});
