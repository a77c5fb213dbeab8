// The one module that posts Track API items, and, with send-metrics.ts, the only one that knows actions-core's result
// classes. The deadline of each call is set by the destination (track-api/transport.ts).
import {
  MultiStatusResponse,
  PayloadValidationError,
  type ModifiedResponse,
  type RequestClient
} from '@segment/actions-core'
import { buildBatchItem, type ItemSpec } from './build-item'
import { batchUrl, entityUrl, trackApiHost } from './endpoints'
import { INVALID_ITEM_ERROR_TYPE, INVALID_ITEM_STATUS } from './error-types'
import {
  encodeBatchBody,
  isItemTooLarge,
  itemTooLargeMessage,
  serializeItem,
  splitIntoRequests,
  type SerializedItem
} from './limits'
import { parseBatchResponse, type ItemOutcome } from './parse-response'
import { asJsonLike, bodyOf, describeRequestFailure, unexpectedFailure } from './request-failures'
import type { BatchItem, CustomerIOBatchResponse } from './types'

export interface RegionSettings {
  accountRegion?: string
}

/** Maps one payload to the item it becomes; it may throw for bad input, which fails that event alone. */
export type ItemMapper<P> = (payload: P) => ItemSpec

export const JSON_HEADERS = { 'content-type': 'application/json' }

/** One event → POST /api/v2/entity. Bad input throws a PayloadValidationError; HTTP errors propagate. */
export async function sendSingle<P>(
  request: RequestClient,
  settings: RegionSettings,
  payload: P,
  toItem: ItemMapper<P>
): Promise<ModifiedResponse> {
  const prepared = prepareItem(payload, toItem)
  if (!prepared.ok) throw new PayloadValidationError(prepared.message)
  return request(entityUrl(trackApiHost(settings.accountRegion)), {
    method: 'post',
    headers: JSON_HEADERS,
    body: prepared.serialized.json
  })
}

type PreparedItem = { ok: true; item: BatchItem; serialized: SerializedItem } | { ok: false; message: string }

function prepareItem<P>(payload: P, toItem: ItemMapper<P>): PreparedItem {
  let item: BatchItem
  try {
    item = buildBatchItem(toItem(payload))
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
  const serialized = serializeItem(item)
  if (isItemTooLarge(serialized)) return { ok: false, message: itemTooLargeMessage(serialized.bytes) }
  return { ok: true, item, serialized }
}

/**
 * Many events → POST /api/v2/batch, as few requests as the 500,000-byte limit allows, and a MultiStatusResponse with
 * exactly one entry per payload index. A retryable failure of the only request is rethrown so the platform retries
 * the batch; in a split batch it fails only that request's events, with a retryable status, so that the requests
 * Customer.io already accepted are not sent again.
 */
export async function sendBatch<P>(
  request: RequestClient,
  settings: RegionSettings,
  payloads: readonly P[],
  toItem: ItemMapper<P>
): Promise<MultiStatusResponse> {
  const multiStatus = new MultiStatusResponse()
  const ready: { index: number; item: BatchItem; serialized: SerializedItem }[] = []
  payloads.forEach((payload, index) => {
    const prepared = prepareItem(payload, toItem)
    if (prepared.ok) ready.push({ index, item: prepared.item, serialized: prepared.serialized })
    else
      multiStatus.setErrorResponseAtIndex(index, {
        status: INVALID_ITEM_STATUS,
        errortype: INVALID_ITEM_ERROR_TYPE,
        errormessage: prepared.message
      })
  })
  if (ready.length === 0) return multiStatus

  const url = batchUrl(trackApiHost(settings.accountRegion))
  const groups = splitIntoRequests(ready.map((entry) => entry.serialized))
  const split = groups.length > 1
  for (const [part, group] of groups.entries()) {
    const entries = group.map((position) => ready[position])
    const outcomes = await postBatch(
      request,
      url,
      entries.map((entry) => entry.serialized),
      split,
      part,
      groups.length
    )
    entries.forEach((entry, position) => {
      const outcome = outcomes[position]
      const sent = asJsonLike(entry.item)
      const body = asJsonLike(payloads[entry.index])
      if (outcome.ok) multiStatus.setSuccessResponseAtIndex(entry.index, { status: 200, sent, body })
      else
        multiStatus.setErrorResponseAtIndex(entry.index, {
          status: outcome.status,
          errortype: outcome.errortype,
          errormessage: outcome.message,
          sent,
          body
        })
    })
  }
  return multiStatus
}

/** Posts one request and returns one outcome per item in it; rethrows what the platform must retry whole. */
async function postBatch(
  request: RequestClient,
  url: string,
  items: SerializedItem[],
  split: boolean,
  part: number,
  parts: number
): Promise<ItemOutcome[]> {
  try {
    const response = await request<CustomerIOBatchResponse>(url, {
      method: 'post',
      headers: JSON_HEADERS,
      body: encodeBatchBody(items)
    })
    return parseBatchResponse(response.status, bodyOf(response), items.length, response.statusText)
  } catch (error) {
    // Once a split batch has begun, nothing may be thrown: the parts Customer.io already accepted would be sent again.
    const failure = describeRequestFailure(error) ?? (split ? unexpectedFailure(error) : undefined)
    if (!failure) throw error
    if (failure.retryable) {
      if (!split) throw error
      const note = `Part ${part + 1} of ${parts} of a split batch failed (${failure.message}); only its events will be retried.`
      return items.map(() => ({ ...failure, message: note }))
    }
    return items.map(() => ({ ...failure }))
  }
}
