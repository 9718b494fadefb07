import { EventStoreDBClient } from '@eventstore/db-client';
import { plainToInstance, Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, validateSync } from 'class-validator';
import { resolve } from 'node:path';

/**
 * What the installed EventStoreDB client makes of a connection string, as the API and the worker open theirs:
 * it reads esdb:// and esdb+discover:// only, not the kurrentdb:// or kdb:// of newer clients.
 */
const connectionStringProblem = (value: unknown): string | undefined => {
  try {
    EventStoreDBClient.connectionString(String(value));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every variable the product reads, validated once at start. */
class Environment {
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
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
  @IsString()
  FORUMS_FILE?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  WORKER_MAX_LAG_SECONDS?: number;

  @IsOptional()
  @IsString()
  DIRECTORY_FILE?: string;

  @IsOptional()
  @IsString()
  REMINDERS_FILE?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1 to 40 letters, digits, - or _' })
  REDIS_PREFIX?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be the http(s) address the API is reached at, e.g. https://opfoelgning.example.dk' })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  LINK_SECRET?: string;

  @IsOptional()
  @IsIn(['0', '1'], { message: 'must be 1 (show the queue view) or 0' })
  QUEUE_VIEW?: string;

  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  AUTH_SECRET?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(8760)
  TOKEN_TTL_HOURS?: number;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;
}

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
  /** The least severe log lines written. */
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const blankToUndefined = (env: NodeJS.ProcessEnv): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));

/** Reads the environment into one typed object, or fails with a message that names every bad variable. */
export const loadAppConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const parsed = plainToInstance(Environment, blankToUndefined(env), { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => `  ${error.property}=${JSON.stringify(error.value)}: ${Object.values(error.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (Boolean(parsed.ADMIN_EMAIL) !== Boolean(parsed.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD: set both, or neither');
  }
  return {
    port: parsed.PORT ?? 3000,
    dataDir: resolve(parsed.DATA_DIR ?? './data'),
    eventStoreConnectionString: parsed.EVENTSTORE_CONNECTION_STRING,
    redisUrl: parsed.REDIS_URL,
    smtpUrl: parsed.SMTP_URL,
    meetingTimeZone: parsed.TZ_MEETINGS ?? 'Europe/Copenhagen',
    forumsFile: resolve(parsed.FORUMS_FILE ?? 'config/forums.json'),
    workerMaxLagSeconds: parsed.WORKER_MAX_LAG_SECONDS ?? 60,
    directoryFile: resolve(parsed.DIRECTORY_FILE ?? 'config/directory.json'),
    remindersFile: resolve(parsed.REMINDERS_FILE ?? 'config/reminders.json'),
    redisPrefix: parsed.REDIS_PREFIX ?? 'opfoelgning',
    mailFrom: parsed.MAIL_FROM ?? 'Rammeaftalesekretariatet <noreply@rammeaftale.example>',
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT ?? 3000}`).replace(/\/+$/, ''),
    linkSecret: parsed.LINK_SECRET,
    queueView: parsed.QUEUE_VIEW === '1',
    admin: parsed.ADMIN_EMAIL && parsed.ADMIN_PASSWORD ? { email: parsed.ADMIN_EMAIL, password: parsed.ADMIN_PASSWORD } : undefined,
    authSecret: parsed.AUTH_SECRET,
    tokenTtlHours: parsed.TOKEN_TTL_HOURS ?? 720,
    logLevel: parsed.LOG_LEVEL ?? 'info',
  };
};
