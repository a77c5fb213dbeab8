// Pure: the answers of the fault modes that answer at all (reset and truncated act on the socket in server.ts).
import type { TrackApiError } from '../../track-api/types'
import { DEFAULT_RETRY_AFTER_SECONDS, type FaultSpec } from './faults'
import { buildJsonResponse, TEXT_CONTENT_TYPE, type SimResponse } from './responses'

/** The error named in `unindexed` answers when the batch itself had no invalid item. */
export const UNATTRIBUTED_ERROR: TrackApiError = {
  reason: 'internal_error',
  field: 'batch',
  message: 'An item of this batch could not be processed.'
}

/** The answer of a `429`, `500` or `503` fault, sent instead of handling the request; undefined for other modes. */
export function buildFaultResponse(fault: FaultSpec): SimResponse | undefined {
  switch (fault.mode) {
    case '429': {
      const seconds = fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS
      const message = `Too many requests (simulated); retry after ${seconds} second(s).`
      return buildJsonResponse(
        429,
        { errors: [{ reason: 'rate_limited', message }] },
        { 'retry-after': String(seconds) }
      )
    }
    case '500':
      return buildJsonResponse(500, {
        errors: [{ reason: 'internal_error', message: 'Internal server error (simulated).' }]
      })
    case '503':
      return buildJsonResponse(503, {
        errors: [{ reason: 'service_unavailable', message: 'Service unavailable (simulated); try again later.' }]
      })
    default:
      return undefined
  }
}

/**
 * Reshapes a handled /api/v2/batch answer (200 or 207, carrying its validation errors) for `text-207` and `unindexed`.
 * Any other answer, and any other mode, is returned unchanged.
 */
export function reshapeBatchResponse(fault: FaultSpec | undefined, response: SimResponse): SimResponse {
  const { errors } = response
  if (fault === undefined || errors === undefined) return response
  if (fault.mode === 'text-207') {
    return {
      status: 207,
      headers: { 'content-type': TEXT_CONTENT_TYPE },
      body: JSON.stringify({ errors }),
      errors
    }
  }
  if (fault.mode === 'unindexed') {
    const unindexed = errors.length > 0 ? errors.map(removeBatchIndex) : [UNATTRIBUTED_ERROR]
    return { ...buildJsonResponse(207, { errors: unindexed }), errors: unindexed }
  }
  return response
}

function removeBatchIndex(error: TrackApiError): TrackApiError {
  const unindexed = { ...error }
  delete unindexed.batch_index
  return unindexed
}
