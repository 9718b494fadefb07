import { APP_CONFIG, AppConfig, ConfigError } from '@app/config';
import { FactoryProvider } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LINK_SECRET_FILE = 'link-secret';

/** Writes a new secret unless one is there; where the API and the worker start at once, the first one written stays. */
const createOnce = (file: string): void => {
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
  try {
    // A hard link appears whole or not at all, and fails where the file exists: no one reads half a secret.
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
};

/**
 * The secret the links in e-mails are signed with: LINK_SECRET where it is set, else a random one made once
 * and kept in DATA_DIR/link-secret (mode 0600), so the API and the worker of one machine agree on it.
 */
export const linkSecretOf = (config: Pick<AppConfig, 'linkSecret' | 'dataDir'>): string => {
  if (config.linkSecret) return config.linkSecret;
  const file = join(config.dataDir, LINK_SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    createOnce(file);
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new ConfigError(`${file} holds no link secret of 32 characters or more: delete the file to have a new one made (links already sent stop working), or set LINK_SECRET`);
  return secret;
};

export const LINK_SECRET = Symbol('LINK_SECRET');

/** For the API, which checks the links, and the worker, which puts them in e-mails. */
export const linkSecretProvider: FactoryProvider<string> = { provide: LINK_SECRET, useFactory: linkSecretOf, inject: [APP_CONFIG] };
