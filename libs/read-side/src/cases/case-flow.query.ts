import { MeetingsState } from '../meetings/meetings.projection';
import { CasesState, FlowEntry } from './cases.projection';

export interface FlowStep {
  forumId: string;
  meetingId?: string;
  /** The meeting's start where there is a meeting, else when it happened. */
  at?: string;
  what: FlowEntry['what'] | 'scheduled' | 'waiting';
  /** `done` for what has happened; `scheduled` for a coming meeting; `waiting` for a forum with no meeting yet. */
  status: 'done' | 'scheduled' | 'waiting';
  outcome?: FlowEntry['outcome'];
  text?: string;
  toForumIds?: string[];
  toMeetingId?: string;
  purpose?: FlowEntry['purpose'];
}

export interface CaseFlow {
  caseId: string;
  title: string;
  status: string;
  steps: FlowStep[];
  /** Where the case waits now: forums with no meeting yet, or the coming meeting it is on. */
  waitsIn: { forumId: string; meetingId?: string; startsAt?: string }[];
}

/** The escalation chain of a case: every forum and meeting it passed through, in order, and where it waits now. */
export const caseFlow = (cases: CasesState, meetings: MeetingsState, caseId: string): CaseFlow | undefined => {
  const summary = cases.get(caseId);
  if (!summary) return undefined;
  const startOf = (meetingId?: string) => (meetingId ? meetings.get(meetingId)?.startsAt : undefined);
  const history: FlowStep[] = summary.flow.map(({ eventId: _eventId, at, ...entry }) => ({ ...entry, at: startOf(entry.meetingId) ?? at, status: 'done' }));
  const open = summary.status === 'open' ? Object.values(summary.forums).filter((step) => step.state !== 'decided') : [];
  const waitsIn = open
    .sort((a, b) => a.since - b.since)
    .map((step) => ({ forumId: step.forumId, meetingId: step.meetingId, startsAt: startOf(step.meetingId) }));
  const pending: FlowStep[] = waitsIn.map(({ forumId, meetingId, startsAt }) =>
    meetingId ? { forumId, meetingId, at: startsAt, what: 'scheduled', status: 'scheduled' } : { forumId, what: 'waiting', status: 'waiting' },
  );
  return { caseId, title: summary.title, status: summary.status, steps: [...history, ...pending], waitsIn };
};
