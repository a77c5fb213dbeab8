// The local server's one answer writer. An answer is compact JSON, so the bytes sent are the bytes the caps count
// (indentation grows with depth: a value inside every cap could be sent hundreds of times its size). It is written
// in chunks, each after the client has read the one before, so a response holds at most one chunk beyond the socket's
// buffer, besides its text; a client that reads nothing for ANSWER_STALL_MS is cut off, and the answer is freed.
import type http from 'node:http'

/** The characters handed to the socket at a time: at most three times as many bytes once encoded. */
export const ANSWER_CHUNK_CHARACTERS = 32 * 1024
/** How long a client may leave an answer unread before the server gives up on it. */
export const ANSWER_STALL_MS = 10_000

export interface AnswerOptions {
  /** Default ANSWER_STALL_MS. */
  stallMs?: number
}

/** JSON out. An answer to a request whose body was not read to the end closes the connection after it. */
export function sendJson(response: http.ServerResponse, status: number, body: unknown, options?: AnswerOptions): void {
  if (response.headersSent || response.destroyed) return
  const text = JSON.stringify(body)
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff'
  }
  if (!response.req.complete) headers.connection = 'close'
  response.writeHead(status, headers)
  writeWithBackpressure(response, text, options?.stallMs ?? ANSWER_STALL_MS)
}

/**
 * Writes `text` a chunk at a time (UTF-8 encoded as each chunk goes out, so the answer is held once, as its text),
 * waiting for the client to read; destroys the response when it stalls.
 */
function writeWithBackpressure(response: http.ServerResponse, text: string, stallMs: number): void {
  let offset = 0
  let timer: NodeJS.Timeout | undefined
  const giveUp = () => response.destroy()
  const writeMore = () => {
    clearTimeout(timer)
    while (offset < text.length) {
      // A chunk never ends between the two halves of a surrogate pair, which would be encoded apart as U+FFFD.
      let end = Math.min(offset + ANSWER_CHUNK_CHARACTERS, text.length)
      if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1
      const chunk = text.slice(offset, end)
      offset = end
      if (!response.write(chunk)) {
        timer = setTimeout(giveUp, stallMs)
        response.once('drain', writeMore)
        return
      }
    }
    response.end()
  }
  response.once('close', () => clearTimeout(timer))
  writeMore()
}
