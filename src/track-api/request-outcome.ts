// Pure: what a failed Track API request means, read once from what it threw and from the platform's signal. The
// request's metric tag, the outcome of its events in a call that goes on, and whether a batch sent as one request
// hands its error back to the platform all come from the one classification here.
import type { ModifiedResponse } from '@segment/actions-core'
import type { RequestSample } from './delivery-stats'
import {
  CANCELLED_ERROR_TYPE,
  CANCELLED_STATUS,
  NETWORK_ERROR_STATUS,
  TIMEOUT_STATUS,
  UNEXPECTED_ERROR_STATUS,
  errorTypeForStatus,
  isRetryableStatus
} from './error-types'
import { parseBatchResponse } from './parse-response'
import type { ItemFailure } from './parse-response'
import { bodyOf, isHTTPError, retryAfterNote } from './request-failures'

/** What happened to a request that did not succeed. */
export type FailureKind = 'answered' | 'timed-out' | 'network' | 'cancelled' | 'unexpected'

export interface FailedRequest {
  /** An HTTP answer; else, once the platform's signal has fired, a cancellation; else what the error itself says. */
  kind: FailureKind
  /** The request metric's `status` tag: the answer's status, or why none came, as the error itself says. */
  tag: RequestSample['status']
  /** The outcome of every item the request carried: the answer as read, the cancellation, or the transport failure. */
  failure: ItemFailure
}

/**
 * Classifies what a request threw. Errors are recognised by class, or by name and shape when another copy of
 * actions-core threw them. The platform's signal also aborts a request in flight (actions-core gives it to every
 * request), so once it has fired, any failure without an HTTP answer is the cancellation.
 */
export function classifyFailedRequest(error: unknown, signal?: AbortSignal): FailedRequest {
  if (isHTTPError(error)) {
    const response = error.response as ModifiedResponse
    const answer = parseBatchResponse(response.status, bodyOf(response), 1, response.statusText)[0] as ItemFailure
    const retryAfter = retryAfterNote(error)
    const failure = retryAfter ? { ...answer, message: `${answer.message}; ${retryAfter}` } : answer
    return { kind: 'answered', tag: response.status, failure }
  }
  const unanswered = withoutAnswer(error)
  const tag = abortedByPlatform(error) ? 'cancelled' : TAGS[unanswered.kind]
  if (signal?.aborted) return { kind: 'cancelled', tag, failure: cancelledOutcome(true) }
  return { ...unanswered, tag }
}

const TAGS = { 'timed-out': 'timeout', network: 'network_error', unexpected: 'error' } as const

function withoutAnswer(error: unknown): { kind: keyof typeof TAGS; failure: ItemFailure } {
  if (isTimeout(error)) {
    return { kind: 'timed-out', failure: transportFailure(TIMEOUT_STATUS, 'the request to Customer.io timed out') }
  }
  if (isNetworkError(error)) {
    const message = `the connection to Customer.io failed: ${networkReason(error)}`
    return { kind: 'network', failure: transportFailure(NETWORK_ERROR_STATUS, message) }
  }
  // Neither an HTTP answer nor a known transport error: retryable, naming only the error's kind.
  const kind = error instanceof Error ? error.name : typeof error
  const message = `the request to Customer.io failed: ${kind}`
  return { kind: 'unexpected', failure: transportFailure(UNEXPECTED_ERROR_STATUS, message) }
}

/**
 * A batch sent as one request: what the platform can retry goes back to it as the error (nothing has been accepted
 * yet); anything else is its events' outcome.
 */
export function rethrowsWhole(failed: FailedRequest): boolean {
  return failed.failure.retryable
}

/** Which request of a batch: its part of the 500,000-byte split, and which halves after 413s (1 or 2 each). */
export interface PartLabel {
  part: number
  parts: number
  halves: number[]
}

/**
 * The outcome of each event of a failed request in a call that goes on: a part of a split batch, a half after a
 * 413, one metric of many. A retryable failure of a labelled part says which part failed.
 */
export function outcomeInBatch(failed: FailedRequest, label?: PartLabel): ItemFailure {
  const { kind, failure } = failed
  if (!label || !failure.retryable || kind === 'cancelled') return failure
  return { ...failure, message: `${describePart(label)} failed (${failure.message}); only its events will be retried.` }
}

function describePart(label: PartLabel): string {
  const base = `Part ${label.part} of ${label.parts} of a split batch`
  return label.halves.length > 0 ? `${base} (half ${label.halves.join('.')}, after Customer.io answered 413)` : base
}

/**
 * The outcome of an event the platform cancelled: before its request was sent, or while it was in flight (then
 * Customer.io may or may not have it; sending it again is the safe side).
 */
export function cancelledOutcome(inFlight: boolean): ItemFailure {
  return {
    ok: false,
    status: CANCELLED_STATUS,
    errortype: CANCELLED_ERROR_TYPE,
    message: inFlight
      ? 'The batch was cancelled while this event was being sent, before Customer.io answered; it will be retried.'
      : 'The batch was cancelled before this event was sent; it will be retried.',
    retryable: true,
    ...(inFlight ? {} : { unsent: true })
  }
}

/** A 413 to a request that carried this one item alone: the item itself is too large for Customer.io. */
export function aloneTooLarge(failure: ItemFailure, bytes: number): ItemFailure {
  return {
    ...failure,
    message: `Customer.io answered 413 to this event sent alone (${bytes} bytes as JSON), so it is too large for Customer.io: ${failure.message}`
  }
}

function transportFailure(status: number, message: string): ItemFailure {
  return { ok: false, status, errortype: errorTypeForStatus(status), message, retryable: isRetryableStatus(status) }
}

/** actions-core's error for a request aborted by the platform's signal. */
function abortedByPlatform(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'REQUESTCLIENTERROR'
}

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const { code, type } = error as { code?: unknown; type?: unknown }
  return (
    type === 'body-timeout' ||
    type === 'request-timeout' ||
    error.name === 'TimeoutError' ||
    error.name === 'RequestTimeoutError' ||
    code === 'ETIMEDOUT' ||
    code === 'REQUESTTIMEOUTERROR'
  )
}

/** ECONNRESET, ECONNREFUSED, EPIPE, …: errors of the socket, not of the request's content. */
const SYSTEM_ERROR_CODE = /^E[A-Z]+$/

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return error.name === 'FetchError' || (typeof code === 'string' && SYSTEM_ERROR_CODE.test(code))
}

/** The code of a network error (ECONNRESET), else its name (FetchError). */
function networkReason(error: unknown): string {
  const { code, name } = error as { code?: unknown; name?: unknown }
  return typeof code === 'string' ? code : String(name)
}
