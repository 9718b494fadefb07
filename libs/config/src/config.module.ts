import { Forum } from '@app/domain';
import { Global, Module } from '@nestjs/common';
import { AppConfig, loadAppConfig } from './app-config';
import { loadForums } from './forums-file';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const FORUMS = Symbol('FORUMS');

@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: (): AppConfig => loadAppConfig() },
    { provide: FORUMS, useFactory: (config: AppConfig): Forum[] => loadForums(config.forumsFile), inject: [APP_CONFIG] },
  ],
  exports: [APP_CONFIG, FORUMS],
})
export class ConfigModule {}
