// A Customer.io Track API simulator on a real socket: startSimulator, and the types a test needs.
import { createServer, type Server } from 'http'
import type { AddressInfo } from 'net'
import type { SimulatorClock } from './campaign-window'
import { setScheduledFault, type FaultSpec } from './faults'
import { createRuntime, resetRuntime, type RequestLogEntry } from './runtime'
import { createRequestListener } from './request-listener'
import type { SimulatorState } from './state'
import type { SimulatedRegion } from './track-handlers'

export { FAULT_MODES } from './faults'
export type { FaultMode, FaultSpec } from './faults'
export type { SimulatedRegion } from './track-handlers'

export interface SimulatorOptions {
  siteId: string
  apiKey: string
  /** Default 0: a random free port. */
  port?: number
  /** Default '127.0.0.1'. */
  host?: string
  /** A fault for every Track request of the run, until setFault replaces or clears it. */
  fault?: FaultSpec
  /**
   * The largest /api/v2/batch body it accepts, in bytes (default 500,000, Customer.io's documented limit); a lower
   * one makes it answer 413 to requests the destination thinks are fine, as Customer.io may.
   */
  maxRequestBytes?: number
  /** The account's region, which GET /api/v1/accounts/region answers (default `us`). */
  accountRegion?: SimulatedRegion
  /** How long a request may take to send its body (default: the local server's BODY_TIMEOUT_MS); then 408. */
  bodyTimeoutMs?: number
  /** The simulator's clock (default Date.now), in epoch milliseconds: what the campaign window is measured from. */
  now?: SimulatorClock
}

export interface Simulator {
  /** The origin, e.g. http://127.0.0.1:43123, with no trailing slash. */
  url: string
  /** What was accepted. The same object for the whole run: reset() empties it in place. */
  state: SimulatorState
  /** The account's region, which GET /api/v1/accounts/region answers. */
  accountRegion: SimulatedRegion
  /** The latest requests to a Track route or an unknown route: method, path, status, fault, parsed body. No headers. */
  requests: RequestLogEntry[]
  /**
   * The fault for the next `times` Track requests (default: until cleared), after `skip` requests that pass
   * untouched (default 0); undefined clears it.
   */
  setFault(fault: FaultSpec | undefined, times?: number, skip?: number): void
  /** Clears the state and the request log, and cuts requests a `slow` fault still holds. A fault stays until setFault(undefined). */
  reset(): void
  /** Stops listening, cuts open connections and cancels `slow` waits. Safe to call twice. */
  close(): Promise<void>
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const runtime = createRuntime(
    { siteId: options.siteId, apiKey: options.apiKey },
    options.fault,
    options.maxRequestBytes,
    options.bodyTimeoutMs,
    options.now
  )
  runtime.accountRegion = options.accountRegion ?? 'us'
  const host = options.host ?? '127.0.0.1'
  const server = createServer(createRequestListener(runtime))
  const port = await listenOnPort(server, options.port ?? 0, host)
  runtime.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  let closing: Promise<void> | undefined
  return {
    url: runtime.url,
    state: runtime.state,
    accountRegion: runtime.accountRegion,
    requests: runtime.log,
    setFault: (fault, times, skip) => setScheduledFault(runtime.schedule, fault, times, skip),
    reset: () => resetRuntime(runtime),
    close: () => {
      closing ??= closeServer(server, () => runtime.delays.cancelAll())
      return closing
    }
  }
}

function listenOnPort(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function closeServer(server: Server, cancelWaits: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    cancelWaits()
    server.close((error) => (error === undefined ? resolve() : reject(error)))
    server.closeAllConnections()
  })
}
