import tseslint from 'typescript-eslint';

/** Each library's allowed neighbours; a violation fails `npm run lint`, and test/architecture shows each rule failing. */
const boundaries = (files, patterns, ignores = []) => ({ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } });

const throughIndex = { group: ['@app/*/*'], message: 'Import a library through its index (@app/<library>), not its files.' };

export default tseslint.config(
  { ignores: ['dist/**', '**/node_modules/**', 'data/**', 'coverage/**', 'reports/**', '.stryker-tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['jest.config.js', 'jest.mutation.config.js', 'scripts/**/*.js', 'test/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The domain is pure: no framework, no store, no I/O, so every rule can be read and tested alone.
  boundaries(['libs/domain/**/*.ts'], [
    {
      group: ['@nestjs/*', 'bullmq', 'ioredis', 'better-sqlite3', '@eventstore/*', '@app/*', 'node:*', 'fs', 'path', 'net', 'http', 'child_process'],
      message: 'libs/domain is pure: no framework, store or I/O.',
    },
  ]),
  // The store keeps typed JSON events and knows no case, meeting or configuration.
  boundaries(['libs/event-store/**/*.ts'], [{ group: ['@app/*'], message: 'libs/event-store knows nothing of the product: it depends on no other library.' }]),
  // Read models are passive: fed by the subscription, they never send commands.
  boundaries(['libs/read-side/**/*.ts'], [
    { group: ['@app/commands', '@app/workflows', '@app/minutes-import'], message: 'libs/read-side is passive: read models never send commands.' },
    throughIndex,
  ]),
  // Command handlers read streams, never read models, and know nothing of who calls them.
  boundaries(['libs/commands/**/*.ts'], [
    { group: ['@app/read-side', '@app/workflows', '@app/minutes-import'], message: 'libs/commands decides from the streams alone, for whoever calls it.' },
    throughIndex,
  ]),
  // The minutes parser and planner are pure: text and the forums in, report and plan out. Its specs may load the shipped forums.
  boundaries(
    ['libs/minutes-import/**/*.ts'],
    [
      {
        group: ['@nestjs/*', '@app/commands', '@app/event-store', '@app/read-side', '@app/workflows', '@app/config', 'better-sqlite3', '@eventstore/*', 'node:fs', 'node:net', 'node:http', 'node:child_process', 'fs'],
        message: 'libs/minutes-import is pure: no framework, store, commands or files; the forums and the time zone come in as parameters.',
      },
      throughIndex,
    ],
    ['**/*.spec.ts'],
  ),
  // Sign-in and roles: who is asking and what they may do; it reads accounts, never the other way round.
  boundaries(['libs/access/**/*.ts'], [{ group: ['@app/workflows', '@app/minutes-import'], message: 'libs/access decides who may do what; it runs nothing.' }, throughIndex]),
  boundaries(['apps/**/*.ts', 'libs/config/**/*.ts', 'libs/workflows/**/*.ts'], [throughIndex]),
);
