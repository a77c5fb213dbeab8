// Fault modes: what they are called, how a test chooses one, and how many requests a scheduled fault lasts.
import type { IncomingHttpHeaders } from 'http'

export const FAULT_MODES = [
  '429',
  '500',
  '503',
  'slow',
  'reset',
  'truncated',
  'text-207',
  'unindexed',
  'lost-answer'
] as const

export type FaultMode = (typeof FAULT_MODES)[number]

export interface FaultSpec {
  mode: FaultMode
  /** `slow` only: how long to wait before answering. */
  delayMs?: number
  /** `429` only: the value of the Retry-After header. */
  retryAfterSeconds?: number
}

export const DEFAULT_DELAY_MS = 2000
/** The longest `slow` wait: ten minutes, far beyond any client's timeout, and within what a timer can count. */
export const MAX_DELAY_MS = 600_000
export const DEFAULT_RETRY_AFTER_SECONDS = 1

export const FAULT_HEADER = 'x-sim-fault'
/**
 * A Track path under `/_fault/<mode>/` (or `/_fault/none/`) gets that fault, or none, for this one request: a
 * client that cannot set headers (the destination, pointed at such a host) scopes a fault to its own requests
 * without touching the run's schedule.
 */
export const FAULT_PATH_PREFIX = '/_fault/'
export const DELAY_HEADER = 'x-sim-delay-ms'
export const RETRY_AFTER_HEADER = 'x-sim-retry-after'

/** The fault for the next Track requests. `remaining` undefined means until it is cleared. */
export interface FaultSchedule {
  fault?: FaultSpec
  remaining?: number
  /** Track requests that pass untouched before the fault starts (to fail, say, the second request of a split batch). */
  skip?: number
}

/** Why a fault request (a header or POST /_sim/fault) was refused, and which field was wrong. */
export interface FaultError {
  error: string
  field: string
}

export type FaultChoice = { fault?: FaultSpec } | FaultError

export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === 'string' && (FAULT_MODES as readonly string[]).includes(value)
}

export function createFaultSchedule(fault?: FaultSpec): FaultSchedule {
  return { fault, remaining: undefined }
}

export function setScheduledFault(
  schedule: FaultSchedule,
  fault: FaultSpec | undefined,
  times?: number,
  skip?: number
): void {
  schedule.fault = fault
  schedule.remaining = fault === undefined ? undefined : times
  schedule.skip = fault === undefined ? undefined : skip
}

/** The scheduled fault for one request, counting it down; undefined when there is none. */
export function takeScheduledFault(schedule: FaultSchedule): FaultSpec | undefined {
  const { fault, remaining } = schedule
  if (fault === undefined) return undefined
  if (schedule.skip !== undefined && schedule.skip > 0) {
    schedule.skip -= 1
    return undefined
  }
  if (remaining !== undefined) {
    if (remaining <= 0) {
      setScheduledFault(schedule, undefined)
      return undefined
    }
    schedule.remaining = remaining - 1
    if (schedule.remaining === 0) setScheduledFault(schedule, undefined)
  }
  return fault
}

/** The fault a path scopes to its request (null: none) and the Track path it wraps; no scope when it has no prefix. */
export function readFaultScope(path: string): { scope?: FaultSpec | null; path: string } {
  if (!path.startsWith(FAULT_PATH_PREFIX)) return { path }
  const rest = path.slice(FAULT_PATH_PREFIX.length)
  const slash = rest.indexOf('/')
  const mode = slash === -1 ? rest : rest.slice(0, slash)
  const inner = slash === -1 ? '/' : rest.slice(slash)
  if (mode === 'none') return { scope: null, path: inner }
  return isFaultMode(mode) ? { scope: { mode }, path: inner } : { path }
}

/** A fault named by the request's own `x-sim-fault` header wins over the schedule, which it does not count down. */
export function chooseFault(headers: IncomingHttpHeaders, schedule: FaultSchedule): FaultChoice {
  const header = readHeader(headers, FAULT_HEADER)
  if (header === undefined) return { fault: takeScheduledFault(schedule) }
  return parseFaultSpec({
    mode: header,
    delayMs: parseHeaderNumber(readHeader(headers, DELAY_HEADER)),
    retryAfterSeconds: parseHeaderNumber(readHeader(headers, RETRY_AFTER_HEADER))
  })
}

/** The body of POST /_sim/fault: `{ mode, times?, delayMs?, retryAfterSeconds? }`. */
export function parseFaultRequest(body: unknown): { fault: FaultSpec; times?: number } | FaultError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { error: 'The body must be a JSON object such as {"mode":"429","times":1}.', field: 'body' }
  }
  const record = body as Record<string, unknown>
  const { times } = record
  if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times > 0)) {
    return { error: 'times must be a positive integer, or left out for "until cleared".', field: 'times' }
  }
  const choice = parseFaultSpec(record)
  if ('error' in choice) return choice
  return times === undefined ? { fault: choice.fault } : { fault: choice.fault, times }
}

/**
 * POST /_sim/fault, on the simulator's port and on the local server's alike: the body parsed, the fault set through
 * `setFault`, and what the answer says; or why the body was refused.
 */
export function applyFaultRequest(
  body: unknown,
  setFault: (fault: FaultSpec, times?: number) => void
): { fault: FaultSpec; times: number | null } | FaultError {
  const parsed = parseFaultRequest(body)
  if ('error' in parsed) return parsed
  setFault(parsed.fault, parsed.times)
  return { fault: parsed.fault, times: parsed.times ?? null }
}

function parseFaultSpec(record: Record<string, unknown>): { fault: FaultSpec } | FaultError {
  const { mode, delayMs, retryAfterSeconds } = record
  if (!isFaultMode(mode)) {
    return { error: `The fault mode must be one of ${FAULT_MODES.join(', ')}.`, field: 'mode' }
  }
  if (delayMs !== undefined && !(isNonNegativeInteger(delayMs) && delayMs <= MAX_DELAY_MS)) {
    return { error: `delayMs must be a whole number of milliseconds, at most ${MAX_DELAY_MS}.`, field: 'delayMs' }
  }
  if (retryAfterSeconds !== undefined && !isNonNegativeInteger(retryAfterSeconds)) {
    return { error: 'retryAfterSeconds must be a whole number of seconds.', field: 'retryAfterSeconds' }
  }
  const fault: FaultSpec = { mode }
  if (delayMs !== undefined) fault.delayMs = delayMs
  if (retryAfterSeconds !== undefined) fault.retryAfterSeconds = retryAfterSeconds
  return { fault }
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

function readHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** A header number, or the raw text when it is not one, so that parseFaultSpec reports it. */
function parseHeaderNumber(value: string | undefined): unknown {
  if (value === undefined) return undefined
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : value
}
