import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder at or above `from` that holds a package.json. */
export const findProjectRoot = (from: string): string => {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) return from;
  }
};

/**
 * The product's own folder (where package.json, config/ and .env are), found from this file rather than the
 * current folder: the sources and the build in dist/ find the same one, from wherever they are started.
 */
export const PROJECT_ROOT = findProjectRoot(__dirname);
