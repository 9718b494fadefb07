import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import nodemailer, { NodemailerError, SendMailOptions } from 'nodemailer';
import { MailDeliveryError, Mailer, OutgoingMail } from '../reminder-mail';

/**
 * A dead or stalled relay must not hold a send for minutes (nodemailer waits 2 minutes to connect and 10 minutes
 * on an idle socket by default). A relay may take its time after the end of DATA, while it scans the message,
 * so the socket gets a minute; an answer later than that counts as temporary, and the caller sends again with
 * the same Message-ID.
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, dnsTimeout: 10_000, socketTimeout: 60_000 };

/** nodemailer's codes for a connection that failed or ended before an answer: nothing was refused, a later try may pass. */
const CONNECTION_FAILURES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY', 'ETLS']);

/**
 * Temporary: a 4xx answer, or no answer at all (refused, reset, timed out, dropped after DATA). Permanent: a 5xx
 * answer, or a message or envelope nodemailer could not send at all. After a dropped DATA the mail may well have
 * been delivered; sending it again with the same Message-ID lets the receiving side tell the copy.
 */
const deliveryError = (error: NodemailerError): MailDeliveryError => {
  const temporary = error.responseCode !== undefined ? error.responseCode < 500 : CONNECTION_FAILURES.has(error.code ?? '');
  const answer = error.responseCode !== undefined ? ` (${error.responseCode})` : error.code ? ` (${error.code})` : '';
  return new MailDeliveryError(`The mail was not taken${answer}: ${error.message}`, temporary, { cause: error });
};

const messageOf = (mail: OutgoingMail, from: string): SendMailOptions => ({
  from,
  to: { name: mail.to.name, address: mail.to.email },
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  attachments: mail.attachments.map(({ filename, content, contentType }) => ({ filename, content, contentType })),
  messageId: mail.messageId,
});

/** A reminder's content is given inline; nothing in it may make the mailer read a file or fetch a URL. */
const SANDBOX = { disableFileAccess: true, disableUrlAccess: true };

/**
 * One connection per mail, no pool: reminders go out a few dozen at a time, and a fresh connection ties each
 * failure to one message, where a pooled connection the relay has closed meanwhile would fail the next mail
 * on it. nodemailer does not retry, and neither does this: the caller owns retries and the record of what went.
 */
const smtpMailer = (smtpUrl: string, from: string): Mailer => {
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: false, ...TIMEOUTS, ...SANDBOX });
  return {
    async send(mail) {
      try {
        // One recipient per message, so an answer is about that one recipient.
        await transport.sendMail(messageOf(mail, from));
      } catch (error) {
        throw deliveryError(error as NodemailerError);
      }
    },
    async close() {
      transport.close();
    },
  };
};

/** Sorts by time in a directory listing, and is a valid file name everywhere (no colons). */
const timestamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');

const fileKey = (messageId: string): string => createHash('sha256').update(messageId).digest('hex').slice(0, 32);

/**
 * Without SMTP, each mail becomes an .eml file in the outbox, for a person or another program to pick up. The
 * file is named `<time>-<hash of the Message-ID>.eml`, written under a hidden temporary name, flushed to disk and
 * then renamed, so a reader never sees half a file. A Message-ID that is in the outbox already is skipped: it is
 * the same reminder to the same recipient, sent again after a crash or a doubtful outcome, and the file there may
 * have been read or sent on already; writing it again would deliver it twice.
 */
const outboxMailer = (outboxDir: string, from: string): Mailer => {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', ...SANDBOX });
  const write = async (mail: OutgoingMail): Promise<void> => {
    await mkdir(outboxDir, { recursive: true });
    const key = fileKey(mail.messageId);
    // One sender per reminder at a time is the claim's job, so checking first and renaming later does not race.
    if ((await readdir(outboxDir)).some((name) => name.endsWith(`-${key}.eml`))) return;
    const { message } = await transport.sendMail(messageOf(mail, from));
    const temporary = join(outboxDir, `.${key}-${randomBytes(6).toString('hex')}.tmp`);
    try {
      const file = await open(temporary, 'wx');
      try {
        await file.writeFile(message as Buffer);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, join(outboxDir, `${timestamp()}-${key}.eml`));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    // The rename is durable only once the directory itself is on disk.
    const directory = await open(outboxDir, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  };
  return {
    async send(mail) {
      try {
        await write(mail);
      } catch (error) {
        // A full disk or a missing permission is no fault of the mail: it can be written once that is fixed.
        throw new MailDeliveryError(`The mail could not be written to the outbox ${outboxDir}: ${(error as Error).message}`, true, { cause: error });
      }
    },
    async close() {
      transport.close();
    },
  };
};

/** Sends through the SMTP relay at `smtpUrl` where one is given, else writes .eml files into `outboxDir`. */
export const createMailer = (options: { smtpUrl?: string; outboxDir: string; from: string }): Mailer =>
  options.smtpUrl ? smtpMailer(options.smtpUrl, options.from) : outboxMailer(options.outboxDir, options.from);

/** The nearest folder of `path` that exists, as the outbox is made on the first mail. */
const nearestExisting = async (path: string): Promise<string> => {
  for (let folder = path; ; folder = dirname(folder)) {
    try {
      await access(folder);
      return folder;
    } catch (error) {
      if (dirname(folder) === folder) throw error;
    }
  }
};

/**
 * Whether mail could go out now: the SMTP relay greets and takes our EHLO (and AUTH where the URL carries a
 * user), or the outbox, or the folder it will be made in, is writable. Throws with the reason where not.
 */
export const checkMailTransport = async (options: { smtpUrl?: string; outboxDir: string }): Promise<void> => {
  if (!options.smtpUrl) {
    await access(await nearestExisting(options.outboxDir), constants.W_OK);
    return;
  }
  const transport = nodemailer.createTransport({ url: options.smtpUrl, pool: false, ...TIMEOUTS });
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
};
