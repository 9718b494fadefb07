import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailDeliveryError, Mailer, OutgoingMail } from '@app/workflows/reminders/reminder-mail';
import { composeReminder } from '@app/workflows/reminders/mail/compose-reminder';
import { createMailer } from '@app/workflows/reminders/mail/mailer';
import { messageIdFor } from '@app/workflows/reminders/mail/message-id';
import { parseMessage, SmtpTestServer } from '../support/smtp-test-server';

const FROM = 'Sekretariatet for Rammeaftale Sjælland <sekretariat@rammeaftale.example>';
const anne = { name: 'Anne Holm', email: 'anne.holm@koege.example' };

const agendaMail = (recipient = anne): OutgoingMail => ({
  ...composeReminder(
    {
      kind: 'agenda',
      meeting: { id: 'styregruppen-2025-12-12', forumName: 'Styregruppen', startsAt: '2025-12-12T09:00:00+01:00', place: 'Ringsted Rådhus' },
      cases: [{ id: 'c1', title: 'Kapacitet på botilbud for voksne', carriedOver: true }],
    },
    recipient,
    'Europe/Copenhagen',
  ),
  to: recipient,
  messageId: messageIdFor({ kind: 'agenda', subjectId: 'styregruppen-2025-12-12', recipient: recipient.email }),
});

/** The mail's line breaks are CRLF on the wire and may be LF in the composed text. */
const lines = (text: string | undefined) => text?.replace(/\r\n/g, '\n').trimEnd();

const failure = async (sending: Promise<void>): Promise<MailDeliveryError> => {
  const error = await sending.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MailDeliveryError);
  return error as MailDeliveryError;
};

describe('mailer', () => {
  describe('through SMTP', () => {
    let server: SmtpTestServer;
    let mailer: Mailer;

    beforeEach(async () => {
      server = await SmtpTestServer.start();
      mailer = createMailer({ smtpUrl: server.url, outboxDir: '/nonexistent', from: FROM });
    });

    afterEach(async () => {
      await mailer.close();
      await server.stop();
    });

    it('delivers the mail to its one recipient with the given Message-ID, subject, text, HTML and attachment', async () => {
      const mail = agendaMail();
      await mailer.send(mail);

      expect(server.accepted).toHaveLength(1);
      const [received] = server.accepted;
      expect(received.envelope).toEqual({ from: 'sekretariat@rammeaftale.example', to: ['anne.holm@koege.example'] });
      expect(received.messageId).toBe(mail.messageId);
      expect(received.to).toBe('Anne Holm <anne.holm@koege.example>');
      expect(received.from).toBe('Sekretariatet for Rammeaftale Sjælland <sekretariat@rammeaftale.example>');
      expect(received.subject).toBe('Dagsorden: møde i Styregruppen fredag den 12. december 2025');
      expect(lines(received.text)).toBe(lines(mail.text));
      expect(lines(received.html)).toBe(lines(mail.html));
      expect(received.attachments).toHaveLength(1);
      const [invitation] = received.attachments;
      expect(invitation.filename).toBe('moede.ics');
      expect(invitation.contentType).toMatch(/^text\/calendar;.*method=PUBLISH/);
      expect(invitation.content.toString('utf8')).toBe(mail.attachments[0].content);
      expect(invitation.content.toString('utf8')).toContain('DTSTART:20251212T080000Z');
    });

    it('resolves only once the server has answered 250', async () => {
      const held = server.holdNext();
      let settled = false;
      const sending = mailer.send(agendaMail()).finally(() => (settled = true));
      await held.arrived;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(settled).toBe(false);
      expect(server.accepted).toHaveLength(0);
      held.release();
      await sending;
      expect(server.accepted).toHaveLength(1);
    });

    it.each([421, 451] as const)('rejects a %s answer as temporary, and the next mail goes through', async (code) => {
      server.failNext(code);
      const error = await failure(mailer.send(agendaMail()));
      expect(error.temporary).toBe(true);
      expect(error.message).toContain(String(code));
      expect(server.received).toHaveLength(1);
      expect(server.accepted).toHaveLength(0);

      await mailer.send(agendaMail());
      expect(server.accepted).toHaveLength(1);
    });

    it('rejects a 550 answer as permanent', async () => {
      server.failAll(550);
      const error = await failure(mailer.send(agendaMail()));
      expect(error.temporary).toBe(false);
      expect(error.message).toContain('550');
      expect(server.accepted).toHaveLength(0);
    });

    it('rejects a connection dropped after DATA as temporary, though the message arrived', async () => {
      server.dropNext();
      const error = await failure(mailer.send(agendaMail()));
      expect(error.temporary).toBe(true);
      expect(server.received.map((mail) => mail.messageId)).toEqual([agendaMail().messageId]);
      expect(server.accepted).toHaveLength(0);
    });

    it('sends nothing again by itself: one attempt per send', async () => {
      server.failNext(451);
      await failure(mailer.send(agendaMail()));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(server.received).toHaveLength(1);
    });
  });

  it('rejects at once, as temporary, where no server listens', async () => {
    const gone = await SmtpTestServer.start();
    const url = gone.url;
    await gone.stop();
    const mailer = createMailer({ smtpUrl: url, outboxDir: '/nonexistent', from: FROM });
    const started = Date.now();
    const error = await failure(mailer.send(agendaMail()));
    expect(error.temporary).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    await mailer.close();
  });

  describe('into the outbox, without SMTP', () => {
    let outboxDir: string;
    let mailer: Mailer;

    beforeEach(() => {
      outboxDir = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'udbakke');
      mailer = createMailer({ outboxDir, from: FROM });
    });

    afterEach(async () => {
      await mailer.close();
      rmSync(join(outboxDir, '..'), { recursive: true, force: true });
    });

    it('creates the folder and writes each mail as an .eml file a mail program can read', async () => {
      const mail = agendaMail();
      await mailer.send(mail);

      const files = readdirSync(outboxDir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[0-9a-f]{32}\.eml$/);
      const raw = readFileSync(join(outboxDir, files[0]), 'utf8');
      expect(raw).toContain('\r\n');
      const parsed = parseMessage(raw);
      expect(parsed.messageId).toBe(mail.messageId);
      expect(parsed.to).toBe('Anne Holm <anne.holm@koege.example>');
      expect(parsed.subject).toBe(mail.subject);
      expect(lines(parsed.text)).toBe(lines(mail.text));
      expect(parsed.attachments.map((attachment) => attachment.filename)).toEqual(['moede.ics']);
      expect(parsed.attachments[0].content.toString('utf8')).toBe(mail.attachments[0].content);
    });

    it('writes one file per message, in the order sent, and skips a Message-ID it has written already', async () => {
      const peter = { name: 'Peter Lind', email: 'peter.lind@slagelse.example' };
      await mailer.send(agendaMail());
      await mailer.send(agendaMail(peter));
      await mailer.send(agendaMail());

      const files = readdirSync(outboxDir).sort();
      expect(files).toHaveLength(2);
      expect(files.map((file) => parseMessage(readFileSync(join(outboxDir, file), 'utf8')).to)).toEqual([
        'Anne Holm <anne.holm@koege.example>',
        'Peter Lind <peter.lind@slagelse.example>',
      ]);
      expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
    });

    it('rejects as temporary where the outbox cannot be written', async () => {
      // A file where the outbox's parent folder should be; the tests may run as root, whom no permission stops.
      const file = join(outboxDir, '..', 'fil');
      writeFileSync(file, '');
      const blocked = createMailer({ outboxDir: join(file, 'udbakke'), from: FROM });
      const error = await failure(blocked.send(agendaMail()));
      expect(error.temporary).toBe(true);
      await blocked.close();
    });
  });
});
