// Pure: what became of each event of a batch, collected by its payload's index while the requests run. The
// MultiStatusResponse and the event counters (delivery-stats.ts) are both built from these outcomes, once, at the end.
import { MultiStatusResponse } from '@segment/actions-core'
import type { JSONLikeObject } from '@segment/actions-core'
import { INVALID_ITEM_ERROR_TYPE, INVALID_ITEM_STATUS } from './error-types'
import type { ErrorType } from './error-types'
import type { ItemOutcome } from './parse-response'

/** One event's outcome: the entry the platform receives for it, and what its counters read. */
export type EventOutcome =
  | { ok: true; status: 200; sent: JSONLikeObject; body: JSONLikeObject }
  | {
      ok: false
      status: number
      errortype: ErrorType
      errormessage: string
      /** The item sent; absent for an event refused before sending or never sent. */
      sent?: JSONLikeObject
      /** The event's payload; absent for an event refused before sending. */
      body?: JSONLikeObject
    }

/** The text of what a mapper threw: an Error's message, or the thrown value itself (plain JavaScript may throw text). */
export function thrownMessage(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown)
}

/** An event refused before sending (no identifier, a bad timestamp, an item over 32,000 bytes). */
export function refusedOutcome(message: string): EventOutcome {
  return { ok: false, status: INVALID_ITEM_STATUS, errortype: INVALID_ITEM_ERROR_TYPE, errormessage: message }
}

/** An event that went to Customer.io (or was cancelled first): its item's outcome, with what was sent and the payload. */
export function sentOutcome(outcome: ItemOutcome, sent: JSONLikeObject, body: JSONLikeObject): EventOutcome {
  if (outcome.ok) return { ok: true, status: 200, sent, body }
  const { status, errortype, message } = outcome
  // An event the batch never sent (it was cancelled first) carries no `sent`.
  if (outcome.unsent) return { ok: false, status, errortype, errormessage: message, body }
  return { ok: false, status, errortype, errormessage: message, sent, body }
}

/** One entry per event, at its payload's index. */
export function toMultiStatus(outcomes: readonly EventOutcome[]): MultiStatusResponse {
  const multiStatus = new MultiStatusResponse()
  outcomes.forEach((outcome, index) => {
    if (outcome.ok) {
      multiStatus.setSuccessResponseAtIndex(index, { status: 200, sent: outcome.sent, body: outcome.body })
      return
    }
    const { status, errortype, errormessage, sent, body } = outcome
    multiStatus.setErrorResponseAtIndex(index, {
      status,
      errortype,
      errormessage,
      ...(sent === undefined ? {} : { sent }),
      ...(body === undefined ? {} : { body })
    })
  })
  return multiStatus
}
