import { caseStreamId, followUpStreamId, importStreamId, meetingStreamId } from './index';

// The names of the streams are part of every log already written: a name changed here would leave the
// events of every existing meeting, case, follow-up and import behind in streams nothing reads.
describe('the streams of the log', () => {
  it.each([
    ['a meeting', meetingStreamId, 'styregruppen-2025-09-19', 'meeting-styregruppen-2025-09-19'],
    ['a case', caseStreamId, 'styregruppen-2025-03-06-punkt-2', 'case-styregruppen-2025-03-06-punkt-2'],
    ['a follow-up', followUpStreamId, 'b8f7c1d2', 'follow-up-b8f7c1d2'],
    ['an import', importStreamId, '3e1f', 'import-3e1f'],
  ])('of %s: %j is in %j', (_, streamId, id, name) => {
    expect(streamId(id)).toBe(name);
  });
});
