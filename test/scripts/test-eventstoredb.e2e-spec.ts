import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const dockerAnswers = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;

/** `npm run test:eventstoredb` where no Docker engine answers: it skips the run, says why, and does not fail. */
describe('npm run test:eventstoredb (scripts/test-eventstoredb.js)', () => {
  (dockerAnswers ? it.skip : it)('says that no Docker engine answers, skips the run, and exits 0', () => {
    const result = spawnSync('npm', ['run', '--silent', 'test:eventstoredb'], { cwd: root, encoding: 'utf8', timeout: 60_000 });

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/No Docker engine answers .*: the EventStoreDB test run is skipped/);
  });
});
