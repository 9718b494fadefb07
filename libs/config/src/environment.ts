import { getDefaultParser } from '@nestjs/config';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError, loadAppConfig } from './app-config';
import { loadDirectory } from './directory-file';
import { loadForums } from './forums-file';
import { PROJECT_ROOT } from './project-root';
import { loadReminderSettings } from './reminders-file';

/** The .env file of a project folder: read where it exists, never required. */
export const envFileOf = (root: string): string => join(root, '.env');

/**
 * The variables the product runs with: those of the process over those in the project's .env, read with the
 * same parser as @nestjs/config, so a check before start and the running app see one environment.
 */
export const readEnvironment = (env: NodeJS.ProcessEnv = process.env, root: string = PROJECT_ROOT): NodeJS.ProcessEnv => {
  const file = envFileOf(root);
  let fromFile: Record<string, string> = {};
  if (existsSync(file)) {
    try {
      fromFile = getDefaultParser()(readFileSync(file));
    } catch (error) {
      throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}`);
    }
  }
  return { ...fromFile, ...env };
};

/** The whole configuration, variables and files, as the API, the worker and the command line start with it. */
export const loadConfiguration = (env: NodeJS.ProcessEnv = process.env, root: string = PROJECT_ROOT): AppConfig => {
  const config = loadAppConfig(readEnvironment(env, root), root);
  loadForums(config.forumsFile);
  loadDirectory(config.directoryFile);
  loadReminderSettings(config.remindersFile);
  return config;
};

/**
 * Checked before Nest starts, so a bad variable or file ends the process with exit code 1 and one line per
 * problem, rather than inside a stack trace from dependency injection.
 */
export const exitOnInvalidConfiguration = (): void => {
  try {
    loadConfiguration();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
};
