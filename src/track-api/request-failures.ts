// Pure: what a failed request means for the items it carried. An HTTP answer is read like any other; a network error
// or a timeout is retryable. Errors are recognised by class, or by name and shape when another copy of actions-core
// threw them.
import { HTTPError, type JSONLikeObject, type ModifiedResponse } from '@segment/actions-core'
import {
  CANCELLED_ERROR_TYPE,
  CANCELLED_STATUS,
  NETWORK_ERROR_STATUS,
  TIMEOUT_STATUS,
  UNEXPECTED_ERROR_STATUS,
  errorTypeForStatus,
  isRetryableStatus
} from './error-types'
import type { RequestSample } from './delivery-stats'
import { parseBatchResponse, type ItemFailure } from './parse-response'

/** An HTTP error → the outcome of every item in the request; a network error or timeout → a retryable one. */
export function describeRequestFailure(error: unknown): ItemFailure | undefined {
  if (isHTTPError(error)) {
    const response = error.response as ModifiedResponse
    const failure = parseBatchResponse(response.status, bodyOf(response), 1, response.statusText)[0] as ItemFailure
    const retryAfter = retryAfterNote(error)
    return retryAfter ? { ...failure, message: `${failure.message}; ${retryAfter}` } : failure
  }
  if (isTimeout(error)) return transportFailure(TIMEOUT_STATUS, 'the request to Customer.io timed out')
  if (isNetworkError(error)) {
    return transportFailure(NETWORK_ERROR_STATUS, `the connection to Customer.io failed: ${networkReason(error)}`)
  }
  return undefined
}

/** The statuses whose Retry-After header we pass on: Customer.io's rate limit and its unavailability. */
const RETRY_AFTER_STATUSES = new Set([429, 503])
const MAX_RETRY_AFTER_CHARS = 64

/**
 * What a 429 or 503 says about when to try again, e.g. `Customer.io asked to be retried after 7 seconds
 * (Retry-After: 7)`; undefined without the header (or for another error).
 */
export function retryAfterNote(error: unknown): string | undefined {
  if (!isHTTPError(error)) return undefined
  const response = error.response as ModifiedResponse | undefined
  if (!response || !RETRY_AFTER_STATUSES.has(response.status)) return undefined
  const headers = response.headers as { get?: unknown } | undefined
  const raw = typeof headers?.get === 'function' ? (headers as Headers).get('retry-after') : null
  const value = raw?.trim().slice(0, MAX_RETRY_AFTER_CHARS)
  if (!value) return undefined
  if (/^\d+$/.test(value)) {
    const seconds = Number(value)
    return `Customer.io asked to be retried after ${seconds} second${seconds === 1 ? '' : 's'} (Retry-After: ${value})`
  }
  // An HTTP-date names its day and month; Date.parse alone would also read "7.5" as a day of 2001.
  const date = /[A-Za-z]/.test(value) ? Date.parse(value) : NaN
  if (Number.isFinite(date)) {
    return `Customer.io asked to be retried at ${new Date(date).toISOString()} (Retry-After: ${value})`
  }
  return `Customer.io answered Retry-After: ${JSON.stringify(value)}`
}

/**
 * The error of a request the platform retries whole, its Retry-After added to its message: the same error, so its
 * class, its status and its response (headers included) reach the platform unchanged.
 */
export function withRetryAfterInMessage<E>(error: E): E {
  const note = retryAfterNote(error)
  if (note && error instanceof Error && !error.message.includes(note)) {
    error.message = error.message ? `${error.message}; ${note}` : note
  }
  return error
}

/** Neither an HTTP answer nor a known transport error: retryable, naming only the error's kind. */
export function unexpectedFailure(error: unknown): ItemFailure {
  const kind = error instanceof Error ? error.name : typeof error
  return transportFailure(UNEXPECTED_ERROR_STATUS, `the request to Customer.io failed: ${kind}`)
}

/** The `status` tag of a request that threw: its HTTP status, or why no answer came. */
export function requestSampleStatus(error: unknown): RequestSample['status'] {
  if (isHTTPError(error)) return (error.response as ModifiedResponse).status
  // actions-core's error for a request aborted by the platform's signal.
  if ((error as { code?: unknown } | undefined)?.code === 'REQUESTCLIENTERROR') return 'cancelled'
  if (isTimeout(error)) return 'timeout'
  if (isNetworkError(error)) return 'network_error'
  return 'error'
}

/** What Customer.io answered: the parsed JSON, else the raw text (a JSON string served as text/plain, say). */
export function bodyOf<Data>(response: ModifiedResponse<Data>): unknown {
  return response.data === undefined ? response.content : response.data
}

export function isHTTPError(error: unknown): error is HTTPError {
  if (error instanceof HTTPError) return true
  return error instanceof Error && error.name === 'HTTPError' && typeof (error as HTTPError).response === 'object'
}

/** Items and validated payloads are plain JSON values (an item was just serialized); this names that fact once. */
export function asJsonLike(value: unknown): JSONLikeObject {
  return value as JSONLikeObject
}

function transportFailure(status: number, message: string): ItemFailure {
  return { ok: false, status, errortype: errorTypeForStatus(status), message, retryable: isRetryableStatus(status) }
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
