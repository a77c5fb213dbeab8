// Pure: the local server's checks of a request's head, run before any route: the loopback check (loopback.ts: Host,
// Origin), Sec-Fetch-*, and JSON on POST, which a browser cannot send across origins without asking first. Then the
// bounds that keep anything recursive away from hostile input: body size, nesting depth and size of each part used.
import type { IncomingHttpHeaders } from 'node:http'
import { loopbackRefusal, type Refusal } from './loopback'

/** The largest request body read, in bytes. */
export const MAX_BODY_BYTES = 10_000_000
/**
 * How many bytes of request bodies the server holds at once, from the first byte read until the call is answered:
 * calls run one at a time, so without a bound a client sending many big batches at once piles them all up in memory.
 */
export const MAX_BODY_BYTES_IN_FLIGHT = 50_000_000
/** How long a request may take to send its body. */
export const BODY_TIMEOUT_MS = 10_000
/**
 * The most events one call may carry: ten times the largest batch Segment sends this destination (100). It bounds
 * what one delivery keeps in the history, and so the bytes of any answer that serves it.
 */
export const MAX_BATCH_EVENTS = 1_000
/** An event nests far less; actions-core's recursive walkers overflow the stack in the thousands of levels. */
export const MAX_EVENT_DEPTH = 100
/** A mapping is a few directives deep; its templates are compiled, so its depth and size are bounded tightly. */
export const MAX_MAPPING_DEPTH = 32
export const MAX_MAPPING_NODES = 10_000

/** Why the request's headers are refused, or undefined when they pass. */
export function checkHeaders(
  method: string,
  headers: IncomingHttpHeaders,
  allowedHosts: ReadonlySet<string>
): Refusal | undefined {
  const loopback = loopbackRefusal(headers, allowedHosts)
  if (loopback !== undefined) return loopback
  if (isForeignFetch(method, headers)) {
    return {
      status: 403,
      message: 'Requests from other websites are refused (the browser says so in Sec-Fetch-Site).'
    }
  }
  if (method !== 'POST') return undefined
  if (!isJsonContentType(headers['content-type'])) {
    return { status: 415, message: 'A POST needs the header content-type: application/json (UTF-8).' }
  }
  const encoding = headers['content-encoding']
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return { status: 415, message: 'Compressed bodies are not accepted: send the JSON as it is.' }
  }
  const length = Number(headers['content-length'])
  if (Number.isFinite(length) && length > MAX_BODY_BYTES) return bodyTooLarge()
  return undefined
}

/**
 * The request's target as a URL of this server, or undefined unless it is a path (`/…`): an absolute URL, `*` or a
 * target the URL parser refuses is a 400, not a failure of the server, and `//name/…` stays a path, never a host.
 */
export function targetUrl(target: string | undefined): URL | undefined {
  if (target === undefined || !target.startsWith('/')) return undefined
  try {
    return new URL(`http://localhost${target}`)
  } catch {
    return undefined
  }
}

export function bodyTooLarge(): Refusal {
  return { status: 413, message: `The body is over ${MAX_BODY_BYTES.toLocaleString('en-US')} bytes.` }
}

/**
 * A request a browser made for a page of another site (`Sec-Fetch-Site: cross-site` or `same-site`), other than the
 * user following a link to this server's page: an `<img>` or `<script>` of any site sends no Origin on a GET, and
 * could otherwise hold the event streams open or time the answers.
 */
function isForeignFetch(method: string, headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site']?.toLowerCase()
  if (site !== 'cross-site' && site !== 'same-site') return false
  return !(method === 'GET' && headers['sec-fetch-mode']?.toLowerCase() === 'navigate')
}

/** `application/json`, with no charset or a UTF-8 one. */
function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false
  const [type, ...parameters] = value.split(';').map((part) => part.trim().toLowerCase())
  if (type !== 'application/json') return false
  return parameters.every((parameter) => !parameter.startsWith('charset=') || /^charset="?utf-8"?$/.test(parameter))
}

/** The deepest nesting of a JSON value (a scalar is 0, `{}` is 1) and its count of values, walked without recursion;
 * the walk stops as soon as a limit is passed, so a hostile value costs no more than the limits. */
export function measureJson(
  value: unknown,
  limits: { maxDepth: number; maxNodes?: number }
): { depth: number; nodes: number; withinLimits: boolean } {
  const maxNodes = limits.maxNodes ?? Infinity
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  let depth = 0
  let nodes = 0
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; depth: number }
    nodes += 1
    if (nodes > maxNodes) return { depth, nodes, withinLimits: false }
    if (typeof top.value !== 'object' || top.value === null) continue
    const inner = top.depth + 1
    depth = Math.max(depth, inner)
    if (depth > limits.maxDepth) return { depth, nodes, withinLimits: false }
    for (const child of Object.values(top.value)) stack.push({ value: child, depth: inner })
  }
  return { depth, nodes, withinLimits: true }
}

/** Why an event cannot be handed to actions-core, or undefined when it can. */
export function eventRefusal(event: unknown): string | undefined {
  if (measureJson(event, { maxDepth: MAX_EVENT_DEPTH }).withinLimits) return undefined
  return `The event is nested more than ${MAX_EVENT_DEPTH} levels deep; it was not sent.`
}

/** Why a mapping is refused, or undefined when it passes. */
export function mappingRefusal(mapping: unknown): string | undefined {
  const shape = measureJson(mapping, { maxDepth: MAX_MAPPING_DEPTH, maxNodes: MAX_MAPPING_NODES })
  if (shape.withinLimits) return undefined
  return `The "mapping" is over ${MAX_MAPPING_DEPTH} levels deep or ${MAX_MAPPING_NODES.toLocaleString('en-US')} values.`
}
