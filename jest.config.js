/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  // src is a root too, so that Stryker's related-test lookup finds every test of a source file.
  roots: ['<rootDir>/__tests__', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/setup.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true }]
  }
}
