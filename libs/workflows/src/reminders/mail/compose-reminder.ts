import Handlebars from 'handlebars';
import { ComposedMail, MailAttachment, MailCase, MailFollowUp, MailMeeting, Recipient, ReminderMail } from '../reminder-mail';
import { danishDate, danishList, danishMeetingTime, days } from './danish-format';
import { INVITATION_FILE_NAME, meetingInvitation } from './meeting-invitation';
import * as templates from './templates';

/** A private environment, so the partials here cannot clash with those of any other Handlebars user in the process. */
const handlebars = Handlebars.create();
for (const [name, partial] of Object.entries(templates.partials)) handlebars.registerPartial(name, partial);

/** strict: a field the view lacks fails the compose instead of leaving a gap in a sent e-mail. */
const compileOptions = { strict: true, knownHelpersOnly: true };

interface CompiledKind {
  subject: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
}

/** Each kind compiled once, when this module is loaded; only the HTML is escaped. */
const compile = (kind: templates.KindTemplates): CompiledKind => ({
  subject: handlebars.compile(kind.subject, { ...compileOptions, noEscape: true }),
  text: handlebars.compile(kind.text, { ...compileOptions, noEscape: true }),
  html: handlebars.compile(kind.html, compileOptions),
});

const compiled: Record<ReminderMail['kind'], CompiledKind> = {
  'material-deadline': compile(templates.materialDeadline),
  'follow-ups-due': compile(templates.followUpsDue),
  agenda: compile(templates.agenda),
  'follow-up-due-date': compile(templates.followUpDueDate),
  'overdue-digest': compile(templates.overdueDigest),
  escalation: compile(templates.escalation),
};

const count = (n: number, one: string, many: string): string => (n === 1 ? one : `${n} ${many}`);

const meetingView = (meeting: MailMeeting, timeZone: string) => ({
  forumName: meeting.forumName,
  date: danishDate(meeting.startsAt, timeZone),
  when: danishMeetingTime(meeting.startsAt, meeting.endsAt, timeZone),
  place: meeting.place ?? null,
});

/** Escaping keeps a link inside its attribute, but not a javascript: link from running: only web links are written. */
const webLink = (url: string): string => {
  const { protocol } = new URL(url);
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`A follow-up's link must be http(s), got ${protocol}`);
  return url;
};

/**
 * One follow-up for the templates. The "Markér som udført" link is signed for its owners: it is written only into
 * the mails that go to them (or to the secretariat in their place), never into a chair's digest or escalation.
 */
const followUpView = (followUp: MailFollowUp, timeZone: string, forOwners: boolean) => ({
  description: followUp.description,
  caseTitle: followUp.caseTitle,
  forumName: followUp.forumName,
  owners: danishList(followUp.owners),
  unreachable: followUp.unreachableOwners.length > 0 ? danishList(followUp.unreachableOwners) : null,
  due: followUp.due === undefined ? null : danishDate(followUp.due, timeZone),
  overdue: followUp.daysOverdue === undefined ? null : days(followUp.daysOverdue),
  completeUrl: forOwners && followUp.completeUrl !== undefined ? webLink(followUp.completeUrl) : null,
});

/** Owners without an address, across the mail's follow-ups: the secretariat got their reminder and should pass it on. */
const unreachableOf = (followUps: readonly MailFollowUp[]): string | null => {
  const owners = [...new Set(followUps.flatMap((followUp) => followUp.unreachableOwners))];
  return owners.length > 0 ? danishList(owners) : null;
};

const caseView = (item: MailCase, index: number) => ({
  number: index + 1,
  title: item.title,
  presenter: item.presenter ?? null,
  carriedOver: item.carriedOver,
});

const escalationWording = {
  owner: {
    label: 'Overskredet frist',
    toldNow: (owners: string) => `Denne påmindelse går til de ansvarlige: ${owners}.`,
  },
  secretariat: {
    label: 'Eskalering til sekretariatet',
    toldNow: (owners: string) => `Sekretariatet får nu besked, fordi opfølgningen ikke er markeret som udført efter påmindelsen til de ansvarlige (${owners}).`,
  },
  chair: {
    label: 'Eskalering til formanden',
    toldNow: (owners: string, forumName: string) =>
      `Formanden for ${forumName} får nu besked, fordi opfølgningen ikke er markeret som udført efter påmindelserne til de ansvarlige (${owners}) og til sekretariatet.`,
  },
};

/** The view of a mail for its templates, and the attachments that go with it. */
const viewOf = (mail: ReminderMail, timeZone: string): { view: object; attachments: MailAttachment[] } => {
  switch (mail.kind) {
    case 'material-deadline':
      return {
        view: {
          meeting: meetingView(mail.meeting, timeZone),
          casesPhrase: count(mail.cases.length, 'følgende sag', 'sager'),
          cases: mail.cases.map(caseView),
        },
        attachments: [],
      };
    case 'follow-ups-due':
      return {
        view: {
          meeting: meetingView(mail.meeting, timeZone),
          subjectCount: count(mail.followUps.length, 'Opfølgning', 'opfølgninger'),
          followUpsPhrase: `Følgende ${count(mail.followUps.length, 'opfølgning', 'opfølgninger')}`,
          unreachable: unreachableOf(mail.followUps),
          followUps: mail.followUps.map((followUp) => followUpView(followUp, timeZone, true)),
        },
        attachments: [],
      };
    case 'agenda':
      return {
        view: { meeting: meetingView(mail.meeting, timeZone), cases: mail.cases.map(caseView), calendarFile: INVITATION_FILE_NAME },
        attachments: [meetingInvitation(mail.meeting, mail.cases)],
      };
    case 'follow-up-due-date':
      return {
        view: {
          due: mail.followUp.due === undefined ? null : danishDate(mail.followUp.due, timeZone),
          unreachable: unreachableOf([mail.followUp]),
          followUp: followUpView(mail.followUp, timeZone, true),
        },
        attachments: [],
      };
    case 'overdue-digest': {
      // The chair reads from the top: the longest overdue first; the sort is stable, so ties keep their order.
      const followUps = [...mail.followUps].sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0));
      return {
        view: {
          forumName: mail.forumName,
          date: danishDate(mail.date, timeZone),
          countPhrase:
            followUps.length === 0 ? 'Ingen overskredne opfølgninger' : count(followUps.length, '1 overskreden opfølgning', 'overskredne opfølgninger'),
          followUps: followUps.map((followUp) => followUpView(followUp, timeZone, false)),
        },
        attachments: [],
      };
    }
    case 'escalation': {
      const { followUp, level } = mail;
      const wording = escalationWording[level];
      return {
        view: {
          label: wording.label,
          overdueText: followUp.daysOverdue === undefined ? 'overskredet' : `overskredet med ${days(followUp.daysOverdue)}`,
          overdueShort: followUp.daysOverdue === undefined ? 'over fristen' : `${days(followUp.daysOverdue)} over fristen`,
          toldNow: wording.toldNow(danishList(followUp.owners), followUp.forumName),
          // Only the owners' own reminder goes to the secretariat in their place; later steps go there or to the chair anyway.
          unreachable: level === 'owner' ? unreachableOf([followUp]) : null,
          followUp: followUpView(followUp, timeZone, level === 'owner'),
        },
        attachments: [],
      };
    }
  }
};

/** A subject is one header line: a line break in a title would otherwise end it, or be refused by the relay. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The e-mail, in Danish, for one reminder to one recipient: subject, plain text and HTML, with dates and times
 * written in the meetings' time zone (IANA, such as Europe/Copenhagen).
 */
export const composeReminder = (mail: ReminderMail, recipient: Recipient, timeZone: string): ComposedMail => {
  const { view, attachments } = viewOf(mail, timeZone);
  const templatesOfKind = compiled[mail.kind];
  const subject = oneLine(templatesOfKind.subject(view));
  const context = { ...view, subject, recipient: recipient.name };
  return { subject, text: templatesOfKind.text(context), html: templatesOfKind.html(context), attachments };
};
