// Reads a .cpuprofile (node --cpu-prof) and prints the self time per area (this package's src/, actions-core, other
// packages, node internals, GC, idle) and the functions with the most self time. See bench/run.ts for the commands.
//   node node_modules/.cache/customerio-actions-bench/bench/profile-top.js <file.cpuprofile> [--top 30] [--filter src/]
import fs from 'node:fs'
import { parseArgs } from 'node:util'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, filter: { type: 'string' } }
})
if (positionals.length !== 1) throw new Error('usage: profile-top.ts <file.cpuprofile> [--top N] [--filter TEXT]')
const profile = JSON.parse(fs.readFileSync(positionals[0], 'utf8')) as Profile

const selfUs = new Map<number, number>()
profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)))
const byId = new Map(profile.nodes.map((node) => [node.id, node]))

/** The compiled bench (npm run bench) lives under node_modules/.cache: name its files by their path in the repo. */
function local(url: string): string {
  const marker = '/customerio-actions-bench/'
  const at = url.indexOf(marker)
  return at < 0 ? url : `/${url.slice(at + marker.length)}`
}

function area(url: string, name: string): string {
  if (name === '(garbage collector)') return 'GC'
  if (name === '(idle)' || name === '(program)') return name
  if (url.includes('/node_modules/@segment/actions-core/')) return 'actions-core'
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (pkg) return pkg[1]
  if (url.includes('/src/track-api/')) return 'src/track-api'
  if (url.includes('/src/')) return 'src (actions)'
  if (url.includes('/bench/')) return 'bench'
  if (url.startsWith('node:') || url === '') return 'node'
  return url
}

const byFunction = new Map<string, number>()
const byArea = new Map<string, number>()
for (const [id, us] of selfUs) {
  const frame = byId.get(id)?.callFrame ?? { functionName: '?', url: '', lineNumber: 0 }
  const { functionName, lineNumber } = frame
  const url = local(frame.url)
  const where = url.replace(/^.*?\/(node_modules|src|bench)\//, '$1/')
  const key = `${functionName || '(anonymous)'}  ${where}${where ? `:${lineNumber + 1}` : ''}`
  byFunction.set(key, (byFunction.get(key) ?? 0) + us)
  const group = area(url, functionName)
  byArea.set(group, (byArea.get(group) ?? 0) + us)
}

const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0)
const busy = total - (byArea.get('(idle)') ?? 0)
const percent = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`

console.log(`${positionals[0]}: ${ms(total)} sampled, ${ms(busy)} busy (percentages of busy time)\n`)
console.log('self time by area')
for (const [name, us] of [...byArea].sort((a, b) => b[1] - a[1])) console.log(`${ms(us)} ${percent(us)}  ${name}`)
console.log(`\ntop ${values.top} functions by self time${values.filter ? ` matching ${values.filter}` : ''}`)
const rows = [...byFunction].filter(([key]) => !values.filter || key.includes(values.filter))
for (const [key, us] of rows.sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`${ms(us)} ${percent(us)}  ${key}`)
}
