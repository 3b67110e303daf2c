/** Jest runs TypeScript through swc, compiled to CommonJS. The Octokit and @actions
 * packages ship ESM only, so they are transformed too. */
const esmPackages = [
  '@octokit',
  '@actions',
  'universal-user-agent',
  'before-after-hook',
  'fast-content-type-parse',
  'json-with-bigint',
  'content-type',
  'bottleneck',
  '@sentry',
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/actions', '<rootDir>/packages', '<rootDir>/scripts', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/actions/dist/', '<rootDir>/actions/.*/dist/', '<rootDir>/scripts/dist/'],
  transform: {
    '^.+\\.md$': '<rootDir>/test/md-transform.cjs',
    '^.+\\.(t|j|mj|cj)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  // These export their ESM files under the `import` condition only, which Jest's CommonJS resolution skips.
  moduleNameMapper: {
    '^@actions/(expressions|workflow-parser)$': '<rootDir>/node_modules/@actions/$1/dist/index.js',
    '^@actions/(expressions|workflow-parser)/(.+)$': '<rootDir>/node_modules/@actions/$1/dist/$2.js',
    '^@sentry/api$': '<rootDir>/node_modules/@sentry/api/dist/index.js',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'md'],
  // No test depends on timing: the limit only stops a hung test, on a machine that may be very busy.
  testTimeout: 20 * 60 * 1000,
};
