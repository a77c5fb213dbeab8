// What an error thrown by the destination means for the local server: one classification of every error (an answer
// with a status, a field validation, a timeout, a network failure, a cancellation, anything else), and from it the
// status, message and retry the platform would see. Errors are told apart by shape (name, code, type), as another copy
// of actions-core or node-fetch may have thrown them.
import { isRetryableStatus } from '../track-api/error-types'
import { messageFromErrorBody } from '../track-api/parse-response'
import type { ThrownNote } from './delivery-log'
import type { Exchange } from './exchanges'

export type Thrown = ThrownNote

/**
 * - `answered`: the Track API answered with an error status (actions-core's HTTPError): retried for 408, 429, 5xx.
 * - `invalid`: the event's fields failed validation (ajv): a 400, never retried.
 * - `timeout`: no whole answer in time, while waiting for it or while reading its body: retried.
 * - `network`: the connection failed (ECONNRESET, ECONNREFUSED, EPIPE, a DNS failure, …): retried.
 * - `cancelled`: the platform's own signal aborted the request (actions-core's 408): retried.
 * - `error`: anything else: retried only when it carries a retryable status.
 */
export type ThrownKind = 'answered' | 'invalid' | 'timeout' | 'network' | 'cancelled' | 'error'

export interface ThrownClass {
  kind: ThrownKind
  status?: number
  retryable: boolean
}

interface ErrorShape {
  name?: unknown
  code?: unknown
  type?: unknown
  status?: unknown
  response?: { status?: unknown }
}

/** node-fetch's own timeouts: of the answer's headers, and of its body. */
const TIMEOUT_TYPES = new Set(['request-timeout', 'body-timeout'])
/** actions-core's: no answer in time, its request client's, and its own time budget's (SelfTimeoutError, 408). */
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeoutError', 'SelfTimeoutError'])
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'REQUESTTIMEOUTERROR',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])
/** A socket's error: ECONNRESET, ECONNREFUSED, EPIPE, ENOTFOUND, EAI_AGAIN, undici's UND_ERR_SOCKET; not Node's ERR_*. */
const NETWORK_ERROR_CODE = /^(E(?!RR_)[A-Z_]+|UND_ERR_SOCKET)$/

/** Which kind of failure the error is, and what the platform does with it. */
export function classifyThrown(error: unknown): ThrownClass {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape
  const answered = typeof shape.response?.status === 'number' ? shape.response.status : undefined
  if (answered !== undefined) return { kind: 'answered', status: answered, retryable: isRetryableStatus(answered) }
  if (shape.name === 'AggregateAjvError') return { kind: 'invalid', status: 400, retryable: false }
  const status = typeof shape.status === 'number' ? shape.status : undefined
  if (isTimeout(shape)) return { kind: 'timeout', status, retryable: true }
  if (shape.name === 'AbortError' || shape.name === 'RequestClientError' || shape.code === 'REQUESTCLIENTERROR') {
    return { kind: 'cancelled', status, retryable: true }
  }
  if (shape.name === 'FetchError' || (typeof shape.code === 'string' && NETWORK_ERROR_CODE.test(shape.code))) {
    return { kind: 'network', status, retryable: true }
  }
  return { kind: 'error', status, retryable: status !== undefined && isRetryableStatus(status) }
}

/** What an error thrown by the destination tells the platform: its status, its message, whether to retry. */
export function describeThrown(error: unknown): Thrown {
  const { kind, status, retryable } = classifyThrown(error)
  const message = error instanceof Error ? error.message : String(error)
  return { status, message: kind === 'answered' ? `HTTP ${status}: ${message}` : message, retryable }
}

/** A message for an error that got no answer at all (refused, unreachable, timed out); undefined for others. */
export function networkFailure(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined
  const { kind } = classifyThrown(error)
  if (kind !== 'network' && kind !== 'timeout') return undefined
  return `The network failed, so the credentials were not checked: ${error.message}`
}

/** An HTTP error says only its status text; Customer.io's reason is in the body of the answer it carries. */
export function withAnswerReason(thrown: Thrown, exchanges: Exchange[]): Thrown {
  const answer = exchanges[exchanges.length - 1]?.response
  if (thrown.status === undefined || answer?.statusCode !== thrown.status) return thrown
  const reason = messageFromErrorBody(answer.body)
  return reason ? { ...thrown, message: `${thrown.message}: ${reason}` } : thrown
}

function isTimeout(shape: ErrorShape): boolean {
  return (
    (typeof shape.type === 'string' && TIMEOUT_TYPES.has(shape.type)) ||
    (typeof shape.name === 'string' && TIMEOUT_NAMES.has(shape.name)) ||
    (typeof shape.code === 'string' && TIMEOUT_CODES.has(shape.code))
  )
}
