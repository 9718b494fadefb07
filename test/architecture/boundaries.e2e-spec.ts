import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

interface Snippet {
  filePath: string;
  code: string;
}

/** Lints each snippet as a file at its path, with the project's ESLint config: the messages it gets. */
const lint = (snippets: Snippet[]): { ruleId: string | null; message: string }[][] => {
  const run = spawnSync(process.execPath, [resolve(__dirname, 'lint-snippets.js')], {
    cwd: root,
    input: JSON.stringify(snippets.map(({ filePath, code }) => ({ filePath: resolve(root, filePath), code }))),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`ESLint did not run: ${run.stderr}`);
  return JSON.parse(run.stdout);
};

/**
 * The layout's rules hold because CI lints every file: each rule is shown here to fail on a deliberate
 * violation, and to let the same import through where it is allowed.
 */
describe('the boundaries between the libraries', () => {
  const cases: [string, Snippet, boolean][] = [
    ['the domain imports no I/O', { filePath: 'libs/domain/src/cases/violation.ts', code: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n" }, false],
    ['the domain imports no framework', { filePath: 'libs/domain/src/cases/violation.ts', code: "import { Injectable } from '@nestjs/common';\nexport const decorate = Injectable;\n" }, false],
    ['the event store imports nothing of the product', { filePath: 'libs/event-store/src/violation.ts', code: "import { APP_CONFIG } from '@app/config';\nexport const token = APP_CONFIG;\n" }, false],
    ['read models import no commands', { filePath: 'libs/read-side/src/cases/violation.ts', code: "import { CommandRequest } from '@app/commands';\nexport const request = CommandRequest;\n" }, false],
    ['read models import no acting parts', { filePath: 'libs/read-side/src/cases/violation.ts', code: "import { ProcessManagersModule } from '@app/workflows';\nexport const module = ProcessManagersModule;\n" }, false],
    ['command handlers import no read models', { filePath: 'libs/commands/src/cases/violation.ts', code: "import { casesProjection } from '@app/read-side';\nexport const projection = casesProjection;\n" }, false],
    ['the minutes parser sends no commands', { filePath: 'libs/minutes-import/src/violation.ts', code: "import { CommandRequest } from '@app/commands';\nexport const request = CommandRequest;\n" }, false],
    ['the minutes parser uses no framework', { filePath: 'libs/minutes-import/src/violation.ts', code: "import { Injectable } from '@nestjs/common';\nexport const decorate = Injectable;\n" }, false],
    ['the minutes parser reads no configuration of its own', { filePath: 'libs/minutes-import/src/violation.ts', code: "import { FORUMS } from '@app/config';\nexport const token = FORUMS;\n" }, false],
    ["the minutes parser's specs may load the shipped forums", { filePath: 'libs/minutes-import/src/allowed.spec.ts', code: "import { loadForums } from '@app/config';\nexport const load = loadForums;\n" }, true],
    ['apps import a library through its index only', { filePath: 'apps/api/src/violation.ts', code: "import { SqliteEventStore } from '@app/event-store/sqlite/sqlite-event-store';\nexport const store = SqliteEventStore;\n" }, false],
    ['apps may import a library through its index', { filePath: 'apps/api/src/allowed.ts', code: "import { SqliteEventStore } from '@app/event-store';\nexport const store = SqliteEventStore;\n" }, true],
    ['sign-in runs none of the acting parts', { filePath: 'libs/access/src/violation.ts', code: "import { RemindersModule } from '@app/workflows';\nexport const module = RemindersModule;\n" }, false],
    ['sign-in may read the accounts read model', { filePath: 'libs/access/src/allowed.ts', code: "import { accountsProjection } from '@app/read-side';\nexport const projection = accountsProjection;\n" }, true],
    ['the acting parts may send commands', { filePath: 'libs/workflows/src/allowed.ts', code: "import { CommandRequest } from '@app/commands';\nexport const request = CommandRequest;\n" }, true],
  ];

  const results = lint(cases.map(([, snippet]) => snippet));

  it.each(cases.map(([name, snippet, allowed], index) => [name, snippet.filePath, allowed, index] as const))('%s (%s)', (_name, _path, allowed, index) => {
    const broken = results[index].filter((message) => message.ruleId === 'no-restricted-imports');
    if (allowed) expect(broken).toEqual([]);
    else expect(broken).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports' })]);
  });
});
