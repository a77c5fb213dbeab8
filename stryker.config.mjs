// Mutation testing of the delivery core: `npm run mutate`. Not part of `npm test` (every mutant takes two hours or more
// on two cores); incremental from the committed results, so a run after a change mutates only what changed.
// Scores and the equivalent survivors: docs/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    enableFindRelatedTests: true,
    // The local server's tests (sockets, a browser) exercise src/serve/, not the delivery core; the core's own socket
    // tests (track-api/send-socket-faults) stay.
    config: { testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/serve/'] }
  },
  mutate: ['src/track-api/**/*.ts'],
  // Stryker's `// @ts-nocheck` goes only where mutants are: elsewhere it would break the generated-types test.
  disableTypeChecks: 'src/track-api/**/*.ts',
  // Each mutant's run loads only the test files that hold its covering tests (see the script).
  testRunnerNodeArgs: ['--require', new URL('./scripts/stryker-covering-files.cjs', import.meta.url).pathname],
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  concurrency: 2,
  timeoutMS: 10000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: '.stryker-tmp'
}
