/**
 * A forum's pipeline and the process manager's moves for a cancelled meeting of it, timed on the read models of a
 * million events, each checked against a plain scan of every case: the way both worked before the cases were
 * grouped by the forums an open case is still before.
 */
import type { RecordedEvent } from '@app/event-store';
import { casesProjection, forumPipeline, meetingsProjection, reactToScheduling, type CaseSummary, type MeetingView, type ProjectionRunner } from '@app/read-side';
import { printTable } from '../store/report';
import { fmtMs, percentile, timedCalls } from './timing';

/** The cases of the forum's pipeline by a scan of every case: open, before the forum, on no other meeting than its next. */
const scannedPipeline = (cases: Iterable<CaseSummary>, forumId: string, nextMeetingId: string | undefined): string[] =>
  [...cases]
    .filter((summary) => summary.status === 'open' && summary.forums[forumId] && summary.forums[forumId].state !== 'decided')
    .filter((summary) => summary.forums[forumId].state === 'waiting' || summary.forums[forumId].meetingId === nextMeetingId)
    .sort((a, b) => a.forums[forumId].since - b.forums[forumId].since)
    .map((summary) => summary.id);

/** The cases a cancelled meeting leaves to be moved on, by a scan of every case. */
const scannedMoves = (cases: Iterable<CaseSummary>, forumId: string, meetingId: string): string[] =>
  [...cases]
    .filter((summary) => summary.status === 'open' && summary.forums[forumId]?.state === 'scheduled' && summary.forums[forumId]?.meetingId === meetingId)
    .map((summary) => summary.id)
    .sort();

export function measureForumLookups(runner: ProjectionRunner, forumIds: readonly string[], today: string, calls: number, check: (ok: boolean, what: string) => void): void {
  const cases = runner.model(casesProjection);
  const meetings = runner.model(meetingsProjection);
  const now = `${today}T12:00:00+01:00`;
  const rows: { label: string; cells: string[] }[] = [];
  for (const forumId of forumIds) {
    const pipeline = forumPipeline(cases, meetings, forumId, now);
    const expected = scannedPipeline(cases.values(), forumId, pipeline.nextMeeting?.id);
    check(pipeline.cases.map((entry) => entry.caseId).join() === expected.join(), `${forumId}: the pipeline differs from a scan of every case`);
    const pipelineMs = timedCalls(calls, () => forumPipeline(cases, meetings, forumId, now));

    // The forum's meeting with the most open cases on it, asked about as if it had just been cancelled: the
    // process manager then looks for every open case of the forum on that meeting, to move it on.
    const onMeeting = new Map<string, number>();
    for (const summary of cases.values()) {
      const step = summary.status === 'open' ? summary.forums[forumId] : undefined;
      if (step?.state === 'scheduled' && step.meetingId) onMeeting.set(step.meetingId, (onMeeting.get(step.meetingId) ?? 0) + 1);
    }
    const [busiest] = [...onMeeting].sort((a, b) => b[1] - a[1])[0] ?? [[...meetings.values()].find((meeting: MeetingView) => meeting.forumId === forumId)?.id];
    const last = busiest === undefined ? undefined : meetings.get(busiest);
    if (!last) continue;
    const cancelled = { id: `bench-${forumId}`, streamId: `meeting-${last.id}`, type: 'MeetingCancelled', revision: 1, position: runner.position, data: { forumId, meetingId: last.id, reason: 'bench', cancelledAt: now }, metadata: {}, recordedAt: new Date() } as RecordedEvent;
    const moved = reactToScheduling(cancelled, { meetings, cases }, now).map((reaction) => reaction.caseId).sort();
    check(moved.join() === scannedMoves(cases.values(), forumId, last.id).join(), `${forumId}: the process manager's moves differ from a scan of every case`);
    const movesMs = timedCalls(calls, () => reactToScheduling(cancelled, { meetings, cases }, now));
    rows.push({
      label: forumId,
      cells: [String(pipeline.cases.length), fmtMs(percentile(pipelineMs, 0.5)), fmtMs(percentile(pipelineMs, 0.99)), String(moved.length), fmtMs(percentile(movesMs, 0.5)), fmtMs(percentile(movesMs, 0.99))],
    });
  }
  console.log(`a forum's pipeline (GET /api/forums/:id/pipeline) and the process manager's moves for its meeting with most cases on it, cancelled, ${calls} calls each, ms`);
  printTable('forum', ['pipeline cases', 'p50', 'p99', 'cases moved', 'p50', 'p99'], rows);
  console.log(`  over ${cases.size.toLocaleString('en-US')} cases and ${meetings.size.toLocaleString('en-US')} meetings; each checked against a scan of every case`);
}
