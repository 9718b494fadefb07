/**
 * The jest configuration Stryker runs: one flat project, because Stryker puts its own test environment (which
 * records which test covers which mutant) only at the top level of a configuration, never into its projects.
 * The transform and module mapping are the unit project's; the test files are chosen in stryker.config.mjs.
 */
const { projects, ...shared } = require('./jest.config');

const { displayName: _displayName, testMatch: _testMatch, ...common } = projects[0];

module.exports = { ...shared, ...common };
