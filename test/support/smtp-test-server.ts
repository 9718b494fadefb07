import { Socket } from 'node:net';
import { parseHeaderValue } from 'nodemailer/lib/mime-funcs';
import { SMTPServer, SMTPServerDataStream, SMTPServerError, SMTPServerSession } from 'smtp-server';

export interface ReceivedAttachment {
  filename?: string;
  /** The whole Content-Type header, parameters included. */
  contentType: string;
  content: Buffer;
}

/** A message as it arrived: its envelope, its headers decoded, its parts taken apart, and its source. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** By header name in lower case, every occurrence, unfolded and with encoded words decoded. */
  headers: Record<string, string[]>;
  messageId?: string;
  from?: string;
  to?: string;
  subject?: string;
  text?: string;
  html?: string;
  attachments: ReceivedAttachment[];
  raw: string;
}

/** What the server answers at the end of DATA: a reply code, or nothing at all as it drops the connection. */
export type Answer = 250 | 421 | 451 | 550 | 'drop';

export interface HeldAnswer {
  /** Resolves once the message has arrived and its answer is being held. */
  readonly arrived: Promise<ReceivedMail>;
  /** Gives the held answer, 250 unless told otherwise; a 250 counts as accepted even where the client has gone meanwhile, as with a real server. */
  release(answer?: Answer): void;
}

type Plan = { answer: Answer } | { hold: (mail: ReceivedMail) => Promise<Answer> };

const REPLY_TEXT: Record<Exclude<Answer, 250 | 'drop'>, string> = {
  421: 'Service not available, closing transmission channel',
  451: 'Requested action aborted: local error in processing',
  550: 'Requested action not taken: mailbox unavailable',
};

/**
 * A real SMTP server for the tests, in the test process, on 127.0.0.1 and a free port. It records what it is
 * sent and answers as told: 250 by default; 421, 451 or 550 for the next messages or for all until told
 * otherwise; a dropped connection after DATA; or an answer held back until the test releases it.
 */
export class SmtpTestServer {
  /** Every message whose DATA arrived, whatever it was answered. */
  readonly received: ReceivedMail[] = [];
  /** The messages answered with 250. */
  readonly accepted: ReceivedMail[] = [];

  private readonly plans: Plan[] = [];
  private standing: Answer = 250;
  private readonly sockets = new Map<number, Socket>();
  private readonly server: SMTPServer;

  private constructor() {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      // No reverse DNS for 127.0.0.1: a test should not wait on a resolver.
      disableReverseLookup: true,
      logger: false,
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    // The session names the client's port; the socket behind it is kept so that a connection can be dropped.
    this.server.server.on('connection', (socket: Socket) => {
      const port = socket.remotePort;
      if (port === undefined) return;
      this.sockets.set(port, socket);
      socket.once('close', () => this.sockets.delete(port));
    });
  }

  static async start(): Promise<SmtpTestServer> {
    const server = new SmtpTestServer();
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(0, '127.0.0.1', () => resolve());
    });
    return server;
  }

  get port(): number {
    const address = this.server.server.address();
    if (address === null || typeof address === 'string') throw new Error('The SMTP test server is not listening');
    return address.port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Answers the next `times` messages with `code`, then as before. */
  failNext(code: 421 | 451 | 550, times = 1): void {
    for (let i = 0; i < times; i++) this.plans.push({ answer: code });
  }

  /** Answers every message with `code` until `acceptAll`. */
  failAll(code: 421 | 451 | 550): void {
    this.standing = code;
  }

  /** Drops the connection after the DATA of the next `times` messages, without answering. */
  dropNext(times = 1): void {
    for (let i = 0; i < times; i++) this.plans.push({ answer: 'drop' });
  }

  /** Holds the answer to the next message until the test releases it. */
  holdNext(): HeldAnswer {
    let arrive!: (mail: ReceivedMail) => void;
    let release!: (answer: Answer) => void;
    const arrived = new Promise<ReceivedMail>((resolve) => (arrive = resolve));
    const released = new Promise<Answer>((resolve) => (release = resolve));
    this.plans.push({
      hold: (mail) => {
        arrive(mail);
        return released;
      },
    });
    return { arrived, release: (answer = 250) => release(answer) };
  }

  /** Back to answering 250 to everything, with nothing planned. */
  acceptAll(): void {
    this.plans.length = 0;
    this.standing = 250;
  }

  /** Stops listening and ends every connection at once, also one whose answer is held. */
  async stop(): Promise<void> {
    for (const socket of this.sockets.values()) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const { mailFrom, rcptTo } = session.envelope;
      const mail = {
        ...parseMessage(Buffer.concat(chunks).toString('utf8')),
        envelope: { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((recipient) => recipient.address) },
      };
      this.received.push(mail);
      const plan = this.plans.shift() ?? { answer: this.standing };
      const answer = (chosen: Answer): void => {
        if (chosen === 'drop') {
          this.sockets.get(session.remotePort)?.destroy();
        } else if (chosen === 250) {
          this.accepted.push(mail);
          callback(null, `OK: queued as ${this.accepted.length}`);
        } else {
          const error: SMTPServerError = new Error(REPLY_TEXT[chosen]);
          error.responseCode = chosen;
          callback(error);
        }
      };
      if ('answer' in plan) answer(plan.answer);
      else void plan.hold(mail).then(answer);
    });
  }
}

// A message parser just large enough for what the mailer writes: headers with encoded words, multipart bodies,
// base64 and quoted-printable parts. mailparser would do it, but is not among the project's dependencies.

const splitHead = (raw: string): { head: string; body: string } => {
  const end = /\r?\n\r?\n/.exec(raw);
  return end ? { head: raw.slice(0, end.index), body: raw.slice(end.index + end[0].length) } : { head: raw, body: '' };
};

const quotedPrintableBytes = (text: string): Buffer => {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
};

/** RFC 2047: "=?UTF-8?Q?M=C3=B8de?=" is "Møde"; the white space between two encoded words is not part of the text. */
const decodeWords = (value: string): string =>
  value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) =>
      new TextDecoder(charset).decode(
        encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintableBytes(text.replace(/_/g, ' ')),
      ),
    );

const parseHeaders = (head: string): Record<string, string[]> => {
  const headers: Record<string, string[]> = {};
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(decodeWords(line.slice(colon + 1).trim()));
  }
  return headers;
};

const bodyBytes = (body: string, transferEncoding: string | undefined): Buffer => {
  switch (transferEncoding?.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return quotedPrintableBytes(body.replace(/=\r?\n/g, ''));
    default:
      return Buffer.from(body, 'utf8');
  }
};

/** The parts between the boundary's delimiter lines, up to the closing one. */
const multipartParts = (body: string, boundary: string): string[] => {
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    if (line.trimEnd() === `--${boundary}--`) break;
    if (line.trimEnd() === `--${boundary}`) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
    } else {
      current?.push(line);
    }
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
};

interface Leaves {
  text?: string;
  html?: string;
  attachments: ReceivedAttachment[];
}

const collectLeaves = (entity: string, leaves: Leaves): void => {
  const { head, body } = splitHead(entity);
  const headers = parseHeaders(head);
  const contentType = headers['content-type']?.[0] ?? 'text/plain; charset=utf-8';
  const type = parseHeaderValue(contentType);
  const mimeType = type.value.toLowerCase();
  if (mimeType.startsWith('multipart/')) {
    for (const part of multipartParts(body, String(type.params.boundary))) collectLeaves(part, leaves);
    return;
  }
  const content = bodyBytes(body, headers['content-transfer-encoding']?.[0]);
  const disposition = headers['content-disposition']?.[0];
  const dispositionValue = disposition === undefined ? undefined : parseHeaderValue(disposition);
  const filename = dispositionValue?.params.filename ?? type.params.name;
  const asText = () => new TextDecoder(type.params.charset ?? 'utf-8').decode(content);
  if (dispositionValue?.value.toLowerCase() !== 'attachment' && filename === undefined && mimeType === 'text/plain' && leaves.text === undefined) {
    leaves.text = asText();
  } else if (dispositionValue?.value.toLowerCase() !== 'attachment' && filename === undefined && mimeType === 'text/html' && leaves.html === undefined) {
    leaves.html = asText();
  } else {
    leaves.attachments.push({ filename, contentType, content });
  }
};

/** Takes an RFC 5322 message apart: its headers, its text and HTML, and its attachments. */
export const parseMessage = (raw: string): Omit<ReceivedMail, 'envelope'> => {
  const headers = parseHeaders(splitHead(raw).head);
  const leaves: Leaves = { attachments: [] };
  collectLeaves(raw, leaves);
  const first = (name: string) => headers[name]?.[0];
  return { headers, messageId: first('message-id'), from: first('from'), to: first('to'), subject: first('subject'), ...leaves, raw };
};
