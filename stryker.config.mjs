// @ts-check
/**
 * Mutation testing of the core: `npm run test:mutation` plants small bugs in the libraries below, one at a
 * time, and counts those the tests catch. Not part of `npm test` nor of CI: a full run takes hours on two
 * cores. `MUTATION_LIBRARY=domain npm run test:mutation` runs one library (several: comma-separated).
 */

/** Each library, the files mutated in it, and the tests that exercise them. */
const LIBRARIES = {
  domain: {
    mutate: ['libs/domain/src/**/*.ts', '!libs/domain/src/**/*.spec.ts', '!libs/domain/src/**/*.testing.ts'],
    tests: ['<rootDir>/libs/domain/**/*.spec.ts'],
  },
  'event-store-sqlite': {
    mutate: ['libs/event-store/src/sqlite/**/*.ts'],
    tests: ['<rootDir>/test/event-store/sqlite-*.e2e-spec.ts'],
  },
  commands: {
    // Wiring only: a mistake in it stops every test that starts the app.
    mutate: ['libs/commands/src/**/*.ts', '!libs/commands/src/**/*.spec.ts', '!libs/commands/src/**/*.testing.ts', '!libs/commands/src/**/*.module.ts', '!libs/commands/src/index.ts'],
    // The specs that run the commands themselves: the handlers on a real store, and every command through
    // the API. Not the validation, import and process-manager specs, which reach the commands through an app
    // started for every test: with them one run takes hours on two shared cores.
    tests: [
      '<rootDir>/libs/commands/src/**/*.spec.ts',
      '<rootDir>/test/commands/*.e2e-spec.ts',
      '<rootDir>/test/api/commands.e2e-spec.ts',
    ],
  },
  'process-managers': {
    mutate: [
      'libs/read-side/src/process-managers/**/*.ts',
      'libs/workflows/src/process-managers/**/*.ts',
      '!**/*.spec.ts',
      '!**/*.module.ts',
    ],
    // Not the read side's rebuild spec: it plays its whole story while jest collects the tests, so Stryker
    // cannot tell which test covers what, and would run every test for every mutant. Nor the story of 2025
    // (an app with a worker for each of its chapters) or the two workers (two child processes): with them a
    // mutant of the runner costs minutes on two cores, and the specs below cover the same reactions.
    tests: [
      '<rootDir>/libs/read-side/src/process-managers/*.spec.ts',
      '<rootDir>/libs/workflows/src/process-managers/*.spec.ts',
      '<rootDir>/test/workflows/process-manager-*.e2e-spec.ts',
    ],
  },
};

const chosen = (process.env.MUTATION_LIBRARY ?? Object.keys(LIBRARIES).join(','))
  .split(',')
  .map((name) => name.trim())
  .filter((name) => name !== '');
const unknown = chosen.filter((name) => !(name in LIBRARIES));
if (unknown.length > 0) throw new Error(`MUTATION_LIBRARY names no library: ${unknown.join(', ')} (known: ${Object.keys(LIBRARIES).join(', ')})`);
const libraries = chosen.map((name) => LIBRARIES[/** @type {keyof typeof LIBRARIES} */ (name)]);
const runName = chosen.join('+');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.mutation.config.js',
    config: { testMatch: [...new Set(libraries.flatMap((library) => library.tests))] },
    enableFindRelatedTests: true,
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: libraries.flatMap((library) => library.mutate),
  coverageAnalysis: 'perTest',
  // Two shared cores: one test runner, and the end-to-end tests start worker threads and child processes of their own.
  concurrency: 1,
  // The end-to-end tests wait for subscriptions and process managers; a mutant that stops them must time out, not hang.
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 20,
  incremental: true,
  incrementalFile: `reports/mutation/${runName}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${runName}.html` },
  jsonReporter: { fileName: `reports/mutation/${runName}.json` },
  ignorePatterns: ['dist', 'data', 'coverage', 'reports', '.bench'],
  thresholds: { high: 90, low: 85, break: null },
};
