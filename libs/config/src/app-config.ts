import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { resolve } from 'node:path';

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
  @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//, {
    message: 'must be a connection string such as esdb://localhost:2113?tls=false',
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
  return {
    port: parsed.PORT ?? 3000,
    dataDir: resolve(parsed.DATA_DIR ?? './data'),
    eventStoreConnectionString: parsed.EVENTSTORE_CONNECTION_STRING,
    redisUrl: parsed.REDIS_URL,
    smtpUrl: parsed.SMTP_URL,
    meetingTimeZone: parsed.TZ_MEETINGS ?? 'Europe/Copenhagen',
    forumsFile: resolve(parsed.FORUMS_FILE ?? 'config/forums.json'),
    workerMaxLagSeconds: parsed.WORKER_MAX_LAG_SECONDS ?? 60,
  };
};
