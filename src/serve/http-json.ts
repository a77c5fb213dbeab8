// The local server's JSON over HTTP: a bounded JSON body in (size, time, UTF-8), JSON out, and the error for a bad
// call. No message quotes the body: it may hold credentials.
import type http from 'node:http'
import type { JSONObject } from '@segment/actions-core'
import { BODY_TIMEOUT_MS, MAX_BODY_BYTES, MAX_BODY_BYTES_IN_FLIGHT, bodyTooLarge } from './guard'

/** A client error in the call itself: answered with its status and a clear reason. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400
  ) {
    super(message)
  }
}

export function isObject(value: unknown): value is JSONObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export interface BodyLimits {
  maxBytes?: number
  timeoutMs?: number
  /** Shared by the server's calls: the bodies held at once (default MAX_BODY_BYTES_IN_FLIGHT). */
  budget?: BodyBudget
}

/** The bytes of request bodies the server holds at once; each call gives its share back when it is answered. */
export class BodyBudget {
  private used = 0
  private readonly held = new WeakMap<http.IncomingMessage, number>()

  constructor(readonly maxBytes: number = MAX_BODY_BYTES_IN_FLIGHT) {}

  /** Takes `bytes` for the request; false, taking nothing, when that would pass the budget. */
  take(request: http.IncomingMessage, bytes: number): boolean {
    if (this.used + bytes > this.maxBytes) return false
    this.used += bytes
    this.held.set(request, (this.held.get(request) ?? 0) + bytes)
    return true
  }

  /** Gives back all the request took. */
  release(request: http.IncomingMessage): void {
    this.used -= this.held.get(request) ?? 0
    this.held.delete(request)
  }

  get inUse(): number {
    return this.used
  }
}

/** The body as a JSON object ({} when empty); a BadRequest when it is too big, too slow, not UTF-8 or not JSON. */
export async function readJsonBody(request: http.IncomingMessage, limits: BodyLimits = {}): Promise<JSONObject> {
  const bytes = await readBody(
    request,
    limits.maxBytes ?? MAX_BODY_BYTES,
    limits.timeoutMs ?? BODY_TIMEOUT_MS,
    limits.budget
  )
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new BadRequest('The body is not valid UTF-8.')
  }
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1]
    throw new BadRequest(`The body is not valid JSON${position === undefined ? '' : ` (at position ${position})`}.`)
  }
  if (!isObject(parsed)) throw new BadRequest('The body must be a JSON object.')
  return parsed
}

function readBody(
  request: http.IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
  budget: BodyBudget | undefined
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (error?: BadRequest) => {
      clearTimeout(timer)
      request.off('data', onData).off('end', onEnd).off('error', onError)
      if (error) {
        // Stop reading: the answer goes out at once and the connection closes after it.
        request.pause()
        reject(error)
      } else resolve(Buffer.concat(chunks))
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) return finish(new BadRequest(bodyTooLarge().message, 413))
      if (budget !== undefined && !budget.take(request, chunk.length)) {
        const limit = budget.maxBytes.toLocaleString('en-US')
        return finish(
          new BadRequest(`The server holds ${limit} bytes of calls already: retry once they are answered.`, 503)
        )
      }
      chunks.push(chunk)
    }
    const onEnd = () => finish()
    const onError = () => finish(new BadRequest('The body could not be read.'))
    const timer = setTimeout(
      () => finish(new BadRequest(`The body did not arrive within ${timeoutMs / 1000} seconds.`, 408)),
      timeoutMs
    )
    request.on('data', onData).on('end', onEnd).on('error', onError)
  })
}

/** JSON out. An answer to a request whose body was not read to the end closes the connection after it. */
export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return
  const text = JSON.stringify(body, null, 2)
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff'
  }
  if (!response.req.complete) headers.connection = 'close'
  response.writeHead(status, headers)
  response.end(text)
}
