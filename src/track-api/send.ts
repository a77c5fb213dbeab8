// The one module that posts Track API items, and, with send-metrics.ts, the only one that knows actions-core's result
// classes. The deadline of each call is set by the destination (track-api/transport.ts).
import {
  MultiStatusResponse,
  PayloadValidationError,
  type Logger,
  type ModifiedResponse,
  type RequestClient,
  type StatsContext
} from '@segment/actions-core'
import { buildBatchItem, type ItemSpec } from './build-item'
import {
  baseTags,
  batchMetrics,
  emit,
  outcomeMetrics,
  timedRequest,
  warn,
  type ReportedOutcome
} from './delivery-stats'
import { batchUrl, entityUrl, regionOf, trackApiHost } from './endpoints'
import { CANCELLED_STATUS, INVALID_ITEM_ERROR_TYPE, INVALID_ITEM_STATUS, UNVOUCHED_ERROR_TYPE } from './error-types'
import {
  encodeBatchBody,
  isItemTooLarge,
  itemTooLargeMessage,
  serializeItem,
  splitIntoRequests,
  type SerializedItem
} from './limits'
import { parseBatchResponse, type ItemFailure, type ItemOutcome } from './parse-response'
import {
  asJsonLike,
  bodyOf,
  describeRequestFailure,
  aloneTooLarge,
  cancelledOutcome,
  isHTTPError,
  unexpectedFailure,
  withRetryAfterInMessage
} from './request-failures'
import type { BatchItem, CustomerIOBatchResponse } from './types'

export interface RegionSettings {
  accountRegion?: string
}

/** What a perform or performBatch call hands over: the payload(s), the settings, and the platform's context. */
export interface DeliveryInput<Payload> {
  payload: Payload
  settings: RegionSettings
  statsContext?: StatsContext
  logger?: Logger
  /** Fired by the platform to cancel a batch: no further request of it is sent. */
  signal?: AbortSignal
}

/** Maps one payload to the item it becomes; it may throw for bad input, which fails that event alone. */
export type ItemMapper<P> = (payload: P) => ItemSpec

/** The clock of answer times; tests pass their own. */
export type Clock = () => number

export const JSON_HEADERS = { 'content-type': 'application/json' }

/** One event → POST /api/v2/entity. Bad input throws a PayloadValidationError; HTTP errors propagate. */
export async function sendSingle<P>(
  request: RequestClient,
  input: DeliveryInput<P>,
  toItem: ItemMapper<P>,
  now: Clock = Date.now
): Promise<ModifiedResponse> {
  const tags = baseTags(input.statsContext, regionOf(input.settings.accountRegion))
  const prepared = prepareItem(input.payload, toItem)
  if (!prepared.ok) {
    emit(input.statsContext, outcomeMetrics([{ status: INVALID_ITEM_STATUS }], tags))
    throw new PayloadValidationError(prepared.message)
  }
  const sent = asJsonLike(prepared.item)
  const response = await timedRequest(input.statsContext, tags, 'entity', prepared.serialized.bytes, now, () =>
    request(entityUrl(trackApiHost(input.settings.accountRegion)), {
      method: 'post',
      headers: JSON_HEADERS,
      body: prepared.serialized.json
    })
  ).catch((error: unknown) => {
    const failure = describeRequestFailure(error) ?? unexpectedFailure(error)
    emit(input.statsContext, outcomeMetrics([{ status: failure.status, errortype: failure.errortype, sent }], tags))
    throw withRetryAfterInMessage(error)
  })
  emit(input.statsContext, outcomeMetrics([{ status: response.status, sent }], tags))
  return response
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

interface ReadyItem {
  index: number
  item: BatchItem
  serialized: SerializedItem
}

/** One batch on its way: what every request of it shares, and what it has done so far. */
interface BatchRun {
  request: RequestClient
  url: string
  statsContext?: StatsContext
  logger?: Logger
  signal?: AbortSignal
  tags: string[]
  now: Clock
  /** How many requests the 500,000-byte split planned. */
  parts: number
  /** True once more than one request carries the batch: from then on nothing is thrown. */
  split: boolean
  requests: number
  halvings: number
}

/**
 * Many events → POST /api/v2/batch, as few requests as the 500,000-byte limit allows, and a MultiStatusResponse with
 * exactly one entry per payload index. A retryable failure of the only request is rethrown so the platform retries
 * the batch; in a split batch it fails only that request's events, with a retryable status, so that the requests
 * Customer.io already accepted are not sent again. A request answered 413 is halved and each half sent, down to
 * single items (at most 2n requests for n items). When the platform's signal fires, no further request is sent.
 */
export async function sendBatch<P>(
  request: RequestClient,
  input: DeliveryInput<readonly P[]>,
  toItem: ItemMapper<P>,
  now: Clock = Date.now
): Promise<MultiStatusResponse> {
  const payloads = input.payload
  const multiStatus = new MultiStatusResponse()
  const ready: ReadyItem[] = []
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

  const region = regionOf(input.settings.accountRegion)
  const groups = splitIntoRequests(ready.map((entry) => entry.serialized))
  const run: BatchRun = {
    request,
    url: batchUrl(trackApiHost(input.settings.accountRegion)),
    statsContext: input.statsContext,
    logger: input.logger,
    signal: input.signal,
    tags: baseTags(input.statsContext, region),
    now,
    parts: groups.length,
    split: groups.length > 1,
    requests: 0,
    halvings: 0
  }
  try {
    for (const [part, group] of groups.entries()) {
      const entries = group.map((position) => ready[position])
      const outcomes = await sendPart(run, entries, { part: part + 1, halves: [] })
      record(multiStatus, payloads, entries, outcomes)
    }
  } catch (error) {
    // Only the one request of an unsplit batch throws, and only what the platform retries: all its events go back
    // with the request's status (408 when the platform's signal aborted it, as actions-core's own error says).
    const status = wasCancelled(run, error)
      ? CANCELLED_STATUS
      : (describeRequestFailure(error) ?? unexpectedFailure(error)).status
    reportBatch(run, [...reportedOutcomes(multiStatus), ...ready.map(() => ({ status }))])
    throw error
  }
  reportBatch(run, reportedOutcomes(multiStatus))
  return multiStatus
}

/**
 * The entries set so far. Before a batch's only request, only the events refused before sending have one, at their
 * own indices: flatMap skips the holes between them (map would keep them).
 */
function reportedOutcomes(multiStatus: MultiStatusResponse): ReportedOutcome[] {
  return multiStatus.getAllResponses().flatMap((response) => [response.value()])
}

/** The batch's event counters and how many requests it took (nothing is sent without a statsContext). */
function reportBatch(run: BatchRun, reported: ReportedOutcome[]): void {
  emit(run.statsContext, [...outcomeMetrics(reported, run.tags), ...batchMetrics(run.requests, run.halvings, run.tags)])
}

/** Sets each sent item's outcome at its payload's index. */
function record<P>(
  multiStatus: MultiStatusResponse,
  payloads: readonly P[],
  entries: ReadyItem[],
  outcomes: ItemOutcome[]
): void {
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
        // An event the batch never sent (it was cancelled first) carries no `sent`.
        ...(outcome.unsent ? {} : { sent }),
        body
      })
  })
}

/** Which request of a batch: its part of the 500,000-byte split, and which halves after 413s (1 or 2 each). */
interface PartLabel {
  part: number
  halves: number[]
}

/** Sends one group of items; on a 413, sends each half instead. One outcome per item, in order. */
async function sendPart(run: BatchRun, entries: ReadyItem[], label: PartLabel): Promise<ItemOutcome[]> {
  if (run.signal?.aborted) return entries.map(() => cancelledOutcome(false))
  const items = entries.map((entry) => entry.serialized)
  const answer = await postBatch(run, items, label)
  if (answer.status !== 413) return answer.outcomes
  if (entries.length === 1) return [aloneTooLarge(answer.outcomes[0] as ItemFailure, items[0].bytes)]
  run.split = true
  run.halvings += 1
  const middle = Math.ceil(entries.length / 2)
  const first = await sendPart(run, entries.slice(0, middle), { ...label, halves: [...label.halves, 1] })
  const second = await sendPart(run, entries.slice(middle), { ...label, halves: [...label.halves, 2] })
  return [...first, ...second]
}

/**
 * Posts one request and returns one outcome per item in it, and the answer's status; rethrows what the platform must
 * retry whole (a retryable failure of a batch's only request).
 */
async function postBatch(
  run: BatchRun,
  items: SerializedItem[],
  label: PartLabel
): Promise<{ status?: number; outcomes: ItemOutcome[] }> {
  const body = encodeBatchBody(items)
  try {
    const response = await timedRequest(run.statsContext, run.tags, 'batch', Buffer.byteLength(body), run.now, () => {
      run.requests += 1
      return run.request<CustomerIOBatchResponse>(run.url, { method: 'post', headers: JSON_HEADERS, body })
    })
    const outcomes = parseBatchResponse(response.status, bodyOf(response), items.length, response.statusText)
    warnIfUnvouched(run.logger, outcomes, items.length)
    return { status: response.status, outcomes }
  } catch (error) {
    if (wasCancelled(run, error)) {
      if (!run.split) throw error
      return { outcomes: items.map(() => cancelledOutcome(true)) }
    }
    // Once a split batch has begun, nothing may be thrown: the parts Customer.io already accepted would be sent again.
    const failure = describeRequestFailure(error) ?? (run.split ? unexpectedFailure(error) : undefined)
    if (!failure) throw error
    if (failure.retryable) {
      if (!run.split) throw withRetryAfterInMessage(error)
      const note = `${describePart(run, label)} failed (${failure.message}); only its events will be retried.`
      return { status: failure.status, outcomes: items.map(() => ({ ...failure, message: note })) }
    }
    return { status: failure.status, outcomes: items.map(() => ({ ...failure })) }
  }
}

/** The platform's signal also aborts a request in flight (actions-core gives it to every request). */
function wasCancelled(run: BatchRun, error: unknown): boolean {
  return run.signal?.aborted === true && !isHTTPError(error)
}

function describePart(run: BatchRun, label: PartLabel): string {
  const base = `Part ${label.part} of ${run.parts} of a split batch`
  return label.halves.length > 0 ? `${base} (half ${label.halves.join('.')}, after Customer.io answered 413)` : base
}

/** A 2xx we could not trust: the on-call person sees Customer.io's answer (quoted, bounded) in the platform's logs. */
function warnIfUnvouched(logger: Logger | undefined, outcomes: ItemOutcome[], count: number): void {
  const unvouched = outcomes.filter((outcome) => !outcome.ok && outcome.errortype === UNVOUCHED_ERROR_TYPE)
  if (unvouched.length === 0) return
  const first = unvouched[0] as ItemFailure
  warn(
    logger,
    `[actions-customerio] ${unvouched.length} of ${count} events not confirmed by Customer.io, retried: ${first.message}`
  )
}
