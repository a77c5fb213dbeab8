/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  // src is a root too, so that Stryker's related-test lookup finds every test of a source file.
  roots: ['<rootDir>/__tests__', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  // Not the temp folder: a test run leaves nothing there.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  setupFilesAfterEnv: ['<rootDir>/__tests__/__helpers__/setup.ts'],
  // tsconfig.json sets isolatedModules, so ts-jest transpiles each file alone; `tsc --noEmit` checks the types.
  transform: {
    '^.+\\.ts$': ['ts-jest', {}]
  }
}
