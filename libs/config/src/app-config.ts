import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsEmail, IsIn, IsOptional, Matches, MinLength, ValidateBy, ValidationError, validateSync } from 'class-validator';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from './project-root';

/**
 * What the installed EventStoreDB client makes of a connection string, as the API and the worker open theirs:
 * it reads esdb:// and esdb+discover:// only, not the kurrentdb:// or kdb:// of newer clients.
 */
const connectionStringProblem = (value: unknown): string | undefined => {
  try {
    // Loaded only where a connection string is given: the client is among the slowest packages to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDBClient } = require('@eventstore/db-client') as typeof import('@eventstore/db-client');
    EventStoreDBClient.connectionString(String(value));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const WHOLE_NUMBER = /^\d{1,15}$/;

/** A whole number within bounds, written as digits only: "8080", not "8080.5", "0x1F90" or "8e3". */
const IsWholeNumber = (min: number, max: number) =>
  ValidateBy({
    name: 'wholeNumber',
    validator: {
      validate: (value) => typeof value === 'string' && WHOLE_NUMBER.test(value) && Number(value) >= min && Number(value) <= max,
      defaultMessage: () => `must be a whole number between ${min} and ${max}`,
    },
  });

/** Variables whose value a message must not repeat: it would end up in logs. */
const SECRETS = new Set(['LINK_SECRET', 'ADMIN_PASSWORD', 'AUTH_SECRET']);

/**
 * Every variable the product reads, validated once at start, as the text the environment holds; numbers are
 * read once the text is known to be one, so a message can quote what was given.
 */
class Environment {
  @IsOptional()
  @IsWholeNumber(1, 65535)
  PORT?: string;

  @IsOptional()
  DATA_DIR?: string;

  @IsOptional()
  @ValidateBy({
    name: 'eventStoreConnectionString',
    validator: {
      validate: (value) => connectionStringProblem(value) === undefined,
      defaultMessage: (args) => `must be a connection string the EventStoreDB client reads, such as esdb://localhost:2113?tls=false (${connectionStringProblem(args?.value)})`,
    },
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsIn(Intl.supportedValuesOf('timeZone'), { message: 'must be an IANA time zone such as Europe/Copenhagen' })
  TZ_MEETINGS?: string;

  @IsOptional()
  FORUMS_FILE?: string;

  @IsOptional()
  @IsWholeNumber(1, 604800)
  WORKER_MAX_LAG_SECONDS?: string;

  @IsOptional()
  DIRECTORY_FILE?: string;

  @IsOptional()
  REMINDERS_FILE?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1 to 40 letters, digits, - or _' })
  REDIS_PREFIX?: string;

  @IsOptional()
  MAIL_FROM?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be the http(s) address the API is reached at, e.g. https://opfoelgning.example.dk' })
  PUBLIC_URL?: string;

  @IsOptional()
  @MinLength(32, { message: 'must be at least 32 characters' })
  LINK_SECRET?: string;

  @IsOptional()
  @IsIn(['0', '1'], { message: 'must be 1 (show the queue view) or 0' })
  QUEUE_VIEW?: string;

  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @MinLength(32, { message: 'must be at least 32 characters' })
  AUTH_SECRET?: string;

  @IsOptional()
  @IsWholeNumber(1, 8760)
  TOKEN_TTL_HOURS?: string;

  @IsOptional()
  @IsWholeNumber(1, 1000)
  AGEING_POSTPONEMENTS?: string;

  @IsOptional()
  @IsWholeNumber(1, 36500)
  AGEING_DAYS?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;
}

/** The name of every variable the product reads. */
export const configVariables = (): string[] => [
  ...new Set(getMetadataStorage().getTargetValidationMetadatas(Environment, '', false, false).map((metadata) => metadata.propertyName)),
];

export interface AppConfig {
  port: number;
  dataDir: string;
  eventStoreConnectionString?: string;
  redisUrl?: string;
  smtpUrl?: string;
  meetingTimeZone: string;
  forumsFile: string;
  /** How long an event may wait for the worker before /health calls the worker stuck. */
  workerMaxLagSeconds: number;
  /** People and organisations with e-mail addresses, that follow-up owners are resolved against. */
  directoryFile: string;
  /** When each kind of reminder is sent, the daily digest, and the escalation ladder. */
  remindersFile: string;
  /** Every Redis key of the reminder queues starts with it, so several installations can share a Redis. */
  redisPrefix: string;
  /** The sender of reminder e-mails. */
  mailFrom: string;
  /** Where the API is reached, for the links in e-mails. */
  publicUrl: string;
  /** Signs the links in e-mails; unset, one is made and kept in DATA_DIR (enough for one machine). */
  linkSecret?: string;
  /** Mount the queue view under /admin/queues. */
  queueView: boolean;
  /** At a start with no account yet, the first secretariat account; both or neither. */
  admin?: { email: string; password: string };
  /** Signs the API's tokens; unset, one is made and kept in DATA_DIR (enough for one machine). */
  authSecret?: string;
  /** How long a token from POST /api/auth/token is good for. */
  tokenTtlHours: number;
  /** An open case postponed this many times, or waiting this many days, is marked on the board. */
  ageing: { postponements: number; days: number };
  /** The least severe log lines written. */
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const blankToUndefined = (env: NodeJS.ProcessEnv): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));

/** One line per bad variable: what it must be, and what it is (a secret only by its length). */
const describeProblem = (error: ValidationError): string => {
  const given = typeof error.value === 'string' && SECRETS.has(error.property) ? `${error.value.length} characters` : JSON.stringify(error.value);
  return `${error.property} ${Object.values(error.constraints ?? {})[0]}, got ${given}`;
};

/**
 * Reads the environment into one typed object, or fails with a message that names every bad variable on a line
 * of its own. Relative paths are taken from `root`, the project's folder, so the product finds its files
 * whichever folder it is started from.
 */
export const loadAppConfig = (env: NodeJS.ProcessEnv = process.env, root: string = PROJECT_ROOT): AppConfig => {
  const raw = plainToInstance(Environment, blankToUndefined(env));
  const problems = validateSync(raw, { stopAtFirstError: true }).map(describeProblem);
  if (Boolean(raw.ADMIN_EMAIL) !== Boolean(raw.ADMIN_PASSWORD)) problems.push('ADMIN_EMAIL and ADMIN_PASSWORD: set both, or neither');
  if (problems.length > 0) throw new ConfigError(`Invalid configuration (${problems.length === 1 ? 'one variable' : `${problems.length} variables`}):\n${problems.map((line) => `  ${line}`).join('\n')}`);
  const port = raw.PORT === undefined ? 3000 : Number(raw.PORT);
  const fromRoot = (path: string) => resolve(root, path);
  return {
    port,
    dataDir: fromRoot(raw.DATA_DIR ?? 'data'),
    eventStoreConnectionString: raw.EVENTSTORE_CONNECTION_STRING,
    redisUrl: raw.REDIS_URL,
    smtpUrl: raw.SMTP_URL,
    meetingTimeZone: raw.TZ_MEETINGS ?? 'Europe/Copenhagen',
    forumsFile: fromRoot(raw.FORUMS_FILE ?? 'config/forums.json'),
    workerMaxLagSeconds: raw.WORKER_MAX_LAG_SECONDS === undefined ? 60 : Number(raw.WORKER_MAX_LAG_SECONDS),
    directoryFile: fromRoot(raw.DIRECTORY_FILE ?? 'config/directory.json'),
    remindersFile: fromRoot(raw.REMINDERS_FILE ?? 'config/reminders.json'),
    redisPrefix: raw.REDIS_PREFIX ?? 'opfoelgning',
    mailFrom: raw.MAIL_FROM ?? 'Rammeaftalesekretariatet <noreply@rammeaftale.example>',
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    linkSecret: raw.LINK_SECRET,
    queueView: raw.QUEUE_VIEW === '1',
    admin: raw.ADMIN_EMAIL && raw.ADMIN_PASSWORD ? { email: raw.ADMIN_EMAIL, password: raw.ADMIN_PASSWORD } : undefined,
    authSecret: raw.AUTH_SECRET,
    tokenTtlHours: raw.TOKEN_TTL_HOURS === undefined ? 720 : Number(raw.TOKEN_TTL_HOURS),
    ageing: { postponements: raw.AGEING_POSTPONEMENTS === undefined ? 2 : Number(raw.AGEING_POSTPONEMENTS), days: raw.AGEING_DAYS === undefined ? 90 : Number(raw.AGEING_DAYS) },
    logLevel: raw.LOG_LEVEL ?? 'info',
  };
};
