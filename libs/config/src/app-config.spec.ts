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
    });
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
