import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiUnderTest, startApi } from '../api/api-under-test';

const fixture = readFileSync(join(__dirname, '../../libs/minutes-import/src/fixtures/meetings.txt'), 'utf8');

/** The VEVENT of one meeting, its folded lines joined. */
const eventOf = (ics: string, meetingId: string): string => {
  const unfolded = ics.replace(/\r?\n[ \t]/g, '');
  const event = unfolded.split('BEGIN:VEVENT').find((block) => block.includes(`UID:${meetingId}@`));
  if (!event) throw new Error(`No VEVENT for ${meetingId} in:\n${ics}`);
  return event;
};

/** Meetings the minutes list ahead, as the forum's calendar subscribers see them after the import. */
describe('meetings from imported minutes in the forum calendar', () => {
  let api: ApiUnderTest;
  let ics: string;

  beforeAll(async () => {
    api = await startApi({ now: '2025-10-01T09:00:00+02:00' });
    const review = await api.http().post('/api/imports').send({ text: fixture, fileName: 'meetings.txt' }).expect(201);
    const commit = await api.http().post(`/api/imports/${review.body.id}/commit`).send({}).expect(200);
    ics = (await api.http().get(`/api/forums/styregruppen/calendar.ics?after=${commit.body.position ?? ''}`).expect(200)).text;
  });
  afterAll(() => api.close());

  it('shows a meeting listed only in the Mødekalender, without a time, as a tentative all-day event', () => {
    const event = eventOf(ics, 'styregruppen-2026-01-16');
    expect(event).toMatch(/^DTSTART;VALUE=DATE:20260116\r?$/m);
    expect(event).toMatch(/^DTEND;VALUE=DATE:20260117\r?$/m);
    expect(event).toMatch(/^STATUS:TENTATIVE\r?$/m);
  });

  it('shows the next meeting, whose time the minutes give, at that time and confirmed', () => {
    const event = eventOf(ics, 'styregruppen-2025-11-28');
    expect(event).toMatch(/^DTSTART:20251128T080000Z\r?$/m);
    expect(event).toMatch(/^STATUS:CONFIRMED\r?$/m);
  });
});
