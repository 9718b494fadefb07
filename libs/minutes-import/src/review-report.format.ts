import { danishClock, danishShortDate } from './danish-dates';
import type { DuePoint, FollowUp, ItemOutcome, Owner, MinutesForum, ParseError, Person, ReportItem, ReviewReport, ScheduledMeeting } from './review-report';

/** The review report as a person reads it before the import is committed: in Danish, with line numbers. */

type ForumName = (forumId: string) => string;

const OUTCOME: Readonly<Record<ItemOutcome, string>> = {
  approved: 'godkendt',
  noted: 'taget til efterretning',
  decided: 'besluttet',
  postponed: 'udsat',
  none: 'intet udfald',
};

/** `forums` gives the names printed for the report's forum ids: the list the minutes were parsed with. */
export function formatReviewReport(report: ReviewReport, forums: readonly MinutesForum[]): string {
  const byId = new Map(forums.map((forum) => [forum.id, forum.name]));
  const names: ForumName = (id) => byId.get(id) ?? id;
  const out: string[] = [];
  const m = report.meeting;
  const when = [danishShortDate(m.date), timeSpan(m.startsAt, m.endsAt)].filter(Boolean).join(' ');
  out.push(`Referat: ${names(m.forumId)}, ${when}${m.place ? `, ${m.place}` : ''}`);
  if (m.dateSource === 'option') out.push('  (datoen er angivet ved importen; referatet har ingen datolinje)');
  if (report.participants.length > 0) out.push(`Deltagere (${report.participants.length}): ${people(report.participants)}`);
  if (report.guests.length > 0) out.push(`Gæster (${report.guests.length}): ${people(report.guests)}`);
  if (report.absent.length > 0) out.push(`Afbud (${report.absent.length}): ${people(report.absent)}`);
  if (m.minuteTaker) out.push(`Referent: ${people([m.minuteTaker])}`);

  out.push('', `Punkter (${report.items.length}):`);
  for (const item of report.items) out.push(...formatItem(item, names));

  out.push('', `Møder at planlægge (${report.meetings.length}):`);
  for (const meeting of report.meetings) out.push(`  ${formatMeeting(meeting, names)}`);

  out.push('', `Sætninger der ikke kunne klassificeres (${report.unclassified.length}):`);
  for (const u of report.unclassified) {
    const where = `linje ${lineSpan(u.lines)}${u.itemNumber !== undefined ? `, punkt ${u.itemNumber}${u.part ?? ''}` : ''}`;
    out.push(`  ${where}: ${u.text}${u.reason ? `  [${u.reason}]` : ''}`);
  }

  if (report.notes && report.notes.length > 0) {
    out.push('', `Sådan er teksten læst (${report.notes.length}):`);
    for (const n of report.notes) out.push(`  ${n.lines && n.lines.length > 0 ? `linje ${lineSpan(n.lines)}: ` : ''}${n.message}`);
  }

  out.push('', `Advarsler (${report.warnings.length}):`);
  for (const w of report.warnings) out.push(`  ${w.line !== undefined ? `linje ${w.line}: ` : ''}${w.message}`);
  return `${out.join('\n')}\n`;
}

export function formatParseError(error: ParseError): string {
  return `Referatet blev ikke importeret: ${error.message}${error.line !== undefined ? ` (linje ${error.line})` : ''}\n`;
}

function formatItem(item: ReportItem, names: ForumName): string[] {
  const out: string[] = [];
  const label = `${item.number}${item.part ? ` ${item.part})` : '.'}`;
  out.push(`  ${label} ${item.title}${item.standing ? '  [fast punkt]' : ''}  (linje ${item.lines[0]}-${item.lines[1]})`);
  let outcome = `     Udfald: ${OUTCOME[item.outcome]}`;
  if (item.outcomeLines) outcome += ` (linje ${lineSpan(item.outcomeLines)})`;
  out.push(outcome);
  if (item.decisionText) out.push(`     Beslutning: ${item.decisionText}`);
  if (item.postponedTo) {
    const p = item.postponedTo;
    const target = p.meetingDate ? `mødet ${danishShortDate(p.meetingDate)}` : 'næste møde';
    const by = p.byItemNumber !== undefined ? `, besluttet under punkt ${p.byItemNumber}` : '';
    out.push(`     Udsat til ${target} i ${names(p.forumId)}${by} (linje ${lineSpan(p.lines)})`);
  }
  if (item.returnsNextMeeting) {
    out.push(`     Behandles igen på næste møde (linje ${lineSpan(item.returnsNextMeetingLines ?? [])})`);
  }
  for (const f of item.forwardedTo) {
    const purpose = f.purpose === 'information' ? 'til orientering' : 'til beslutning';
    out.push(`     Sendes videre til ${names(f.forumId)} ${purpose}${f.purposeGuessed ? ' (formål antaget)' : ''} (linje ${lineSpan(f.lines)})`);
  }
  for (const f of item.followUps) out.push(`     ${formatFollowUp(f, names)}`);
  if (item.continues) {
    out.push(`     Fortsætter punkt ${item.continues.itemNumber}${item.continues.part ?? ''} fra mødet ${danishShortDate(item.continues.meetingDate)}`);
  } else if (item.continuesFrom) {
    out.push(`     Fortsætter en sag fra mødet ${danishShortDate(item.continuesFrom.meetingDate)} (ikke koblet)`);
  }
  if (item.attachments.length > 0) {
    out.push(`     Bilag: ${item.attachments.map((a) => (a.url ? `${a.title} <${a.url}>` : a.title)).join('; ')}`);
  }
  return out;
}

function formatFollowUp(f: FollowUp, names: ForumName): string {
  const label = f.kind === 'awaiting' ? 'Afventer' : 'Opfølgning';
  const owners = f.owners.map(ownerName).join(', ') + (f.ownerGuessed ? ' (antaget)' : '');
  const due = f.due ? `; frist: ${formatDue(f.due, names)}` : '';
  return `${label}: ${f.description} – ansvarlig: ${owners}${due} (linje ${lineSpan(f.lines)})`;
}

function ownerName(o: Owner): string {
  return o.name;
}

function formatDue(due: DuePoint, names: ForumName): string {
  if (due.beforeMeetingOfForumId) return `før næste møde i ${names(due.beforeMeetingOfForumId)}`;
  if (due.nextMeeting) return `næste møde i ${names(due.forumId ?? '')}`;
  if (due.date && due.fuzzy) return `${due.text} (${danishShortDate(due.date)})`;
  if (due.date) return danishShortDate(due.date);
  return due.text;
}

function formatMeeting(m: ScheduledMeeting, names: ForumName): string {
  const parts = [`${names(m.forumId)} ${danishShortDate(m.date)}`];
  const time = timeSpan(m.startsAt, m.endsAt);
  if (time) parts.push(time);
  if (m.note) parts.push(`– ${m.note}`);
  if (m.absent && m.absent.length > 0) parts.push(`(afbud: ${m.absent.map((a) => a.name).join(', ')})`);
  const source = m.sources.map((s) => (s === 'calendar' ? 'Mødekalender' : 'Næste møde')).join(' og ');
  parts.push(`[${source}, linje ${lineSpan(m.lines)}${m.yearGuessed ? ', årstal antaget' : ''}]`);
  return parts.join(' ');
}

function people(list: Person[]): string {
  return list
    .map((p) => [p.name, p.organisation].filter(Boolean).join(', ') + (p.chair ? ' (formand)' : ''))
    .join('; ');
}

function timeSpan(startsAt?: string, endsAt?: string): string {
  if (!startsAt) return '';
  return endsAt ? `kl. ${danishClock(startsAt)}-${danishClock(endsAt)}` : `kl. ${danishClock(startsAt)}`;
}

/** "13, 15" or "13-15" for consecutive runs, so a reader can find the lines. */
function lineSpan(lines: number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] <= sorted[j] + 2) j++;
    runs.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}
