import nock from 'nock'
import { US } from './destination'

// Customer.io's /api/v2/batch played by nock: every request is recorded as it arrived and answered as the test says,
// with an answer, a connection reset, or no answer at all (the client's timeout ends the wait).

/** What the stand-in does with one request. */
export type StandInAnswer = Answered | { reset: true } | { noAnswer: true }

interface Answered {
  status: number
  body: object
  headers?: Record<string, string>
}

/** One POST /api/v2/batch as the stand-in received it. */
export interface PostedBatch {
  /** The parsed body: `{ batch: [...] }`. */
  body: { batch: { name?: string }[] }
  /** The names of its items, in order. */
  names: string[]
  /** The body's size as sent (its content-length). */
  bytes: number
  /** The status answered; `reset` or `none` when no answer came. */
  answered: number | 'reset' | 'none'
}

export const RESET: StandInAnswer = { reset: true }
export const NO_ANSWER: StandInAnswer = { noAnswer: true }
export const OK: StandInAnswer = { status: 200, body: {} }

/** A whole-request refusal in Customer.io's v2 shape: `{ errors: [{ reason, message }] }`. */
export function refusal(status: number, reason: string, message: string, headers?: Record<string, string>) {
  return { status, body: { errors: [{ reason, message }] }, headers }
}

/**
 * Intercepts every POST /api/v2/batch to `host` and answers the nth (from 0) with `answer(request, n)`. Returns the
 * requests received, in order, each with what it was answered.
 */
export function answerBatches(
  answer: (request: PostedBatch, index: number) => StandInAnswer,
  host = US.host
): PostedBatch[] {
  const posted: PostedBatch[] = []
  nock(host)
    .persist()
    .post('/api/v2/batch')
    .reply(function (_uri, body, callback) {
      const parsed = body as PostedBatch['body']
      const request: PostedBatch = {
        body: parsed,
        names: parsed.batch.map((item) => String(item.name)),
        bytes: Number(this.req.headers['content-length']),
        answered: 'none'
      }
      posted.push(request)
      const chosen = answer(request, posted.length - 1)
      if ('noAnswer' in chosen) return
      if ('reset' in chosen) {
        request.answered = 'reset'
        return callback(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0, ''])
      }
      request.answered = chosen.status
      callback(null, [chosen.status, chosen.body, chosen.headers ?? {}])
    })
  return posted
}

/** The names of the items of every request answered 200: what Customer.io accepted, in order. */
export function acceptedNames(posted: PostedBatch[]): string[] {
  return posted.filter((request) => request.answered === 200).flatMap((request) => request.names)
}
