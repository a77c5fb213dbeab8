// Builds the destination's folder as it lands in Segment's action-destinations repository
// (packages/destination-actions/src/destinations/customerio/), for scripts/upstream-tests.sh:
//   <drop>/customerio/            src/ without serve/
//   <drop>/customerio/__tests__/  __tests__/ without serve/, __helpers__/properties/ and *.property.test.ts
//   <drop>/tsconfig.json          the compiler options of that repository's packages/destination-actions
// The one rewrite: a test's module path into src/ points at the same file in the destination's folder
// ('../../src/track-api/send' becomes '../../track-api/send'). Any other path out of the folder stops the build.
// Usage: node build-drop.cjs <package root> <drop folder>
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script that node runs */
const fs = require('node:fs')
const path = require('node:path')

const [root, drop] = process.argv.slice(2).map((folder) => path.resolve(folder))
if (!root || !drop) throw new Error('Usage: node build-drop.cjs <package root> <drop folder>')
const SRC = path.join(root, 'src')
const TESTS = path.join(root, '__tests__')
const DESTINATION = path.join(drop, 'customerio')

/** What stays in this repository: the local server's code and tests, and the property tests with their helpers. */
const staysInSrc = (relative) => relative === 'serve' || relative.startsWith('serve/')
const staysInTests = (relative) =>
  relative === 'serve' ||
  relative.startsWith('serve/') ||
  relative === '__helpers__/properties' ||
  relative.startsWith('__helpers__/properties/') ||
  relative.endsWith('.property.test.ts')

/** Every file under `folder`, as paths relative to it with `/` separators, except those `stays` keeps back. */
function filesUnder(folder, stays, prefix = '') {
  return fs.readdirSync(path.join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    if (stays(relative)) return []
    return entry.isDirectory() ? filesUnder(folder, stays, relative) : [relative]
  })
}

const slashed = (relative) => relative.split(path.sep).join('/')
/** The module paths of the drop's tests that name what stays in this repository: jest there cannot find them. */
const leftBehind = []

// A module path in an import, export, require, require.resolve, import() or jest.mock: the text between the quotes.
const MODULE_PATH = /((?:\bfrom|\bimport|\brequire|\brequire\.resolve|\bjest\.mock)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g

/** The test file's text with its module paths into src/ pointed at the destination's folder. */
function rewriteTest(text, file) {
  const from = path.dirname(path.join(TESTS, file))
  const to = path.dirname(path.join(DESTINATION, '__tests__', file))
  return text.replace(MODULE_PATH, (whole, before, quote, modulePath) => {
    const target = path.resolve(from, modulePath)
    const inSrc = path.relative(SRC, target)
    const inTests = path.relative(TESTS, target)
    let moved
    if (!inSrc.startsWith('..') && !path.isAbsolute(inSrc)) moved = path.join(DESTINATION, inSrc)
    else if (!inTests.startsWith('..') && !path.isAbsolute(inTests))
      moved = path.join(DESTINATION, '__tests__', inTests)
    else throw new Error(`${file}: ${modulePath} is outside the destination's folder`)
    const left = inSrc.startsWith('..') ? staysInTests(slashed(inTests)) : staysInSrc(slashed(inSrc))
    if (left) leftBehind.push(`${file}: ${modulePath}`)
    let rewritten = slashed(path.relative(to, moved))
    if (!rewritten.startsWith('.')) rewritten = `./${rewritten}`
    return `${before}${quote}${rewritten}${quote}`
  })
}

function copy(fromFolder, toFolder, files, transform) {
  for (const file of files) {
    const target = path.join(toFolder, file)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    if (transform && file.endsWith('.ts')) {
      fs.writeFileSync(target, transform(fs.readFileSync(path.join(fromFolder, file), 'utf8'), file))
    } else {
      fs.copyFileSync(path.join(fromFolder, file), target)
    }
  }
}

fs.rmSync(drop, { recursive: true, force: true })
const sources = filesUnder(SRC, staysInSrc)
const tests = filesUnder(TESTS, staysInTests)
copy(SRC, DESTINATION, sources)
copy(TESTS, path.join(DESTINATION, '__tests__'), tests, rewriteTest)
fs.copyFileSync(path.join(__dirname, 'tsconfig.json'), path.join(drop, 'tsconfig.json'))
const testFiles = tests.filter((file) => file.endsWith('.test.ts')).length
for (const line of leftBehind) console.log(`Names what stays in this repository: ${line}`)
console.log(`Drop: ${sources.length} source files, ${tests.length} test files and helpers (${testFiles} *.test.ts)`)
