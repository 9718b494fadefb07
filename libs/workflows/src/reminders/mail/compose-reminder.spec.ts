import { MailFollowUp, MailMeeting, Recipient, ReminderMail } from '../reminder-mail';
import { composeReminder } from './compose-reminder';

const ZONE = 'Europe/Copenhagen';
const anne: Recipient = { name: 'Anne Holm', email: 'anne.holm@koege.example' };

const meeting: MailMeeting = {
  id: 'styregruppen-2025-12-12',
  forumName: 'Styregruppen',
  startsAt: '2025-12-12T09:00:00+01:00',
  endsAt: '2025-12-12T12:00:00+01:00',
  place: 'Ringsted Rådhus, mødelokale 1',
};

const followUp: MailFollowUp = {
  id: 'fu-1',
  description: 'Sekretariatet følger op med en opgørelse af ventelister',
  caseTitle: 'Kapacitet på botilbud for voksne',
  forumName: 'Styregruppen',
  due: '2025-12-05',
  daysOverdue: 3,
  owners: ['Sekretariatet', 'Slagelse Kommune'],
  unreachableOwners: [],
  completeUrl: 'https://opfoelgning.example/udfoert/fu-1?signatur=abc&udloeber=2026-01-01',
};

const compose = (mail: ReminderMail) => composeReminder(mail, anne, ZONE);

/** The properties of each VEVENT of an iCalendar text, with folded lines joined and TEXT values unescaped. */
const parseEvents = (ics: string): Array<Record<string, string>> => {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter((line) => line !== '');
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = undefined;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0];
      current[name] = line.slice(colon + 1).replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));
    }
  }
  return events;
};

const calendarOf = (mail: ReminderMail) => {
  const [attachment] = compose(mail).attachments;
  return { attachment, events: parseEvents(attachment.content) };
};

describe('composeReminder', () => {
  describe('each kind, in Danish', () => {
    it('material deadline: the presenter\'s cases on the coming meeting and the deadline for material', () => {
      const mail = compose({
        kind: 'material-deadline',
        meeting,
        cases: [
          { id: 'c1', title: 'Takstanalyse', carriedOver: true },
          { id: 'c2', title: 'Kvalitet i samarbejdet mellem kommuner og forsorgshjem', carriedOver: false },
        ],
      });
      expect(mail.subject).toBe('Frist for materiale til mødet i Styregruppen fredag den 12. december 2025');
      expect(mail.text).toContain('Kære Anne Holm');
      expect(mail.text).toContain('Du er oplægsholder på 2 sager på mødet i Styregruppen fredag den 12. december 2025 kl. 09.00-12.00');
      expect(mail.text).toContain('- Takstanalyse (overført fra et tidligere møde)\n- Kvalitet i samarbejdet mellem kommuner og forsorgshjem\n');
      expect(mail.text).toContain('Husk fristen for materiale');
      expect(mail.html).toContain('<li>Takstanalyse <em>(overført fra et tidligere møde)</em></li>');
      expect(mail.attachments).toEqual([]);
    });

    it('follow-ups due: each of the owner\'s follow-ups for the meeting, with its "Markér som udført" link', () => {
      const mail = compose({
        kind: 'follow-ups-due',
        meeting,
        followUps: [followUp, { ...followUp, id: 'fu-2', description: 'Slagelse sender tal for 2025', due: undefined, daysOverdue: undefined, completeUrl: undefined }],
      });
      expect(mail.subject).toBe('2 opfølgninger til mødet i Styregruppen fredag den 12. december 2025');
      expect(mail.text).toContain('Følgende 2 opfølgninger skal være udført til mødet i Styregruppen fredag den 12. december 2025 kl. 09.00-12.00:');
      expect(mail.text).toContain(
        [
          '- Sekretariatet følger op med en opgørelse af ventelister',
          '  Sag: Kapacitet på botilbud for voksne (Styregruppen)',
          '  Ansvarlig: Sekretariatet og Slagelse Kommune',
          '  Frist: fredag den 5. december 2025, overskredet med 3 dage',
          '  Markér som udført: https://opfoelgning.example/udfoert/fu-1?signatur=abc&udloeber=2026-01-01',
        ].join('\n'),
      );
      expect(mail.text).toContain('- Slagelse sender tal for 2025');
      expect(mail.text.match(/Markér som udført/g)).toHaveLength(1);
      expect(mail.html).toContain('<a href="https://opfoelgning.example/udfoert/fu-1?signatur&#x3D;abc&amp;udloeber&#x3D;2026-01-01">Markér som udført</a>');
      expect(compose({ kind: 'follow-ups-due', meeting, followUps: [followUp] }).subject).toBe('Opfølgning til mødet i Styregruppen fredag den 12. december 2025');
    });

    it('agenda: forum, date, time, place and the cases in order, carried-over ones marked', () => {
      const mail = compose({
        kind: 'agenda',
        meeting,
        cases: [
          { id: 'c1', title: 'Godkendelse af dagsorden', carriedOver: false },
          { id: 'c2', title: 'Takstanalyse', carriedOver: true, presenter: 'Peter Lind' },
          { id: 'c3', title: 'Eventuelt', carriedOver: false },
        ],
      });
      expect(mail.subject).toBe('Dagsorden: møde i Styregruppen fredag den 12. december 2025');
      expect(mail.text).toContain('Tid: fredag den 12. december 2025 kl. 09.00-12.00\nSted: Ringsted Rådhus, mødelokale 1');
      expect(mail.text).toContain(
        ['1. Godkendelse af dagsorden', '2. Takstanalyse (overført fra et tidligere møde)', '   Oplæg: Peter Lind', '3. Eventuelt'].join('\n'),
      );
      expect(mail.html).toMatch(/<ol>\s*<li>Godkendelse af dagsorden<\/li>\s*<li>Takstanalyse <em>\(overført fra et tidligere møde\)<\/em><br>Oplæg: Peter Lind<\/li>\s*<li>Eventuelt<\/li>\s*<\/ol>/);
      expect(mail.attachments.map((attachment) => attachment.filename)).toEqual(['moede.ics']);
    });

    it('agenda without cases or place says so, and shows the start alone', () => {
      const mail = compose({ kind: 'agenda', meeting: { id: 'k17-1', forumName: 'K17', startsAt: '2026-05-07T13:00:00+02:00' }, cases: [] });
      expect(mail.text).toContain('Tid: torsdag den 7. maj 2026 kl. 13.00\n\nDagsorden:\nDer er endnu ingen sager på dagsordenen.');
      expect(mail.text).not.toContain('Sted:');
    });

    it('follow-up due by a date', () => {
      const mail = compose({ kind: 'follow-up-due-date', followUp: { ...followUp, daysOverdue: undefined } });
      expect(mail.subject).toBe('Opfølgning med frist fredag den 5. december 2025: Kapacitet på botilbud for voksne');
      expect(mail.text).toContain('Følgende opfølgning har frist fredag den 5. december 2025:');
      expect(mail.text).toContain('Markér som udført: https://opfoelgning.example/udfoert/fu-1');
    });

    it('overdue digest: the forum\'s overdue follow-ups for its chair, the longest overdue first, with owners and case', () => {
      const mail = compose({
        kind: 'overdue-digest',
        forumName: 'KKR Sjælland',
        date: '2025-12-15',
        followUps: [
          { ...followUp, id: 'fu-a', description: 'Én dag over', daysOverdue: 1, owners: ['Region Sjælland'], forumName: 'KKR Sjælland' },
          { ...followUp, id: 'fu-b', description: 'Ti dage over', daysOverdue: 10, forumName: 'KKR Sjælland', caseTitle: 'Takstanalyse' },
        ],
      });
      expect(mail.subject).toBe('2 overskredne opfølgninger i KKR Sjælland pr. mandag den 15. december 2025');
      expect(mail.text.indexOf('Ti dage over')).toBeLessThan(mail.text.indexOf('Én dag over'));
      expect(mail.text).toContain('  Sag: Takstanalyse (KKR Sjælland)\n  Ansvarlig: Sekretariatet og Slagelse Kommune\n  Frist: fredag den 5. december 2025, overskredet med 10 dage');
      expect(mail.text).toContain('  Ansvarlig: Region Sjælland\n  Frist: fredag den 5. december 2025, overskredet med 1 dag');
      // The link is signed for the owners; the chair does not get it.
      expect(mail.text).not.toContain('Markér som udført');
      expect(mail.html).not.toContain('href');
      const empty = compose({ kind: 'overdue-digest', forumName: 'K17', date: '2025-12-15', followUps: [] });
      expect(empty.subject).toBe('Ingen overskredne opfølgninger i K17 pr. mandag den 15. december 2025');
      expect(empty.text).toContain('Der er ingen overskredne opfølgninger i K17 pr. mandag den 15. december 2025.');
    });

    it.each([
      ['owner', 'Overskredet frist', 'Denne påmindelse går til de ansvarlige: Sekretariatet og Slagelse Kommune.', true],
      ['secretariat', 'Eskalering til sekretariatet', 'Sekretariatet får nu besked', false],
      ['chair', 'Eskalering til formanden', 'Formanden for Styregruppen får nu besked', false],
    ] as const)('escalation to the %s: how many days overdue and who is told now', (level, label, toldNow, withLink) => {
      const mail = compose({ kind: 'escalation', level, followUp: { ...followUp, daysOverdue: 14 } });
      expect(mail.subject).toBe(`${label}: opfølgning på Kapacitet på botilbud for voksne (14 dage over fristen)`);
      expect(mail.text).toContain('Fristen for følgende opfølgning er overskredet med 14 dage:');
      expect(mail.text).toContain(toldNow);
      expect(mail.html).toContain(toldNow);
      expect(mail.text.includes('Markér som udført')).toBe(withLink);
    });
  });

  describe('owners without an e-mail address', () => {
    const unreachable = { ...followUp, unreachableOwners: ['Slagelse Kommune', 'Lolland Kommune'] };

    it.each<ReminderMail>([
      { kind: 'follow-ups-due', meeting, followUps: [unreachable] },
      { kind: 'follow-up-due-date', followUp: unreachable },
      { kind: 'escalation', level: 'owner', followUp: unreachable },
    ])('$kind to the secretariat in their place names them and asks to pass it on', (mail) => {
      const composed = compose(mail);
      const notice = 'Slagelse Kommune og Lolland Kommune kunne ikke nås, da der ikke er nogen e-mailadresse.';
      expect(composed.text).toContain(notice);
      expect(composed.text).toContain('som bedes give den videre');
      expect(composed.text).toContain('Kunne ikke nås (ingen e-mailadresse): Slagelse Kommune og Lolland Kommune');
      expect(composed.html).toContain(notice);
    });

    it('are named beside their follow-up in a chair\'s digest, without the notice to pass it on', () => {
      const mail = compose({ kind: 'overdue-digest', forumName: 'Styregruppen', date: '2025-12-15', followUps: [unreachable] });
      expect(mail.text).toContain('Kunne ikke nås (ingen e-mailadresse): Slagelse Kommune og Lolland Kommune');
      expect(mail.text).not.toContain('give den videre');
    });
  });

  describe('escaping', () => {
    const hostile = `<script>alert("x")</script> & 'Kommunernes' "sag"`;

    it('escapes every value in the HTML part and writes it as is in the text part and the subject', () => {
      const agenda = compose({ kind: 'agenda', meeting: { ...meeting, forumName: 'K17 & <b>KKR</b>', place: '"Rådhuset" <i>' }, cases: [{ id: 'c', title: hostile, carriedOver: false, presenter: hostile }] });
      const due = compose({ kind: 'follow-up-due-date', followUp: { ...followUp, caseTitle: hostile, description: hostile, owners: [hostile], unreachableOwners: [hostile] } });
      for (const mail of [agenda, due]) {
        expect(mail.html).not.toContain('<script>');
        expect(mail.html).not.toContain('<b>KKR');
        expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Kommunernes&#x27; &quot;sag&quot;');
        expect(mail.text).toContain(hostile);
        expect(mail.text).not.toContain('&lt;');
        expect(mail.text).not.toContain('&amp;');
      }
      expect(agenda.html).toContain('K17 &amp; &lt;b&gt;KKR&lt;/b&gt;');
      expect(agenda.html).toContain('&quot;Rådhuset&quot; &lt;i&gt;');
      expect(agenda.subject).toBe('Dagsorden: møde i K17 & <b>KKR</b> fredag den 12. december 2025');
      expect(due.subject).toBe(`Opfølgning med frist fredag den 5. december 2025: ${hostile}`);
      expect(due.html).toContain(`<title>Opfølgning med frist fredag den 5. december 2025: &lt;script&gt;`);
    });

    it('keeps a subject on one line', () => {
      const mail = compose({ kind: 'follow-up-due-date', followUp: { ...followUp, caseTitle: 'Første linje\r\nBcc: alle@example.dk' } });
      expect(mail.subject).toBe('Opfølgning med frist fredag den 5. december 2025: Første linje Bcc: alle@example.dk');
    });

    it('refuses a "Markér som udført" link that is no web link', () => {
      expect(() => compose({ kind: 'follow-up-due-date', followUp: { ...followUp, completeUrl: 'javascript:alert(1)' } })).toThrow(/http/);
    });
  });

  describe('the agenda\'s calendar invitation', () => {
    it('is one VEVENT published as text/calendar, with start, end, summary and location in UTC', () => {
      const { attachment, events } = calendarOf({ kind: 'agenda', meeting, cases: [{ id: 'c1', title: 'Takstanalyse', carriedOver: true }] });
      expect(attachment.contentType).toMatch(/^text\/calendar;.*method=PUBLISH/);
      expect(attachment.content).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(attachment.content).toContain('\r\nMETHOD:PUBLISH\r\n');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        UID: 'styregruppen-2025-12-12@beslutningsopfoelgning',
        DTSTART: '20251212T080000Z',
        DTEND: '20251212T110000Z',
        SUMMARY: 'Møde i Styregruppen',
        LOCATION: 'Ringsted Rådhus, mødelokale 1',
        DESCRIPTION: 'Dagsorden:\n1. Takstanalyse (overført fra et tidligere møde)',
      });
    });

    it('keeps its UID for the meeting when the meeting moves, and gives a meeting without an end three hours', () => {
      const moved = calendarOf({ kind: 'agenda', meeting: { id: meeting.id, forumName: 'Styregruppen', startsAt: '2025-12-19T10:00:00+01:00' }, cases: [] });
      expect(moved.events[0]).toMatchObject({ UID: 'styregruppen-2025-12-12@beslutningsopfoelgning', DTSTART: '20251219T090000Z', DTEND: '20251219T120000Z' });
      expect(moved.events[0].LOCATION).toBeUndefined();
    });
  });

  describe('dates in the meeting\'s time zone, across daylight saving', () => {
    // The times come in UTC, as a store may hold them: 08.00Z is 09.00 in winter, 07.00Z is 09.00 in summer.
    it.each([
      ['2026-03-27T08:00:00Z', 'fredag den 27. marts 2026 kl. 09.00'],
      ['2026-03-30T07:00:00Z', 'mandag den 30. marts 2026 kl. 09.00'],
      ['2025-10-24T07:00:00Z', 'fredag den 24. oktober 2025 kl. 09.00'],
      ['2025-10-27T08:00:00Z', 'mandag den 27. oktober 2025 kl. 09.00'],
    ])('a meeting at %s is %s', (startsAt, written) => {
      const mail = compose({ kind: 'agenda', meeting: { id: 'm', forumName: 'Styregruppen', startsAt }, cases: [] });
      expect(mail.text).toContain(`Tid: ${written}\n`);
      expect(mail.html).toContain(`Tid: ${written}`);
    });

    it('refuses a time zone it does not know instead of writing "Invalid DateTime"', () => {
      expect(() => composeReminder({ kind: 'agenda', meeting, cases: [] }, anne, 'Europe/Sjælland')).toThrow(/Europe\/Sjælland/);
    });
  });
});
