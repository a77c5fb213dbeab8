// Joins the incremental results of several narrowed Stryker runs (each with its own --incrementalFile, each mutating
// other files of src/track-api/) into one results file, as one run over all those files would have written it:
//   node scripts/stryker-merge-results.cjs OUT IN1 IN2 …
// Stryker numbers tests and mutants per run, so the same number means different tests in two files: every test gets
// one number in the result, by its file and name, and every mutant's coveredBy and killedBy are renumbered to match.
// A source file present in two inputs is refused: its mutants would be counted twice.
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file that node runs */
const fs = require('node:fs')

const [out, ...inputs] = process.argv.slice(2)
if (!out || inputs.length === 0) {
  console.error('usage: node scripts/stryker-merge-results.cjs OUT IN1 IN2 …')
  process.exit(2)
}

const merged = { files: {}, testFiles: {} }
const testIds = new Map() // `${testFile}\n${name}` -> id in the result
let nextMutantId = 0

/** The id in the result of test `test` of `testFile`, adding it to that file's tests the first time it is met. */
function mergedTestId(testFile, source, test) {
  const key = `${testFile}\n${test.name}`
  if (!testIds.has(key)) {
    testIds.set(key, String(testIds.size))
    merged.testFiles[testFile] ??= { source, tests: [] }
    merged.testFiles[testFile].tests.push({ ...test, id: testIds.get(key) })
  }
  return testIds.get(key)
}

for (const input of inputs) {
  const report = JSON.parse(fs.readFileSync(input, 'utf8'))
  for (const key of ['schemaVersion', 'thresholds', 'projectRoot', 'config', 'framework']) merged[key] ??= report[key]
  const renumber = new Map()
  for (const [testFile, { source, tests }] of Object.entries(report.testFiles ?? {})) {
    for (const test of tests) renumber.set(test.id, mergedTestId(testFile, source, test))
  }
  const ids = (list) => list?.map((id) => renumber.get(id) ?? id)
  for (const [file, result] of Object.entries(report.files)) {
    if (merged.files[file]) throw new Error(`${file} is in more than one input (${input} among them)`)
    const mutants = result.mutants.map((mutant) => ({
      ...mutant,
      id: String(nextMutantId++),
      coveredBy: ids(mutant.coveredBy),
      killedBy: ids(mutant.killedBy)
    }))
    merged.files[file] = { ...result, mutants }
  }
}

fs.writeFileSync(out, JSON.stringify(merged))
const mutants = Object.values(merged.files).reduce((sum, result) => sum + result.mutants.length, 0)
console.log(`${out}: ${Object.keys(merged.files).length} files, ${mutants} mutants, ${testIds.size} tests`)
