// The jest configuration of Segment's action-destinations repository (packages/destination-actions/package.json,
// "jest"), for scripts/upstream-tests.sh, which builds the destination's folder in <package>/.upstream-drop/ and runs
// jest 27.5.1 with ts-jest 27.1.5 and TypeScript 5.5.4 from one npx install. moduleNameMapper is left out: there it
// points @segment/actions-core and its siblings at the monorepo's sources; here actions-core comes from node_modules.
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file that jest loads */
const fs = require('node:fs')
const path = require('node:path')

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..')

/** ts-jest and the TypeScript it loads, from the npx install of the jest that runs: not the package's ts-jest 29. */
const install = path.dirname(fs.realpathSync(process.argv[1]))
const versionOf = (name) => require(require.resolve(`${name}/package.json`, { paths: [install] })).version
const PINNED = { jest: '27.5.1', 'ts-jest': '27.1.5', typescript: '5.5.4' }
for (const [name, version] of Object.entries(PINNED)) {
  if (versionOf(name) !== version)
    throw new Error(`${name} ${versionOf(name)} runs, not ${version}: see upstream-tests.sh`)
}
const tsJest = path.dirname(require.resolve('ts-jest/package.json', { paths: [install] }))
/** Jest 27's "node" environment: by name, jest would take the package's own (jest 29's) from node_modules. */
const nodeEnvironment = require.resolve('jest-environment-node', { paths: [install] })

/** @type {import('@jest/types').Config.InitialOptions} */
module.exports = {
  rootDir: path.join(PACKAGE_ROOT, '.upstream-drop'),
  // "preset": "ts-jest", resolved as above; its transform names ts-jest, which jest would resolve from the package's
  // node_modules (ts-jest 29), so the transform is given by path too.
  preset: tsJest,
  transform: { '^.+\\.tsx?$': tsJest },
  globals: { 'ts-jest': { isolatedModules: true } },
  testEnvironment: nodeEnvironment,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  setupFilesAfterEnv: [path.join(__dirname, 'setup-after-env.ts')],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '__tests__/__helpers__/'],
  // Not the temp folder: a run leaves nothing there.
  cacheDirectory: path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'jest-upstream')
}
