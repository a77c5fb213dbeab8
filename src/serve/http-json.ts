// The local server's JSON over HTTP: a bounded body in (size, time, UTF-8, JSON), a bounded answer out, and the error
// for a bad call. The simulator reads its bodies with the same receiveBody, so both ports have the same time limit.
// No message quotes the body: it may hold credentials.
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
  const bytes = await readBody(request, limits)
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

async function readBody(request: http.IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const maxBytes = limits.maxBytes ?? MAX_BODY_BYTES
  const chunks: Buffer[] = []
  let size = 0
  await receiveBody(request, limits.timeoutMs ?? BODY_TIMEOUT_MS, (chunk) => {
    size += chunk.length
    if (size > maxBytes) return new BadRequest(bodyTooLarge().message, 413)
    if (limits.budget !== undefined && !limits.budget.take(request, chunk.length)) {
      const limit = limits.budget.maxBytes.toLocaleString('en-US')
      return new BadRequest(`The server holds ${limit} bytes of calls already: retry once they are answered.`, 503)
    }
    chunks.push(chunk)
    return undefined
  })
  return Buffer.concat(chunks)
}

/**
 * Reads a request body within `timeoutMs`, each chunk handed to `take`, which may refuse the call. After a refusal
 * the rest of the body is read and dropped, within the same time, so that the client can finish sending and read
 * the answer (a socket closed under a client still sending reaches it as a reset, not as the answer). A body that
 * does not end in time is a 408 (or the refusal already made), and reading stops.
 */
export function receiveBody(
  request: http.IncomingMessage,
  timeoutMs: number,
  take: (chunk: Buffer) => BadRequest | undefined
): Promise<void> {
  return new Promise((resolve, reject) => {
    let refusal: BadRequest | undefined
    const finish = (error?: BadRequest) => {
      clearTimeout(timer)
      request.off('data', onData).off('end', onEnd).off('error', onError)
      if (error === undefined) return resolve()
      // Stop reading: the answer goes out at once and the connection closes after it.
      if (!request.complete) request.pause()
      reject(error)
    }
    const onData = (chunk: Buffer) => {
      if (refusal === undefined) refusal = take(chunk)
    }
    const onEnd = () => finish(refusal)
    const onError = () => finish(refusal ?? new BadRequest('The body could not be read.'))
    const timer = setTimeout(
      () => finish(refusal ?? new BadRequest(`The body did not arrive within ${timeoutMs / 1000} seconds.`, 408)),
      timeoutMs
    )
    request.on('data', onData).on('end', onEnd).on('error', onError)
  })
}
