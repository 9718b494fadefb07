import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './app-config';

const MIN_LENGTH = 32;

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

export interface SecretSource {
  /** What it is called in messages: 'link secret'. */
  name: string;
  /** The configured secret, where the variable is set. */
  configured?: string;
  variable: string;
  dataDir: string;
  fileName: string;
  /** What stops working when the file is replaced, for the message that says how. */
  lostOnReplace: string;
}

/**
 * A secret from its variable where set, else a random one made once and kept in DATA_DIR (mode 0600), so
 * the processes of one machine agree on it.
 */
export const persistedSecret = ({ name, configured, variable, dataDir, fileName, lostOnReplace }: SecretSource): string => {
  if (configured) return configured;
  const file = join(dataDir, fileName);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    createOnce(file);
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_LENGTH) throw new ConfigError(`${file} holds no ${name} of ${MIN_LENGTH} characters or more: delete the file to have a new one made (${lostOnReplace}), or set ${variable}`);
  return secret;
};
