// Preloaded into Stryker's test runner processes (stryker.config.mjs, testRunnerNodeArgs) to make each mutant's run
// cheaper: Stryker's jest runner runs every test file related to the mutated file (with `findRelatedTests`) and
// filters the tests by name, so each of some thirty files that import the delivery core is loaded for every mutant,
// even when only one of them holds a test that covers it. Here a mutant's run loads only the files that hold its
// covering tests, found by name in the dry run's results. Whatever cannot be matched exactly (a name the dry run did
// not see, a run without a name filter) runs as Stryker planned it, so the worst this can do is be slower.
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file that node --require loads */
const fs = require('node:fs')
const path = require('node:path')

/** In Stryker's sandbox: the runner works there by the time jest runs (not yet when this file is loaded). */
const mapFile = () => path.join(process.cwd(), '.stryker-covering-files.json')
// The copy of jest that Stryker's runner loads (the sandbox links the same node_modules).
const core = require.resolve('@jest/core', { paths: [process.cwd()] })
const cli = require(path.join(path.dirname(core), 'cli', 'index.js'))
const runCLI = cli.runCLI

/** Test name → the test files that hold a test of that name (it.each can repeat a name across files). */
let filesByName

function loadMap() {
  if (!filesByName && fs.existsSync(mapFile())) {
    filesByName = new Map(Object.entries(JSON.parse(fs.readFileSync(mapFile(), 'utf8'))))
  }
  return filesByName
}

function recordMap(results) {
  const map = {}
  for (const suite of results.testResults) {
    for (const test of suite.testResults) {
      const holders = (map[test.fullName] ??= [])
      if (!holders.includes(suite.testFilePath)) holders.push(suite.testFilePath)
    }
  }
  fs.writeFileSync(mapFile(), JSON.stringify(map))
  filesByName = new Map(Object.entries(map))
}

/** The exact names in Stryker's pattern `(name1)|(name2)`, each escaped with escapeRegExp. */
function namesIn(pattern) {
  if (!pattern.startsWith('(') || !pattern.endsWith(')')) return undefined
  return pattern
    .slice(1, -1)
    .split(')|(')
    .map((escaped) => escaped.replace(/\\(.)/g, '$1'))
}

function coveringFiles(pattern) {
  const map = loadMap()
  const names = namesIn(pattern)
  if (!map || !names) return undefined
  const files = new Set()
  for (const name of names) {
    const holders = map.get(name)
    if (!holders) return undefined
    for (const file of holders) files.add(file)
  }
  return [...files]
}

cli.runCLI = async function (argv, projects) {
  const files = argv.testNamePattern && argv.findRelatedTests ? coveringFiles(argv.testNamePattern) : undefined
  if (files) {
    argv = { ...argv, findRelatedTests: false, runTestsByPath: true, _: files }
    if (process.env.STRYKER_COVERING_FILES_LOG)
      fs.appendFileSync(process.env.STRYKER_COVERING_FILES_LOG, `${files.length}\n`)
  }
  const result = await runCLI.call(this, argv, projects)
  // The dry run is the sandbox's first run, every test without a name filter. A static mutant's run has no filter
  // either, but it runs only the related files: recording it would lose the names of the others.
  if (!argv.testNamePattern && !loadMap()) recordMap(result.results)
  return result
}
