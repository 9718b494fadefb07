import { Forum } from '@app/domain';
import { Global, Module } from '@nestjs/common';
import { AppConfig, loadAppConfig } from './app-config';
import { loadForums } from './forums-file';
import { loadReminderSettings, ReminderSettings } from './reminders-file';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const FORUMS = Symbol('FORUMS');
export const REMINDER_SETTINGS = Symbol('REMINDER_SETTINGS');

@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: (): AppConfig => loadAppConfig() },
    { provide: FORUMS, useFactory: (config: AppConfig): Forum[] => loadForums(config.forumsFile), inject: [APP_CONFIG] },
    { provide: REMINDER_SETTINGS, useFactory: (config: AppConfig): ReminderSettings => loadReminderSettings(config.remindersFile), inject: [APP_CONFIG] },
  ],
  exports: [APP_CONFIG, FORUMS, REMINDER_SETTINGS],
})
export class ConfigModule {}
