// The local server's JSON over HTTP: a bounded JSON body in, JSON out, and the error for a bad call.
import type http from 'node:http'
import type { JSONObject } from '@segment/actions-core'

const MAX_BODY_BYTES = 10_000_000

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

export async function readJsonBody(request: http.IncomingMessage): Promise<JSONObject> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new BadRequest(`The body is over ${MAX_BODY_BYTES} bytes.`, 413)
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new BadRequest(`The body is not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(parsed)) throw new BadRequest('The body must be a JSON object.')
  return parsed
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return
  const text = JSON.stringify(body, null, 2)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text)
  })
  response.end(text)
}
