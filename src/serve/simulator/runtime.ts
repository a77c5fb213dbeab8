// Everything one running simulator holds: its state, request log, fault schedule, credentials and pending waits.
import { MAX_REQUEST_BYTES } from '../../track-api/limits'
import { BODY_TIMEOUT_MS } from '../guard'
import type { Credentials } from './auth'
import type { SimulatorClock } from './campaign-window'
import { createFaultSchedule, type FaultMode, type FaultSchedule, type FaultSpec } from './faults'
import { clearSimulatorState, createSimulatorState, type SimulatorState } from './state'
import type { SimulatedRegion } from './track-handlers'
import { prepareSpecValidators } from './validate-spec'

/** One request to a Track route (or an unknown route). Headers are never kept, so neither is Authorization. */
export interface RequestLogEntry {
  method: string
  path: string
  /** The status answered; null when the socket was destroyed without an answer (the `reset` fault). */
  status: number | null
  fault?: FaultMode
  /** The body parsed as JSON; undefined when it was empty or not JSON. */
  body?: unknown
  bytes: number
}

/** How many requests the log keeps, the latest: each holds its parsed body, up to a few megabytes. */
export const MAX_LOGGED_REQUESTS = 50

/** Adds a request to the log, dropping the oldest beyond MAX_LOGGED_REQUESTS. */
export function recordRequest(runtime: Pick<SimulatorRuntime, 'log'>, entry: RequestLogEntry): void {
  runtime.log.push(entry)
  if (runtime.log.length > MAX_LOGGED_REQUESTS) runtime.log.splice(0, runtime.log.length - MAX_LOGGED_REQUESTS)
}

/** Timers that `slow` waits on, all cancelled when the simulator closes. */
export interface Delays {
  /**
   * Resolves true after `ms`, or false at once if the simulator closes first or `abandoned` fires (the client went
   * away: its request, body included, is not held until the timer ends).
   */
  wait(ms: number, abandoned?: AbortSignal): Promise<boolean>
  cancelAll(): void
  /** How many waits are pending. */
  readonly pending: number
}

export interface SimulatorRuntime {
  state: SimulatorState
  log: RequestLogEntry[]
  schedule: FaultSchedule
  credentials: Credentials
  url: string
  delays: Delays
  /** The largest /api/v2/batch body accepted; larger ones get 413. */
  maxRequestBytes: number
  /** The account's region, which /api/v1/accounts/region answers. */
  accountRegion: SimulatedRegion
  /** How long a request may take to send its body (the local server's limit); a slower one gets 408. */
  bodyTimeoutMs: number
  /** The simulator's clock: what the campaign window is measured from. */
  now: SimulatorClock
}

export function createRuntime(
  credentials: Credentials,
  fault?: FaultSpec,
  maxRequestBytes: number = MAX_REQUEST_BYTES,
  bodyTimeoutMs: number = BODY_TIMEOUT_MS,
  now: SimulatorClock = Date.now
): SimulatorRuntime {
  prepareSpecValidators()
  return {
    maxRequestBytes,
    bodyTimeoutMs,
    state: createSimulatorState(),
    log: [],
    schedule: createFaultSchedule(fault),
    credentials: { siteId: credentials.siteId, apiKey: credentials.apiKey },
    url: '',
    delays: createDelays(),
    accountRegion: 'us',
    now
  }
}

/**
 * Clears the state and the request log, and cuts the requests a `slow` fault still holds, so that none of them lands
 * in the state after the reset; a scheduled fault stays until it is cleared.
 */
export function resetRuntime(runtime: SimulatorRuntime): void {
  runtime.delays.cancelAll()
  clearSimulatorState(runtime.state)
  runtime.log.length = 0
}

export function createDelays(): Delays {
  const pending = new Set<(finished: boolean) => void>()
  return {
    wait(ms: number, abandoned?: AbortSignal): Promise<boolean> {
      return new Promise((resolve) => {
        const finish = (finished: boolean) => {
          clearTimeout(timer)
          pending.delete(finish)
          abandoned?.removeEventListener('abort', onAbandoned)
          resolve(finished)
        }
        const onAbandoned = () => finish(false)
        const timer = setTimeout(() => finish(true), ms)
        pending.add(finish)
        abandoned?.addEventListener('abort', onAbandoned, { once: true })
      })
    },
    cancelAll(): void {
      for (const finish of [...pending]) finish(false)
    },
    get pending() {
      return pending.size
    }
  }
}
