import { IsoDateTime } from '../shared/time';

export type CaseKind = 'decision' | 'discussion' | 'information';
export type DecisionOutcome = 'approved' | 'noted' | 'rejected' | 'decided';
export type ForwardPurpose = 'decision' | 'information';
export interface Attachment {
  title: string;
  url?: string;
}

export type CaseProposed = {
  type: 'CaseProposed';
  data: {
    caseId: string;
    forumId: string;
    title: string;
    kind: CaseKind;
    summary?: string;
    recommendation: string[];
    background?: string;
    attachments: Attachment[];
    presenter?: string;
    /** A standing item of the forum's meetings; absent (as in every event from before it existed) means a matter. */
    standing?: boolean;
    proposedAt: IsoDateTime;
  };
};

export type CaseScheduled = {
  type: 'CaseScheduled';
  data: {
    caseId: string;
    forumId: string;
    meetingId: string;
    startsAt: IsoDateTime;
    /** The forum's meeting it comes from: one it was on (e.g. cancelled), or the one that decided it, when it comes back. */
    previousMeetingId?: string;
    scheduledAt: IsoDateTime;
  };
};

export type CasePostponed = {
  type: 'CasePostponed';
  data: {
    caseId: string;
    forumId: string;
    fromMeetingId: string;
    /** Absent: the case waits for the forum's next meeting. */
    toMeetingId?: string;
    toStartsAt?: IsoDateTime;
    reason?: string;
    postponedAt: IsoDateTime;
  };
};

export type CaseDecided = {
  type: 'CaseDecided';
  data: {
    caseId: string;
    forumId: string;
    meetingId: string;
    outcome: DecisionOutcome;
    text: string;
    points: string[];
    decidedAt: IsoDateTime;
  };
};

export type CaseForwarded = {
  type: 'CaseForwarded';
  data: {
    caseId: string;
    fromForumId: string;
    fromMeetingId: string;
    toForumIds: string[];
    purpose: ForwardPurpose;
    forwardedAt: IsoDateTime;
  };
};

export type CaseWithdrawn = { type: 'CaseWithdrawn'; data: { caseId: string; reason?: string; withdrawnAt: IsoDateTime } };

export type CaseClosed = { type: 'CaseClosed'; data: { caseId: string; closedAt: IsoDateTime } };

export type CaseEvent = CaseProposed | CaseScheduled | CasePostponed | CaseDecided | CaseForwarded | CaseWithdrawn | CaseClosed;

export const caseStreamId = (caseId: string): string => `case-${caseId}`;
