// Pure: reading what actions-core's request client returns and throws. Errors are recognised by class, or by name and
// shape when another copy of actions-core threw them; what a failure means is decided in request-outcome.ts.
import { HTTPError } from '@segment/actions-core'
import type { JSONLikeObject, ModifiedResponse } from '@segment/actions-core'

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
