import { resolve } from 'node:path';
import { ConfigError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    expect(loadAppConfig({})).toEqual({
      port: 3000,
      dataDir: resolve('./data'),
      eventStoreConnectionString: undefined,
      redisUrl: undefined,
      smtpUrl: undefined,
      meetingTimeZone: 'Europe/Copenhagen',
      forumsFile: resolve('config/forums.json'),
      workerMaxLagSeconds: 60,
      directoryFile: resolve('config/directory.json'),
      remindersFile: resolve('config/reminders.json'),
      redisPrefix: 'opfoelgning',
      mailFrom: 'Rammeaftalesekretariatet <noreply@rammeaftale.example>',
      publicUrl: 'http://localhost:3000',
      linkSecret: undefined,
      queueView: false,
      admin: undefined,
      authSecret: undefined,
      tokenTtlHours: 720,
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
    });
  });

  it('takes the first account from both ADMIN_EMAIL and ADMIN_PASSWORD, or from neither', () => {
    expect(() => loadAppConfig({ ADMIN_EMAIL: 'sekretariat@example.dk' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD: set both, or neither/);
    expect(() => loadAppConfig({ ADMIN_PASSWORD: 'a-long-enough-password' })).toThrow(/set both, or neither/);
    expect(() => loadAppConfig({ ADMIN_EMAIL: 'sekretariat@example.dk', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD=.*at least 12 characters/);
    expect(() => loadAppConfig({ ADMIN_EMAIL: 'sekretariatet', ADMIN_PASSWORD: 'a-long-enough-password' })).toThrow(/ADMIN_EMAIL=.*e-mail address/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadAppConfig({ EVENTSTORE_CONNECTION_STRING: '', PORT: '' })).toMatchObject({ port: 3000, eventStoreConnectionString: undefined });
  });

  it('names every bad variable in one message', () => {
    const load = () => loadAppConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', SMTP_URL: 'mail', TZ_MEETINGS: 'Copenhagen', EVENTSTORE_CONNECTION_STRING: 'http://x' });
    expect(load).toThrow(ConfigError);
    const message = (() => {
      try {
        load();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const variable of ['PORT', 'REDIS_URL', 'SMTP_URL', 'TZ_MEETINGS', 'EVENTSTORE_CONNECTION_STRING']) expect(message).toContain(`${variable}=`);
  });

  it('takes an EventStoreDB connection string only where the installed client can parse it', () => {
    for (const accepted of ['esdb://localhost:2113?tls=false', 'esdb+discover://cluster.example:2113', 'esdb://admin:changeit@a:2113,b:2113,c:2113?nodePreference=leader']) {
      expect(loadAppConfig({ EVENTSTORE_CONNECTION_STRING: accepted }).eventStoreConnectionString).toBe(accepted);
    }
    for (const refused of ['kurrentdb://localhost:2113?tls=false', 'kdb://localhost:2113', 'kurrentdb+discover://cluster.example:2113', 'esdb://localhost:2113?tls=perhaps']) {
      expect(() => loadAppConfig({ EVENTSTORE_CONNECTION_STRING: refused })).toThrow(/EVENTSTORE_CONNECTION_STRING=.*esdb:\/\//s);
    }
  });
});
