// Test helper: calls a running simulator over a real socket with Node's fetch.
import type { Simulator } from '../../../src/serve/simulator'

export const SITE_ID = 'site-7f3a'
export const API_KEY = 'track-key-5e1d9c0b'

export function basicAuth(siteId = SITE_ID, apiKey = API_KEY): string {
  return `Basic ${Buffer.from(`${siteId}:${apiKey}`).toString('base64')}`
}

export interface SimAnswer {
  status: number
  headers: Headers
  text: string
  json: unknown
}

export interface CallOptions {
  body?: unknown
  /** Sent as is instead of JSON-encoding `body`. */
  raw?: string
  auth?: string | null
  headers?: Record<string, string>
}

/** One request, read to the end; `auth` defaults to the valid credentials, null sends none. */
export async function callSimulator(
  sim: Simulator,
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<SimAnswer> {
  const response = await sendRequest(sim, method, path, options)
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: parseJsonText(text) }
}

/** The response before its body is read, for the faults that break the body. */
export function sendRequest(
  sim: Simulator,
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers }
  const auth = options.auth === undefined ? basicAuth() : options.auth
  if (auth !== null) headers.authorization = auth
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  if (body !== undefined) headers['content-type'] = 'application/json'
  return fetch(`${sim.url}${path}`, { method, headers, body })
}

export function postBatch(sim: Simulator, batch: unknown[], options: CallOptions = {}): Promise<SimAnswer> {
  return callSimulator(sim, 'POST', '/api/v2/batch', { ...options, body: { batch } })
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
