const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
}];

const moduleNameMapper = {
  // unpdf loads pdf.js (ES module only) by a dynamic import, which Jest's module system cannot run; its ES
  // build is compiled to CommonJS like the packages below, so the import becomes a require.
  '^unpdf$': '<rootDir>/node_modules/unpdf/dist/index.mjs',
  '^unpdf/pdfjs$': '<rootDir>/node_modules/unpdf/dist/pdfjs.mjs',
  '^@app/(domain|event-store|commands|read-side|config|minutes-import|workflows|access)$': '<rootDir>/libs/$1/src',
  '^@app/(domain|event-store|commands|read-side|config|minutes-import|workflows|access)/(.*)$': '<rootDir>/libs/$1/src/$2',
};

/**
 * NestJS 12 and a few of its dependencies ship ES modules only. Node 20.19+ loads them from CommonJS by
 * itself, but Jest's module system does not, so they are compiled to CommonJS on the way in.
 */
const esmPackages = ['@nestjs', 'file-type', 'strtok3', 'token-types', '@tokenizer', '@borewit', 'uint8array-extras', '@standard-schema', 'es-toolkit', 'uid', 'content-disposition', 'unpdf'];
const esmToCommonJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': esmToCommonJs },
  // The innermost package decides, so one nested in another's node_modules is compiled too.
  transformIgnorePatterns: [`/node_modules/(?!(.+/node_modules/)?(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/test/bench/peers'],
};

/** Two tiers by file name: pure specs beside their files, end-to-end specs against real parts in test/. */
module.exports = {
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/announce-skips.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
