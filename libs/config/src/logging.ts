import { DynamicModule } from '@nestjs/common';
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

/** The signed link in a reminder e-mail completes a follow-up without sign-in: it is a credential, and kept out of the log, however its path is cased (the router takes any). */
const SIGNED_LINK = /^(\/links\/[^/?]+\/)[^/?]+/i;

/** JSON lines where the output is read by programs (a file, a pipe, a container's log), readable text on a terminal. */
export const defaultLogDestination = (): DestinationStream =>
  process.stdout.isTTY ? pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,context', messageFormat: '{if context}[{context}] {end}{msg}' }) : pino.destination({ dest: 1, sync: true });

/** A request's path as the log shows it: the credential of a signed link left out. */
export const loggedPath = (url: string): string => url.replace(SIGNED_LINK, '$1…');

/**
 * The root logger's options. No request is logged here: the API writes one line per answer from a hook of its
 * HTTP platform (apps/api/src/http/access-log.ts). nestjs-pino's own per-request middleware is left unmounted
 * (`forRoutes: []`): pino-http's child logger per request, and the async-local storage it ran every request in,
 * were the largest cost of reading a case after SQLite and the socket (see the README's HTTP figures).
 */
const rootOptions = (config: AppConfig): Options => ({
  level: config.logLevel,
  hooks: { streamWrite: withoutEmailAddresses },
  // A line's req and res are written as the API gives them, already cut down to what tells a request apart.
  serializers: { req: (fields: unknown) => fields, res: (fields: unknown) => fields },
  wrapSerializers: false,
});

/** Logging of the API and the worker through pino: JSON lines or pretty text by where stdout goes, at LOG_LEVEL, without e-mail addresses. */
export const loggingModule = (): DynamicModule =>
  LoggerModule.forRootAsync({
    providers: [{ provide: LOG_DESTINATION, useFactory: defaultLogDestination }],
    inject: [APP_CONFIG, LOG_DESTINATION],
    useFactory: (config: AppConfig, destination: DestinationStream) => ({ pinoHttp: [rootOptions(config), destination], forRoutes: [] }),
  });
