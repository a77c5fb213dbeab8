/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/setup.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true }]
  }
}
