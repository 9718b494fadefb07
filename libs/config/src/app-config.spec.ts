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
});
