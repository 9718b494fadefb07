import { DirectoryEntry, Forum } from '@app/domain';
import { Global, Module } from '@nestjs/common';
import { AppConfig, loadAppConfig } from './app-config';
import { loadDirectory } from './directory-file';
import { loadForums } from './forums-file';
import { loadReminderSettings, ReminderSettings } from './reminders-file';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const FORUMS = Symbol('FORUMS');
export const DIRECTORY = Symbol('DIRECTORY');
export const REMINDER_SETTINGS = Symbol('REMINDER_SETTINGS');

@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: (): AppConfig => loadAppConfig() },
    { provide: FORUMS, useFactory: (config: AppConfig): Forum[] => loadForums(config.forumsFile), inject: [APP_CONFIG] },
    { provide: DIRECTORY, useFactory: (config: AppConfig): DirectoryEntry[] => loadDirectory(config.directoryFile), inject: [APP_CONFIG] },
    { provide: REMINDER_SETTINGS, useFactory: (config: AppConfig): ReminderSettings => loadReminderSettings(config.remindersFile), inject: [APP_CONFIG] },
  ],
  exports: [APP_CONFIG, FORUMS, DIRECTORY, REMINDER_SETTINGS],
})
export class ConfigModule {}
