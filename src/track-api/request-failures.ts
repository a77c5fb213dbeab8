// Pure: what a failed request means for the items it carried. An HTTP answer is read like any other; a network error
// or a timeout is retryable. Errors are recognised by class, or by name and shape when another copy of actions-core
// threw them.
import { HTTPError, type JSONLikeObject, type ModifiedResponse } from '@segment/actions-core'
import {
  NETWORK_ERROR_STATUS,
  TIMEOUT_STATUS,
  UNEXPECTED_ERROR_STATUS,
  errorTypeForStatus,
  isRetryableStatus
} from './error-types'
import { parseBatchResponse, type ItemFailure } from './parse-response'

/** An HTTP error → the outcome of every item in the request; a network error or timeout → a retryable one. */
export function describeRequestFailure(error: unknown): ItemFailure | undefined {
  if (isHTTPError(error)) {
    const response = error.response as ModifiedResponse
    return parseBatchResponse(response.status, bodyOf(response), 1, response.statusText)[0] as ItemFailure
  }
  if (isTimeout(error)) return transportFailure(TIMEOUT_STATUS, 'the request to Customer.io timed out')
  if (isNetworkError(error)) {
    return transportFailure(NETWORK_ERROR_STATUS, `the connection to Customer.io failed: ${networkReason(error)}`)
  }
  return undefined
}

/** Neither an HTTP answer nor a known transport error: retryable, naming only the error's kind. */
export function unexpectedFailure(error: unknown): ItemFailure {
  const kind = error instanceof Error ? error.name : typeof error
  return transportFailure(UNEXPECTED_ERROR_STATUS, `the request to Customer.io failed: ${kind}`)
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

function networkReason(error: unknown): string {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error'
}
