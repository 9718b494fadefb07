import { DynamicModule } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream } from 'pino';
import { Options } from 'pino-http';
import pretty from 'pino-pretty';
import { AppConfig } from './app-config';
import { APP_CONFIG } from './config.module';

/** Where log lines go: stdout unless a test hands in a stream of its own to read or silence them. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/**
 * An e-mail address in any line, wherever it stands (a URL's query, also encoded, a message, an error from the mail relay):
 * redacting by field name would miss those that stand in text.
 */
const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/gi;
// Most lines hold no address: looking for its sign first spares them the pattern, which tries every position of the line.
export const withoutEmailAddresses = (line: string): string => (line.includes('@') || line.includes('%40') ? line.replace(EMAIL_ADDRESS, '[e-mail]') : line);

/** The signed link in a reminder e-mail completes a follow-up without sign-in: it is a credential, and kept out of the log. */
const SIGNED_LINK = /^(\/links\/[^/?]+\/)[^/?]+/;

/** JSON lines where the output is read by programs (a file, a pipe, a container's log), readable text on a terminal. */
export const defaultLogDestination = (): DestinationStream =>
  process.stdout.isTTY ? pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,context', messageFormat: '{if context}[{context}] {end}{msg}' }) : pino.destination({ dest: 1, sync: true });

/** The path as requested: a middleware mounted on a path sees its own part of it in `url`. */
const pathOf = (request: IncomingMessage & { originalUrl?: string }): string => (request.originalUrl ?? request.url ?? '').replace(SIGNED_LINK, '$1…');

/** The request's id is the HTTP platform's (`req.id`), which the API takes from X-Request-Id or makes. */
const httpOptions = (config: AppConfig): Options => ({
  level: config.logLevel,
  hooks: { streamWrite: withoutEmailAddresses },
  // One line per request, when it is answered: a refusal is the client's business, a 5xx ours.
  customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
  customSuccessMessage: (request, response, responseTime) => `${request.method} ${pathOf(request)} ${response.statusCode} ${Math.round(responseTime)} ms`,
  customErrorMessage: (request, response) => `${request.method} ${pathOf(request)} ${response.statusCode}`,
  // Only what tells a request apart: headers carry tokens and cookies, and bodies the names of people.
  serializers: {
    req: (request: IncomingMessage & { id?: string }) => ({ id: request.id, method: request.method, url: pathOf(request) }),
    res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
  },
  wrapSerializers: false,
});

/** Logging of the API and the worker through pino: JSON lines or pretty text by where stdout goes, at LOG_LEVEL, without e-mail addresses. */
export const loggingModule = (): DynamicModule =>
  LoggerModule.forRootAsync({
    providers: [{ provide: LOG_DESTINATION, useFactory: defaultLogDestination }],
    inject: [APP_CONFIG, LOG_DESTINATION],
    useFactory: (config: AppConfig, destination: DestinationStream) => ({ pinoHttp: [httpOptions(config), destination] }),
  });
