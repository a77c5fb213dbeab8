// Pure: what each fault mode does, in one table keyed by the mode: a mode named in FAULT_MODES without its behaviour
// here does not compile. Some answer instead of handling the request, `slow` delays it, `reset`, `truncated` and
// `lost-answer` act on the socket (request-listener.ts), others reshape the /api/v2/batch answer.
import type { TrackApiError } from '../../track-api/types'
import { DEFAULT_RETRY_AFTER_SECONDS, type FaultMode, type FaultSpec } from './faults'
import { buildJsonResponse, TEXT_CONTENT_TYPE, type SimResponse } from './responses'

export type FaultBehaviour =
  /** Answers this instead of handling the request. */
  | { kind: 'answer'; answer(fault: FaultSpec): SimResponse }
  /** Waits `delayMs`, then handles the request. */
  | { kind: 'delay' }
  /** Destroys the socket: no answer at all. */
  | { kind: 'reset' }
  /** Handles the request (what it accepts is stored), then destroys the socket: the answer is lost. */
  | { kind: 'lose' }
  /** Handles the request, then sends half its answer's body and ends the socket. */
  | { kind: 'truncate' }
  /** Handles the request, then reshapes a /api/v2/batch answer that carries item errors. */
  | { kind: 'reshape'; reshape(errors: TrackApiError[]): SimResponse }

/** The error named in `unindexed` answers when the batch itself had no invalid item. */
export const UNATTRIBUTED_ERROR: TrackApiError = {
  reason: 'internal_error',
  field: 'batch',
  message: 'An item of this batch could not be processed.'
}

export const FAULT_BEHAVIOURS: Record<FaultMode, FaultBehaviour> = {
  '429': {
    kind: 'answer',
    answer: (fault) => {
      const seconds = fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS
      const message = `Too many requests (simulated); retry after ${seconds} second(s).`
      const body = { errors: [{ reason: 'rate_limited', message }] }
      return buildJsonResponse(429, body, { 'retry-after': String(seconds) })
    }
  },
  '500': {
    kind: 'answer',
    answer: () =>
      buildJsonResponse(500, { errors: [{ reason: 'internal_error', message: 'Internal server error (simulated).' }] })
  },
  '503': {
    kind: 'answer',
    answer: () =>
      buildJsonResponse(503, {
        errors: [{ reason: 'service_unavailable', message: 'Service unavailable (simulated); try again later.' }]
      })
  },
  slow: { kind: 'delay' },
  reset: { kind: 'reset' },
  truncated: { kind: 'truncate' },
  'lost-answer': { kind: 'lose' },
  'text-207': {
    kind: 'reshape',
    reshape: (errors) => ({
      status: 207,
      headers: { 'content-type': TEXT_CONTENT_TYPE },
      body: JSON.stringify({ errors }),
      errors
    })
  },
  unindexed: {
    kind: 'reshape',
    reshape: (errors) => {
      const unindexed = errors.length > 0 ? errors.map(removeBatchIndex) : [UNATTRIBUTED_ERROR]
      return { ...buildJsonResponse(207, { errors: unindexed }), errors: unindexed }
    }
  }
}

/**
 * Reshapes a handled /api/v2/batch answer (200 or 207, carrying its validation errors) for a `reshape` mode. Any
 * other answer, and any other mode, is returned unchanged.
 */
export function reshapeBatchResponse(fault: FaultSpec | undefined, response: SimResponse): SimResponse {
  const behaviour = fault === undefined ? undefined : FAULT_BEHAVIOURS[fault.mode]
  if (behaviour?.kind !== 'reshape' || response.errors === undefined) return response
  return behaviour.reshape(response.errors)
}

function removeBatchIndex(error: TrackApiError): TrackApiError {
  const unindexed = { ...error }
  delete unindexed.batch_index
  return unindexed
}
