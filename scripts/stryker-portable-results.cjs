// Run after `stryker run` (npm run mutate): makes the committed incremental results independent of the machine that
// wrote them. Stryker stores each killed mutant's failure with its stack (absolute paths into its sandbox), the
// project's root and the resolved config (absolute paths too); an incremental run needs none of them, only the files,
// the tests and each mutant's status. Stack frames go, the failure's message stays; any other absolute path into the
// project becomes relative.
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file that node runs */
const fs = require('node:fs')
const path = require('node:path')

const file = path.resolve(process.argv[2] ?? 'reports/mutation/stryker-incremental.json')
const root = process.cwd()
const report = JSON.parse(fs.readFileSync(file, 'utf8'))

delete report.projectRoot
delete report.config

/** The message without its stack frames ("    at …" lines), and with paths into the project made relative. */
function portable(reason) {
  return reason
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n')
    .split(`${root}${path.sep}`)
    .join('')
    .trimEnd()
}

let changed = 0
for (const result of Object.values(report.files)) {
  for (const mutant of result.mutants) {
    if (typeof mutant.statusReason !== 'string') continue
    const reason = portable(mutant.statusReason)
    if (reason !== mutant.statusReason) changed += 1
    mutant.statusReason = reason
  }
}
fs.writeFileSync(file, JSON.stringify(report))
console.log(`${path.relative(root, file)}: ${changed} failure messages made portable`)
