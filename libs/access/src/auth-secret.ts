import { APP_CONFIG, AppConfig, persistedSecret } from '@app/config';
import { FactoryProvider } from '@nestjs/common';

export const AUTH_SECRET = Symbol('AUTH_SECRET');

/** Signs the API's tokens: AUTH_SECRET where set, else one made once and kept in DATA_DIR/auth-secret. */
export const authSecretProvider: FactoryProvider<string> = {
  provide: AUTH_SECRET,
  useFactory: (config: AppConfig) =>
    persistedSecret({ name: 'token secret', configured: config.authSecret, variable: 'AUTH_SECRET', dataDir: config.dataDir, fileName: 'auth-secret', lostOnReplace: 'every token issued so far stops working' }),
  inject: [APP_CONFIG],
};
