import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, configVariables, loadAppConfig } from './app-config';
import { loadConfiguration, readEnvironment } from './environment';
import { PROJECT_ROOT } from './project-root';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n').slice(1).map((line) => line.trim());
  }
  throw new Error('The configuration was taken');
};

describe('loadAppConfig', () => {
  it('gives the embedded defaults for an empty environment, its files in the project folder', () => {
    expect(loadAppConfig({})).toEqual({
      port: 3000,
      dataDir: join(PROJECT_ROOT, 'data'),
      eventStoreConnectionString: undefined,
      redisUrl: undefined,
      smtpUrl: undefined,
      meetingTimeZone: 'Europe/Copenhagen',
      forumsFile: join(PROJECT_ROOT, 'config/forums.json'),
      workerMaxLagSeconds: 60,
      directoryFile: join(PROJECT_ROOT, 'config/directory.json'),
      remindersFile: join(PROJECT_ROOT, 'config/reminders.json'),
      redisPrefix: 'opfoelgning',
      mailFrom: 'Rammeaftalesekretariatet <noreply@rammeaftale.example>',
      publicUrl: 'http://localhost:3000',
      linkSecret: undefined,
      queueView: false,
      admin: undefined,
      authSecret: undefined,
      tokenTtlHours: 720,
      ageing: { postponements: 2, days: 90 },
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    expect(
      loadAppConfig({
        PORT: '8080',
        DATA_DIR: '/var/lib/opfoelgning',
        EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false',
        REDIS_URL: 'redis://redis:6379',
        SMTP_URL: 'smtp://mailpit:1025',
        TZ_MEETINGS: 'Europe/Berlin',
        FORUMS_FILE: '/etc/opfoelgning/forums.json',
        WORKER_MAX_LAG_SECONDS: '300',
        DIRECTORY_FILE: '/etc/opfoelgning/directory.json',
        REMINDERS_FILE: '/etc/opfoelgning/reminders.json',
        REDIS_PREFIX: 'sjaelland',
        MAIL_FROM: 'Sekretariatet <sekretariat@example.dk>',
        PUBLIC_URL: 'https://opfoelgning.example.dk/',
        LINK_SECRET: 'a-secret-of-at-least-thirty-two-characters',
        QUEUE_VIEW: '1',
        ADMIN_EMAIL: 'sekretariat@example.dk',
        ADMIN_PASSWORD: 'a-long-enough-password',
        AUTH_SECRET: 'another-secret-of-thirty-two-characters',
        TOKEN_TTL_HOURS: '12',
        LOG_LEVEL: 'debug',
        AGEING_POSTPONEMENTS: '3',
        AGEING_DAYS: '60',
      }),
    ).toEqual({
      port: 8080,
      dataDir: '/var/lib/opfoelgning',
      eventStoreConnectionString: 'esdb://eventstore:2113?tls=false',
      redisUrl: 'redis://redis:6379',
      smtpUrl: 'smtp://mailpit:1025',
      meetingTimeZone: 'Europe/Berlin',
      forumsFile: '/etc/opfoelgning/forums.json',
      workerMaxLagSeconds: 300,
      directoryFile: '/etc/opfoelgning/directory.json',
      remindersFile: '/etc/opfoelgning/reminders.json',
      redisPrefix: 'sjaelland',
      mailFrom: 'Sekretariatet <sekretariat@example.dk>',
      publicUrl: 'https://opfoelgning.example.dk',
      linkSecret: 'a-secret-of-at-least-thirty-two-characters',
      queueView: true,
      admin: { email: 'sekretariat@example.dk', password: 'a-long-enough-password' },
      authSecret: 'another-secret-of-thirty-two-characters',
      tokenTtlHours: 12,
      logLevel: 'debug',
      ageing: { postponements: 3, days: 60 },
    });
  });

  it('takes the first account from both ADMIN_EMAIL and ADMIN_PASSWORD, or from neither', () => {
    expect(() => loadAppConfig({ ADMIN_EMAIL: 'sekretariat@example.dk' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD: set both, or neither/);
    expect(() => loadAppConfig({ ADMIN_PASSWORD: 'a-long-enough-password' })).toThrow(/set both, or neither/);
    expect(() => loadAppConfig({ ADMIN_EMAIL: 'sekretariat@example.dk', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD must be at least 12 characters, got 5 characters/);
    expect(() => loadAppConfig({ ADMIN_EMAIL: 'sekretariatet', ADMIN_PASSWORD: 'a-long-enough-password' })).toThrow(/ADMIN_EMAIL must be an e-mail address, got "sekretariatet"/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadAppConfig({ EVENTSTORE_CONNECTION_STRING: '', PORT: '' })).toMatchObject({ port: 3000, eventStoreConnectionString: undefined });
  });

  it('says in one line what a bad PORT must be and what it got', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT must be a whole number between 1 and 65535, got "abc"']);
    for (const port of ['0', '65536', '80.5', '8e3', '-1', ' 80']) expect(problemsOf({ PORT: port })).toEqual([`PORT must be a whole number between 1 and 65535, got "${port}"`]);
    expect(loadAppConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it('lists every bad variable, one line each, and quotes no secret', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      REDIS_URL: 'localhost:6379',
      SMTP_URL: 'mail',
      TZ_MEETINGS: 'Copenhagen',
      EVENTSTORE_CONNECTION_STRING: 'http://x',
      TOKEN_TTL_HOURS: 'a day',
      AUTH_SECRET: 'hunter2',
    });
    expect(problems).toHaveLength(7);
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT must be a whole number between 1 and 65535, got "eighty"',
        'REDIS_URL must be a redis:// or rediss:// URL, got "localhost:6379"',
        'SMTP_URL must be an smtp:// or smtps:// URL, got "mail"',
        'TZ_MEETINGS must be an IANA time zone such as Europe/Copenhagen, got "Copenhagen"',
        'TOKEN_TTL_HOURS must be a whole number between 1 and 8760, got "a day"',
        'AUTH_SECRET must be at least 32 characters, got 7 characters',
        expect.stringMatching(/^EVENTSTORE_CONNECTION_STRING must be a connection string the EventStoreDB client reads.*, got "http:\/\/x"$/),
      ]),
    );
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('takes an EventStoreDB connection string only where the installed client can parse it', () => {
    for (const accepted of ['esdb://localhost:2113?tls=false', 'esdb+discover://cluster.example:2113', 'esdb://admin:changeit@a:2113,b:2113,c:2113?nodePreference=leader']) {
      expect(loadAppConfig({ EVENTSTORE_CONNECTION_STRING: accepted }).eventStoreConnectionString).toBe(accepted);
    }
    for (const refused of ['kurrentdb://localhost:2113?tls=false', 'kdb://localhost:2113', 'kurrentdb+discover://cluster.example:2113', 'esdb://localhost:2113?tls=perhaps']) {
      expect(() => loadAppConfig({ EVENTSTORE_CONNECTION_STRING: refused })).toThrow(/EVENTSTORE_CONNECTION_STRING must be .*esdb:\/\//s);
    }
  });
});

describe('the environment the product starts with', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'config-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads the .env file in the project folder', () => {
    writeFileSync(join(root, '.env'), '# the port\nPORT=8080\nTZ_MEETINGS="Europe/Berlin"\n');
    expect(loadAppConfig(readEnvironment({}, root), root)).toMatchObject({ port: 8080, meetingTimeZone: 'Europe/Berlin' });
  });

  it('lets a variable of the process override the same one in .env', () => {
    writeFileSync(join(root, '.env'), 'PORT=8080\nREDIS_PREFIX=from-file\n');
    expect(loadAppConfig(readEnvironment({ PORT: '9090' }, root), root)).toMatchObject({ port: 9090, redisPrefix: 'from-file' });
  });

  it('runs without a .env file', () => {
    expect(readEnvironment({ PORT: '9090' }, root)).toEqual({ PORT: '9090' });
  });

  it('lists a bad variable from .env as it lists one from the process', () => {
    writeFileSync(join(root, '.env'), 'PORT=abc\n');
    expect(() => loadAppConfig(readEnvironment({}, root), root)).toThrow('PORT must be a whole number between 1 and 65535, got "abc"');
  });

  it('takes relative paths from the project folder, not from the folder it is started in', () => {
    expect(loadAppConfig({ DATA_DIR: 'var/data', FORUMS_FILE: 'etc/forums.json' }, root)).toMatchObject({
      dataDir: join(root, 'var/data'),
      forumsFile: join(root, 'etc/forums.json'),
      directoryFile: join(root, 'config/directory.json'),
    });
    expect(loadAppConfig({ DATA_DIR: '/srv/data' }, root).dataDir).toBe('/srv/data');
  });

  it('finds config/forums.json when started from another folder', () => {
    const started = process.cwd();
    process.chdir(root);
    try {
      expect(loadConfiguration({}).forumsFile).toBe(join(PROJECT_ROOT, 'config/forums.json'));
    } finally {
      process.chdir(started);
    }
  });
});

describe('.env.example', () => {
  it('lists every variable the product reads, each with a line saying what it is', () => {
    const example = readFileSync(join(PROJECT_ROOT, '.env.example'), 'utf8');
    for (const variable of configVariables()) expect(example).toMatch(new RegExp(`^# ${variable}=`, 'm'));
    expect(configVariables()).toContain('PORT');
  });
});
