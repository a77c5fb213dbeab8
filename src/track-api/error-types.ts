import { ErrorCodes, getErrorCodeFromHttpStatus } from '@segment/actions-core'

/** A key of actions-core's ErrorCodes: the only error types the platform accepts in a multistatus entry. */
export type ErrorType = keyof typeof ErrorCodes

/**
 * Statuses that a later attempt can fix: the platform retries an event (or a thrown batch) with one of these.
 * 408 and 429 among the 4xx, and every 5xx.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599)
}

/** The error type for a whole-request HTTP status. */
export function errorTypeForStatus(status: number): ErrorType {
  if (status === 401 || status === 403) return 'INVALID_AUTHENTICATION'
  return getErrorCodeFromHttpStatus(status)
}

/** Reasons that say the item itself is malformed: the event's data must change before Customer.io takes it. */
const VALIDATION_REASONS = new Set(['invalid', 'required', 'missing', 'too_large', 'too_long'])

/** The error type for an item that Customer.io rejected inside a 200 or 207, from the `reason` it gave. */
export function errorTypeForReason(reason: unknown): ErrorType {
  if (typeof reason === 'string' && VALIDATION_REASONS.has(reason.trim().toLowerCase()))
    return 'PAYLOAD_VALIDATION_FAILED'
  return 'BAD_REQUEST'
}

/** Status of each item that Customer.io rejected inside a 200 or 207: permanent, not retried. */
export const ITEM_REJECTED_STATUS = 400

/** Status of items that a 2xx answer cannot vouch for: retryable, so the platform sends them again. */
export const UNVOUCHED_STATUS = 502
export const UNVOUCHED_ERROR_TYPE: ErrorType = 'BAD_GATEWAY'

/** Status for an item refused before sending (size, identifiers, timestamps). */
export const INVALID_ITEM_STATUS = 400
export const INVALID_ITEM_ERROR_TYPE: ErrorType = 'PAYLOAD_VALIDATION_FAILED'

/** Statuses given to a part of a split batch that failed without an HTTP answer. */
export const NETWORK_ERROR_STATUS = 502
export const TIMEOUT_STATUS = 504
/** Status for a request that failed in a way none of the above describes (one metrics request of a batch). */
export const UNEXPECTED_ERROR_STATUS = 500

/**
 * Status of the events of a batch the platform cancelled (its AbortSignal fired) before they were sent: 408, as
 * actions-core itself answers an aborted request, so the platform sends them again.
 */
export const CANCELLED_STATUS = 408
export const CANCELLED_ERROR_TYPE: ErrorType = 'CANCELLED'
