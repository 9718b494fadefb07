import { MeetingsState, MeetingView } from '../meetings/meetings.projection';
import { nextMeetingOf } from '../meetings/next-meeting.query';
import { entitiesIn } from '../projection-runner/projection';
import { GroupedCasesState } from './cases.projection';

export interface PipelineEntry {
  caseId: string;
  title: string;
  purpose: 'decision' | 'information';
  fromForumId?: string;
  state: 'waiting' | 'scheduled';
  meetingId?: string;
}

export interface ForumPipeline {
  forumId: string;
  nextMeeting?: MeetingView;
  cases: PipelineEntry[];
}

/** What goes to a forum: open cases that wait for one of its meetings, or are on its next one. */
export const forumPipeline = (cases: GroupedCasesState, meetings: MeetingsState, forumId: string, now: string): ForumPipeline => {
  const nextMeeting = nextMeetingOf(meetings, forumId, now);
  const entries = [...entitiesIn(cases, forumId)]
    .filter((summary) => summary.status === 'open')
    .flatMap((summary) => {
      const step = summary.forums[forumId];
      if (!step || step.state === 'decided') return [];
      if (step.state === 'scheduled' && step.meetingId !== nextMeeting?.id) return [];
      return [{ since: step.since, entry: { caseId: summary.id, title: summary.title, purpose: step.purpose, fromForumId: step.fromForumId, state: step.state, meetingId: step.meetingId } }];
    })
    .sort((a, b) => a.since - b.since)
    .map(({ entry }) => entry);
  return { forumId, nextMeeting, cases: entries };
};
