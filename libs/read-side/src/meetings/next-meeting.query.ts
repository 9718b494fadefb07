import { MeetingsState, MeetingView } from './meetings.projection';

/** The forum's first meeting that starts after `after` and is not cancelled. */
export const nextMeetingOf = (meetings: MeetingsState, forumId: string, after: string, options: { includeHeld?: boolean } = {}): MeetingView | undefined => {
  const from = Date.parse(after);
  let next: MeetingView | undefined;
  for (const meeting of meetings.values()) {
    if (meeting.forumId !== forumId || meeting.status === 'cancelled' || (meeting.status === 'held' && !options.includeHeld)) continue;
    const starts = Date.parse(meeting.startsAt);
    if (starts > from && (!next || starts < Date.parse(next.startsAt))) next = meeting;
  }
  return next;
};
