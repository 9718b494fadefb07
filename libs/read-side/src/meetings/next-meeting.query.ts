import { parsedOnce } from '../parsed-once';
import { MeetingsState, MeetingView } from './meetings.projection';

/** The forum's first meeting that starts after `after` and is not cancelled. */
export const nextMeetingOf = (meetings: MeetingsState, forumId: string, after: string, options: { includeHeld?: boolean } = {}): MeetingView | undefined => {
  const from = Date.parse(after);
  let next: MeetingView | undefined;
  // Kept beside `next` so each candidate is parsed once, not again for every comparison.
  let nextStarts = Number.NaN;
  for (const meeting of meetings.values()) {
    if (meeting.forumId !== forumId || meeting.status === 'cancelled' || (meeting.status === 'held' && !options.includeHeld)) continue;
    const starts = Date.parse(meeting.startsAt);
    if (starts > from && (!next || starts < nextStarts)) {
      next = meeting;
      nextStarts = starts;
    }
  }
  return next;
};

const startOf = parsedOnce((meeting: MeetingView) => meeting.startsAt);

/**
 * `nextMeetingOf` for many look-ups against the same meetings, as a list query makes: each forum's meetings
 * are parsed and sorted once, on its first look-up, and each look-up is then a binary search instead of a
 * pass over every meeting. Gives exactly what `nextMeetingOf` gives, ties included (the sort is stable, so
 * of meetings starting at the same time the first in the map still wins). Build one per query: it does not
 * see meetings that change after it was made. `after` is a timestamp, or its milliseconds where the caller has
 * them parsed already.
 */
export const nextMeetingFinder = (
  meetings: MeetingsState,
  options: { includeHeld?: boolean } = {},
): ((forumId: string, after: string | number) => MeetingView | undefined) => {
  const byForum = new Map<string, { starts: number[]; meetings: MeetingView[] }>();
  const indexOf = (forumId: string): { starts: number[]; meetings: MeetingView[] } => {
    let index = byForum.get(forumId);
    if (index) return index;
    const candidates: { starts: number; meeting: MeetingView }[] = [];
    for (const meeting of meetings.values()) {
      if (meeting.forumId !== forumId || meeting.status === 'cancelled' || (meeting.status === 'held' && !options.includeHeld)) continue;
      const starts = startOf(meeting);
      // An unparseable start is never "after" anything, so nextMeetingOf never picks it.
      if (!Number.isNaN(starts)) candidates.push({ starts, meeting });
    }
    candidates.sort((a, b) => a.starts - b.starts);
    index = { starts: candidates.map((c) => c.starts), meetings: candidates.map((c) => c.meeting) };
    byForum.set(forumId, index);
    return index;
  };
  return (forumId, after) => {
    const from = typeof after === 'number' ? after : Date.parse(after);
    if (Number.isNaN(from)) return undefined;
    const { starts, meetings: sorted } = indexOf(forumId);
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (starts[mid] > from) high = mid;
      else low = mid + 1;
    }
    return sorted[low];
  };
};
