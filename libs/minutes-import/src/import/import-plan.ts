import type { CommandInputs } from '@app/domain';
import { DateTime } from 'luxon';
import type { Owner as ReportOwner, ReportItem, ReviewReport, ScheduledMeeting } from '../review-report';

/** The commands an import runs. */
export type ImportCommand =
  | 'schedule-meeting'
  | 'reschedule-meeting'
  | 'propose-case'
  | 'schedule-case'
  | 'postpone-case'
  | 'decide-case'
  | 'forward-case'
  | 'assign-follow-up'
  | 'mark-meeting-held';

/**
 * The commands an import appends, in order, each with the source lines it comes from, its idempotency key
 * and the time it happened. Pure: the review report in, the plan out; the import runs it through the same
 * command handlers as the API, with the same input shape.
 */
export type ImportStep = {
  [Name in ImportCommand]: { command: Name; key: string; lines: number[]; now: string } & CommandInputs[Name] & IdsGiven<CommandInputs[Name]>;
}[ImportCommand];

/** The import names every meeting, case and follow-up itself, so the same minutes give the same ids. */
type IdsGiven<Input> = Required<Pick<Input, Extract<keyof Input, 'meetingId' | 'caseId' | 'followUpId'>>>;

/** A meeting the log holds already, e.g. from an earlier import's Mødekalender. */
export interface KnownMeeting {
  startsAt: string;
  endsAt?: string;
  place?: string;
}

export interface ImportPlan {
  meetingId: string;
  steps: ImportStep[];
  /** What the plan had to guess or leave out, beside the report's own warnings. */
  notes: string[];
}

/**
 * Where the minutes give no time, a meeting is scheduled as all-day; its start is put at 9 o'clock only so
 * that reminders and the order of events have a time to go by, and the plan says so.
 */
const DEFAULT_START_HOUR = 9;

export const meetingIdOf = (forumId: string, date: string): string => `${forumId}-${date}`;

export const caseIdOf = (forumId: string, date: string, number: number, part?: string): string =>
  `${forumId}-${date}-punkt-${number}${part ? `-${part.toLowerCase()}` : ''}`;

/** The ids an import gives cases, read back: which earlier meeting's item a case came from. */
export const importedCaseOrigin = (caseId: string): { forumId: string; date: string; number: number; part?: string } | undefined => {
  const match = /^(.+)-(\d{4}-\d{2}-\d{2})-punkt-(\d+)(?:-([a-z]))?$/.exec(caseId);
  return match ? { forumId: match[1], date: match[2], number: Number(match[3]), part: match[4]?.toUpperCase() } : undefined;
};

const at = (date: string, hour: number, timeZone: string): string =>
  DateTime.fromISO(date, { zone: timeZone }).set({ hour }).toISO({ suppressMilliseconds: true }) as string;

const shift = (time: string, minutes: number): string =>
  DateTime.fromISO(time, { setZone: true }).plus({ minutes }).toISO({ suppressMilliseconds: true }) as string;

const ownerOf = (owner: ReportOwner): { name: string; organisation?: string } =>
  owner.kind === 'municipality' ? { name: owner.name, organisation: owner.name } : { name: owner.name };

const kindOf = (item: ReportItem): 'decision' | 'discussion' | 'information' => item.kind ?? (item.outcome === 'noted' ? 'information' : 'decision');

const decisionText = (item: ReportItem): string => item.decisionText ?? (item.decisionBullets.join('\n') || item.title);

/** `timeZone`: where the meetings are held, for the start given to a meeting the minutes give no time for. */
export const planImport = (report: ReviewReport, known: ReadonlyMap<string, KnownMeeting>, timeZone: string): ImportPlan => {
  const { forumId, date } = report.meeting;
  const meetingId = meetingIdOf(forumId, date);
  const notes: string[] = [];
  const existing = known.get(meetingId);
  const startsAt = report.meeting.startsAt ?? existing?.startsAt ?? at(date, DEFAULT_START_HOUR, timeZone);
  const endsAt = report.meeting.endsAt ?? (report.meeting.startsAt ? undefined : existing?.endsAt);
  const allDay = !report.meeting.startsAt && !existing;
  if (allDay) notes.push(`Mødet ${date} har intet klokkeslæt; det står som heldagsmøde i kalenderen, og påmindelser regner fra kl. ${DEFAULT_START_HOUR}.`);
  // Cases are put on the agenda before the meeting and decided as it begins; the meeting is held as it ends.
  const before = shift(startsAt, -60);
  const during = startsAt;
  const held = endsAt ?? shift(startsAt, 1);
  const key = (...parts: (string | number)[]) => `import.${meetingId}.${parts.join('.')}`;
  const steps: ImportStep[] = [];

  const meetingIds = new Set<string>([meetingId]);
  /** A meeting the log has at another time than these minutes say is moved, where the new time is still to come. */
  const moveIfKnown = (id: string, lines: number[], time: { startsAt?: string; endsAt?: string; place?: string }) => {
    const current = known.get(id);
    const place = time.place !== current?.place ? time.place : undefined;
    if (!current || !time.startsAt || (current.startsAt === time.startsAt && current.endsAt === time.endsAt && place === undefined)) return;
    if (Date.parse(time.startsAt) <= Date.parse(before)) {
      notes.push(`Mødet ${id} står i loggen kl. ${current.startsAt}; referatet siger ${time.startsAt}, men det ligger før referatets møde og flyttes ikke.`);
      return;
    }
    steps.push({ command: 'reschedule-meeting', key: key('move', id, time.startsAt), lines, now: before, meetingId: id, startsAt: time.startsAt, endsAt: time.endsAt, place });
  };
  steps.push({
    command: 'schedule-meeting',
    key: key('meeting', meetingId),
    lines: report.meeting.lines,
    now: before,
    meetingId,
    forumId,
    startsAt,
    endsAt,
    place: report.meeting.place,
    ...(allDay ? { allDay } : {}),
  });
  moveIfKnown(meetingId, report.meeting.lines, report.meeting);
  /** `sources` as the report gives them; a meeting it found only in a Mødekalender is not yet confirmed. */
  const scheduleMeeting = (target: { forumId: string; date: string; startsAt?: string; endsAt?: string; lines: number[]; sources?: ScheduledMeeting['sources'] }) => {
    const id = meetingIdOf(target.forumId, target.date);
    if (meetingIds.has(id)) return;
    meetingIds.add(id);
    steps.push({
      command: 'schedule-meeting',
      key: key('meeting', id),
      lines: target.lines,
      now: before,
      meetingId: id,
      forumId: target.forumId,
      startsAt: target.startsAt ?? at(target.date, DEFAULT_START_HOUR, timeZone),
      endsAt: target.endsAt,
      ...(target.startsAt ? {} : { allDay: true }),
      ...(target.sources?.every((source) => source === 'calendar') && target.sources.length > 0 ? { tentative: true } : {}),
    });
    moveIfKnown(id, target.lines, target);
  };
  report.meetings.forEach(scheduleMeeting);
  for (const item of report.items) {
    if (item.postponedTo?.meetingDate) scheduleMeeting({ ...item.postponedTo, date: item.postponedTo.meetingDate });
  }

  const caseIds = new Map<ReportItem, string>();
  for (const item of report.items) {
    const earlier = item.continues;
    const caseId = earlier ? caseIdOf(forumId, earlier.meetingDate, earlier.itemNumber, earlier.part) : caseIdOf(forumId, date, item.number, item.part);
    caseIds.set(item, caseId);
    if (!earlier) {
      steps.push({
        command: 'propose-case',
        key: key('propose', caseId),
        lines: item.lines,
        now: before,
        caseId,
        forumId,
        title: item.title,
        kind: kindOf(item),
        summary: item.summary,
        recommendation: item.recommendation,
        background: item.background,
        attachments: item.attachments.map(({ title, url }) => ({ title, url })),
        ...(item.standing ? { standing: true } : {}),
      });
    }
    steps.push({ command: 'schedule-case', key: key('schedule', caseId), lines: item.lines, now: before, caseId, meetingId });
  }

  const nextMeetingOfForum = report.meetings
    .filter((meeting) => meeting.forumId === forumId && meeting.date > date)
    .sort((a, b) => a.date.localeCompare(b.date))[0];

  for (const item of report.items) {
    const caseId = caseIds.get(item) as string;
    const lines = item.outcomeLines ?? item.lines;
    if (item.outcome === 'postponed' && item.postponedTo) {
      const target = item.postponedTo.meetingDate ? meetingIdOf(item.postponedTo.forumId, item.postponedTo.meetingDate) : undefined;
      steps.push({ command: 'postpone-case', key: key('postpone', caseId), lines: item.postponedTo.lines, now: during, caseId, fromMeetingId: meetingId, toMeetingId: target });
    } else if (item.outcome === 'approved' || item.outcome === 'noted' || item.outcome === 'decided') {
      steps.push({
        command: 'decide-case',
        key: key('decide', caseId),
        lines,
        now: during,
        caseId,
        meetingId,
        outcome: item.outcome,
        text: decisionText(item),
        points: item.decisionBullets,
      });
    }
    for (const purpose of ['decision', 'information'] as const) {
      const toForumIds = item.forwardedTo.filter((forward) => forward.purpose === purpose && forward.forumId !== forumId).map((forward) => forward.forumId);
      if (toForumIds.length === 0 || item.outcome === 'postponed') continue;
      const forwardLines = item.forwardedTo.filter((forward) => forward.purpose === purpose).flatMap((forward) => forward.lines);
      steps.push({ command: 'forward-case', key: key('forward', caseId, purpose), lines: forwardLines, now: during, caseId, meetingId, toForumIds: [...new Set(toForumIds)], purpose });
    }
    if (item.returnsNextMeeting && item.outcome !== 'postponed') {
      if (nextMeetingOfForum) {
        steps.push({
          command: 'schedule-case',
          key: key('returns', caseId),
          lines: item.returnsNextMeetingLines ?? lines,
          now: during,
          caseId,
          meetingId: meetingIdOf(forumId, nextMeetingOfForum.date),
        });
      } else {
        notes.push(`Punkt ${item.number} skal behandles igen på næste møde, men referatet nævner intet næste møde; sagen sættes ikke på.`);
      }
    }
    item.followUps.forEach((followUp, index) => {
      const followUpId = `${caseId}-opfoelgning-${date}-${index + 1}`;
      const due = followUp.due;
      const dueDate = due?.date && due.date >= date ? due.date : undefined;
      if (due?.date && !dueDate) notes.push(`Fristen ${due.date} for en opfølgning i punkt ${item.number} ligger før mødet; den er udeladt.`);
      const beforeMeeting = dueDate ? undefined : (due?.beforeMeetingOfForumId ?? (due?.nextMeeting ? (due.forumId ?? forumId) : undefined));
      steps.push({
        command: 'assign-follow-up',
        key: key('follow-up', followUpId),
        lines: followUp.lines,
        now: during,
        followUpId,
        caseId,
        description: followUp.description,
        owners: followUp.owners.map(ownerOf),
        due: dueDate,
        dueBeforeMeetingOfForumId: beforeMeeting,
      });
    });
  }

  steps.push({ command: 'mark-meeting-held', key: key('held'), lines: report.meeting.lines, now: held, meetingId });
  return { meetingId, steps, notes };
};
