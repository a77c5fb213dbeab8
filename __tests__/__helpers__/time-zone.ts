// Runs code under a given TZ, in a child process: jest gives each test file a copy of process.env, so setting TZ in
// a test does not reach Date. Each run reports the zone's offset, so a test under two zones cannot pass under one.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

/** Zones far from UTC on both sides, one of them with a half-hour offset. */
export const TIME_ZONES = ['America/Los_Angeles', 'Asia/Kolkata'] as const
type TimeZones = typeof TIME_ZONES
export type TimeZone = TimeZones[number] | 'UTC'

export const JANUARY_OFFSETS: Record<TimeZone, number> = { UTC: 0, 'America/Los_Angeles': 480, 'Asia/Kolkata': -330 }

const ROOT = join(__dirname, '..', '..')

/**
 * The JSON value of `expression` evaluated under TZ=zone, with `modules` (name → a file that `require.resolve` gave)
 * required first. Throws when the zone did not take effect.
 */
export function evaluateInTimeZone(zone: TimeZone, modules: Record<string, string>, expression: string): unknown {
  const requires = Object.entries(modules)
    .map(([name, file]) => `const ${name} = require(${JSON.stringify(file)});`)
    .join('\n')
  const script = `${requires}\nconsole.log(JSON.stringify({ offset: new Date(2019, 0, 1).getTimezoneOffset(), value: (${expression}) }))`
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, TZ: zone },
    encoding: 'utf8'
  })
  if (child.status !== 0) throw new Error(`The child under TZ=${zone} failed: ${child.stderr}`)
  const { offset, value } = JSON.parse(child.stdout) as { offset: number; value: unknown }
  if (offset !== JANUARY_OFFSETS[zone]) throw new Error(`TZ=${zone} did not take effect (offset ${offset}).`)
  return value
}
