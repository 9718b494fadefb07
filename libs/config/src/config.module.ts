import { DirectoryEntry, Forum } from '@app/domain';
import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule, registerAs } from '@nestjs/config';
import { AppConfig, loadAppConfig } from './app-config';
import { loadDirectory } from './directory-file';
import { envFileOf } from './environment';
import { loadForums } from './forums-file';
import { PROJECT_ROOT } from './project-root';
import { loadReminderSettings, ReminderSettings } from './reminders-file';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const FORUMS = Symbol('FORUMS');
export const DIRECTORY = Symbol('DIRECTORY');
export const REMINDER_SETTINGS = Symbol('REMINDER_SETTINGS');

/** Read once @nestjs/config has put the project's .env into process.env, under the variables already set. */
const appConfig = registerAs('app', (): AppConfig => loadAppConfig(process.env));

@Global()
@Module({
  imports: [NestConfigModule.forRoot({ envFilePath: envFileOf(PROJECT_ROOT), load: [appConfig] })],
  providers: [
    { provide: APP_CONFIG, useFactory: (config: AppConfig): AppConfig => config, inject: [appConfig.KEY] },
    { provide: FORUMS, useFactory: (config: AppConfig): Forum[] => loadForums(config.forumsFile), inject: [APP_CONFIG] },
    { provide: DIRECTORY, useFactory: (config: AppConfig): DirectoryEntry[] => loadDirectory(config.directoryFile), inject: [APP_CONFIG] },
    { provide: REMINDER_SETTINGS, useFactory: (config: AppConfig): ReminderSettings => loadReminderSettings(config.remindersFile), inject: [APP_CONFIG] },
  ],
  exports: [APP_CONFIG, FORUMS, DIRECTORY, REMINDER_SETTINGS],
})
export class ConfigModule {}
