import { APP_CONFIG, AppConfig, persistedSecret } from '@app/config';
import { FactoryProvider } from '@nestjs/common';

/**
 * The secret the links in e-mails are signed with: LINK_SECRET where it is set, else a random one made once
 * and kept in DATA_DIR/link-secret, so the API and the worker of one machine agree on it.
 */
export const linkSecretOf = (config: Pick<AppConfig, 'linkSecret' | 'dataDir'>): string =>
  persistedSecret({ name: 'link secret', configured: config.linkSecret, variable: 'LINK_SECRET', dataDir: config.dataDir, fileName: 'link-secret', lostOnReplace: 'links already sent stop working' });

export const LINK_SECRET = Symbol('LINK_SECRET');

/** For the API, which checks the links, and the worker, which puts them in e-mails. */
export const linkSecretProvider: FactoryProvider<string> = { provide: LINK_SECRET, useFactory: linkSecretOf, inject: [APP_CONFIG] };
