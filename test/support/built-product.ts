import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const lock = join(root, '.build.lock');
/** A lock older than a build ever takes was left by a run that died. */
const STALE_LOCK_MS = 5 * 60_000;

const newestSource = (dir: string): number =>
  Math.max(0, ...readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));

const stale = (builtFile: string): boolean =>
  (statSync(builtFile, { throwIfNoEntry: false })?.mtimeMs ?? 0) < Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs')));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm run build` where dist/ is missing or older than the sources, once across Jest's workers: the build
 * starts by removing dist/, which would pull it from under another test file's running product.
 */
export const buildWhereStale = async (builtFile: string): Promise<void> => {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    if (stale(builtFile)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
};
