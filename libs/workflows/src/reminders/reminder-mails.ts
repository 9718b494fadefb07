import { AppConfig, ReminderSettings, ScheduledReminderKind } from '@app/config';
import { DirectoryEntry, EscalationLevel, escalationLevels, Forum, Owner, ReminderKey } from '@app/domain';
import {
  casesProjection,
  followUpsModelsOf,
  FollowUpView,
  listFollowUps,
  meetingAgenda,
  meetingsProjection,
  MeetingView,
  ReadModels,
} from '@app/read-side';
import { DateTime } from 'luxon';
import { completionLink, completionLinkExpiry } from './completion-links';
import { MailCase, MailFollowUp, MailMeeting, Recipient, ReminderMail } from './reminder-mail';
import { fireTime, followUpOfRequestedReminder, followUpReminder } from './reminder-times';
import { resolveOwners, secretariatOf } from './recipients';

/** One e-mail to send: its key in the reminder ledger, its recipient, and what it is about. */
export interface PendingMail {
  key: ReminderKey;
  recipient: Recipient;
  mail: ReminderMail;
}

export interface MailContext {
  view: ReadModels;
  forums: readonly Forum[];
  directory: readonly DirectoryEntry[];
  settings: ReminderSettings;
  config: Pick<AppConfig, 'meetingTimeZone' | 'publicUrl'>;
  linkSecret: string;
  now: Date;
}

const forumName = (forums: readonly Forum[], forumId: string): string => forums.find((forum) => forum.id === forumId)?.name ?? forumId;

const mailMeeting = (meeting: MeetingView, forums: readonly Forum[]): MailMeeting => ({
  id: meeting.id,
  forumName: forumName(forums, meeting.forumId),
  startsAt: meeting.startsAt,
  endsAt: meeting.endsAt,
  place: meeting.place,
});

const sameAddress = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Mails by recipient address: one mail each, whatever it lists. */
const byRecipient = <Item>(entries: { recipient: Recipient; item: Item }[]): { recipient: Recipient; items: Item[] }[] => {
  const grouped: { recipient: Recipient; items: Item[] }[] = [];
  for (const { recipient, item } of entries) {
    const group = grouped.find((candidate) => sameAddress(candidate.recipient.email, recipient.email));
    if (group) group.items.push(item);
    else grouped.push({ recipient, items: [item] });
  }
  return grouped;
};

/**
 * Who receives a mail for these owners, with what each is told: every owner with an address, and the
 * secretariat for the owners without one, told which of them could not be reached.
 */
const ownersAndSecretariat = (owners: readonly Owner[], directory: readonly DirectoryEntry[]): { recipient: Recipient; unreachable: string[] }[] => {
  const { recipients, unreachable } = resolveOwners(owners, directory);
  const told = recipients.map((recipient) => ({ recipient, unreachable: [] as string[] }));
  if (unreachable.length === 0) return told;
  const secretariat = secretariatOf(directory);
  const already = told.find((entry) => sameAddress(entry.recipient.email, secretariat.email));
  if (already) already.unreachable = unreachable;
  else told.push({ recipient: secretariat, unreachable });
  return told;
};

/**
 * The follow-up as a mail shows it. Its owners get the link that marks it done; the secretariat, told on
 * behalf of owners it could not reach, gets it too: it is the one who will chase them.
 */
const mailFollowUp = (followUp: FollowUpView, context: MailContext, unreachable: string[]): MailFollowUp => ({
  id: followUp.id,
  description: followUp.description,
  caseTitle: context.view.model(casesProjection).get(followUp.caseId)?.title ?? followUp.caseId,
  forumName: forumName(context.forums, followUp.forumId),
  due: followUp.dueDate,
  daysOverdue: followUp.daysOverdue,
  owners: followUp.owners.map((owner) => owner.name),
  unreachableOwners: unreachable,
  completeUrl: completionLink(context.linkSecret, followUp.id, completionLinkExpiry(context.now), context.config.publicUrl),
});

const today = (context: MailContext): string => DateTime.fromJSDate(context.now, { zone: context.config.meetingTimeZone }).toISODate() as string;

/** The follow-ups as lists show them (due dates resolved, days overdue counted), from the view as it is now. */
const followUpViews = (context: MailContext, status: 'open' | 'overdue'): FollowUpView[] =>
  listFollowUps(
    followUpsModelsOf(context.view),
    context.view.model(meetingsProjection),
    { status },
    today(context),
  );

/** A meeting's reminder is still wanted where the meeting is still to come at the time the job was set for. */
const meetingStillDue = (meeting: MeetingView | undefined, kind: ScheduledReminderKind, fireAt: string, context: MailContext): meeting is MeetingView =>
  meeting !== undefined &&
  meeting.status === 'scheduled' &&
  Date.parse(meeting.startsAt) > context.now.getTime() &&
  fireTime(context.settings.kinds[kind], meeting.startsAt, context.config.meetingTimeZone).toMillis() === Date.parse(fireAt);

const agendaMails = (meeting: MeetingView, context: MailContext): PendingMail[] => {
  const agenda = meetingAgenda(context.view.model(casesProjection), context.view.model(meetingsProjection), meeting.id);
  const cases: MailCase[] = (agenda?.items ?? []).filter((item) => item.state === 'scheduled').map((item) => ({ id: item.caseId, title: item.title, presenter: item.presenter, carriedOver: item.carriedOverFrom !== undefined }));
  const members = context.forums.find((forum) => forum.id === meeting.forumId)?.members ?? [];
  return members.map((member) => ({
    key: { kind: 'agenda', subjectId: meeting.id, recipient: member.email },
    recipient: { name: member.name, email: member.email },
    mail: { kind: 'agenda', meeting: mailMeeting(meeting, context.forums), cases },
  }));
};

const materialDeadlineMails = (meeting: MeetingView, context: MailContext): PendingMail[] => {
  const agenda = meetingAgenda(context.view.model(casesProjection), context.view.model(meetingsProjection), meeting.id);
  const entries = (agenda?.items ?? [])
    .filter((item) => item.state === 'scheduled' && item.presenter)
    .flatMap((item) =>
      ownersAndSecretariat([{ name: item.presenter as string }], context.directory).map(({ recipient }) => ({
        recipient,
        item: { id: item.caseId, title: item.title, presenter: item.presenter, carriedOver: item.carriedOverFrom !== undefined } satisfies MailCase,
      })),
    );
  return byRecipient(entries).map(({ recipient, items }) => ({
    key: { kind: 'material-deadline', subjectId: meeting.id, recipient: recipient.email },
    recipient,
    mail: { kind: 'material-deadline', meeting: mailMeeting(meeting, context.forums), cases: items },
  }));
};

const followUpsDueMails = (meeting: MeetingView, context: MailContext): PendingMail[] => {
  const due = followUpViews(context, 'open').filter((followUp) => followUp.dueMeetingId === meeting.id);
  const entries = due.flatMap((followUp) =>
    ownersAndSecretariat(followUp.owners, context.directory).map(({ recipient, unreachable }) => ({ recipient, item: mailFollowUp(followUp, context, unreachable) })),
  );
  return byRecipient(entries).map(({ recipient, items }) => ({
    key: { kind: 'follow-ups-due', subjectId: meeting.id, recipient: recipient.email },
    recipient,
    mail: { kind: 'follow-ups-due', meeting: mailMeeting(meeting, context.forums), followUps: items },
  }));
};

const followUpDueDateMails = (followUpId: string, fireAt: string, context: MailContext): PendingMail[] => {
  const followUp = followUpViews(context, 'open').find((candidate) => candidate.id === followUpId);
  if (!followUp?.due || followUpReminder({ id: followUp.id, due: followUp.due }, context.settings, context.config.meetingTimeZone).fireAt !== new Date(fireAt).toISOString()) return [];
  return ownersAndSecretariat(followUp.owners, context.directory).map(({ recipient, unreachable }) => ({
    key: { kind: 'follow-up-due-date', subjectId: followUp.id, recipient: recipient.email },
    recipient,
    mail: { kind: 'follow-up-due-date', followUp: mailFollowUp(followUp, context, unreachable) },
  }));
};

/** The reminder a person asked for: the follow-up's own mail to its owners, as long as it is still open. */
const requestedMails = (subjectId: string, context: MailContext): PendingMail[] => {
  const followUpId = followUpOfRequestedReminder(subjectId);
  const followUp = followUpViews(context, 'open').find((candidate) => candidate.id === followUpId);
  if (!followUp) return [];
  return ownersAndSecretariat(followUp.owners, context.directory).map(({ recipient, unreachable }) => ({
    key: { kind: 'follow-up-requested', subjectId, recipient: recipient.email },
    recipient,
    mail: { kind: 'follow-up-due-date', followUp: mailFollowUp(followUp, context, unreachable) },
  }));
};

/** Who is told at each step of the ladder: the owners, the secretariat, the forum's chair. */
const escalationMails = (level: Exclude<EscalationLevel, 'agenda'>, followUpId: string, context: MailContext): PendingMail[] => {
  const followUp = followUpViews(context, 'overdue').find((candidate) => candidate.id === followUpId);
  const reached = followUp?.escalatedTo === undefined ? -1 : escalationLevels.indexOf(followUp.escalatedTo);
  if (!followUp || reached < escalationLevels.indexOf(level)) return [];
  const told =
    level === 'owner'
      ? ownersAndSecretariat(followUp.owners, context.directory)
      : level === 'secretariat'
        ? [{ recipient: secretariatOf(context.directory), unreachable: [] }]
        : (context.forums.find((forum) => forum.id === followUp.forumId)?.members ?? [])
            .filter((member) => member.role === 'chair')
            .map((member) => ({ recipient: { name: member.name, email: member.email }, unreachable: [] }));
  return told.map(({ recipient, unreachable }) => ({
    key: { kind: `escalation-${level}`, subjectId: followUp.id, recipient: recipient.email },
    recipient,
    mail: { kind: 'escalation', level, followUp: mailFollowUp(followUp, context, unreachable) },
  }));
};

/** Each forum's chair gets the forum's overdue follow-ups once a day, where it has any. */
export const digestMails = (context: MailContext): PendingMail[] => {
  const date = today(context);
  const overdue = followUpViews(context, 'overdue');
  return context.forums.flatMap((forum) => {
    const ofForum = overdue.filter((followUp) => followUp.forumId === forum.id);
    if (ofForum.length === 0) return [];
    return forum.members
      .filter((member) => member.role === 'chair')
      .map((chair) => ({
        key: { kind: 'overdue-digest', subjectId: `${forum.id}.${date}`, recipient: chair.email },
        recipient: { name: chair.name, email: chair.email },
        mail: { kind: 'overdue-digest', forumName: forum.name, date, followUps: ofForum.map((followUp) => mailFollowUp(followUp, context, [])) },
      }));
  });
};

/**
 * The e-mails a reminder job stands for, worked out from the view as it is when the job fires. A job whose
 * subject has moved or gone since it was set (a meeting moved, a follow-up done) stands for none: the
 * scheduler has set a new one where one is still wanted.
 */
export const mailsFor = (kind: string, subjectId: string, fireAt: string, context: MailContext): PendingMail[] => {
  const meeting = context.view.model(meetingsProjection).get(subjectId);
  switch (kind) {
    case 'agenda':
      return meetingStillDue(meeting, kind, fireAt, context) ? agendaMails(meeting, context) : [];
    case 'material-deadline':
      return meetingStillDue(meeting, kind, fireAt, context) ? materialDeadlineMails(meeting, context) : [];
    case 'follow-ups-due':
      return meetingStillDue(meeting, kind, fireAt, context) ? followUpsDueMails(meeting, context) : [];
    case 'follow-up-due-date':
      return followUpDueDateMails(subjectId, fireAt, context);
    case 'follow-up-requested':
      return requestedMails(subjectId, context);
    case 'escalation-owner':
    case 'escalation-secretariat':
    case 'escalation-chair':
      return escalationMails(kind.slice('escalation-'.length) as Exclude<EscalationLevel, 'agenda'>, subjectId, context);
    default:
      return [];
  }
};

/** The steps of the ladder an overdue follow-up has reached and not yet taken, in order. */
export const stepsDue = (followUp: FollowUpView, settings: ReminderSettings): EscalationLevel[] => {
  const reached = followUp.escalatedTo === undefined ? -1 : escalationLevels.indexOf(followUp.escalatedTo);
  return settings.escalation
    .filter((step) => (followUp.daysOverdue ?? 0) >= step.daysOverdue && escalationLevels.indexOf(step.level) > reached)
    .map((step) => step.level);
};

export const overdueFollowUps = (context: MailContext): FollowUpView[] => followUpViews(context, 'overdue');
