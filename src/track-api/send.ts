// The delivery of Track API items. A call's events are prepared, sent in as few requests as the limits allow (each
// through track-request.ts, the I/O), and each event's outcome collected by its index; what an answer or a failure
// means is decided by the pure modules (parse-response.ts, request-outcome.ts), and the MultiStatusResponse and the
// metrics are built from the collected outcomes once, at the end.
import { PayloadValidationError } from '@segment/actions-core'
import type { Logger, ModifiedResponse, MultiStatusResponse, RequestClient } from '@segment/actions-core'
import { campaignWindowWarning } from './campaign-window'
import { batchEndMetrics, outcomeMetrics, outsideCampaignWindow } from './delivery-stats'
import { batchUrl, entityUrl, trackApiHost } from './endpoints'
import { INVALID_ITEM_STATUS } from './error-types'
import { sentOutcome, toMultiStatus } from './event-outcomes'
import { encodeBatchBody, splitIntoRequests } from './limits'
import { parseBatchResponse, unvouchedWarning } from './parse-response'
import type { ItemFailure, ItemOutcome } from './parse-response'
import { asJsonLike, bodyOf } from './request-failures'
import { aloneTooLarge, cancelledOutcome, outcomeInBatch, rethrowsWhole } from './request-outcome'
import type { PartLabel } from './request-outcome'
import { emit, requestContext, sendAlone, timedRequest, warn, withRetryAfterInMessage } from './track-request'
import type { Clock, DeliveryInput, Posted, RequestContext } from './track-request'
import { prepareBatch, prepareItem } from './prepare-items'
import type { ItemMapper, ReadyItem } from './prepare-items'
import type { CustomerIOBatchResponse } from './types'

/** One event → POST /api/v2/entity. Bad input throws a PayloadValidationError; HTTP errors propagate. */
export async function sendSingle<P>(
  request: RequestClient,
  input: DeliveryInput<P>,
  toItem: ItemMapper<P>,
  now: Clock = Date.now
): Promise<ModifiedResponse> {
  const context = itemsContext(request, input, now)
  const prepared = prepareItem(input.payload, toItem)
  if (!prepared.ok) {
    emit(context.statsContext, outcomeMetrics([{ status: INVALID_ITEM_STATUS }], context.tags, context.sentAt))
    throw new PayloadValidationError(prepared.message)
  }
  const url = entityUrl(trackApiHost(input.settings.accountRegion))
  return sendAlone(context, 'entity', url, prepared.serialized.json, asJsonLike(prepared.item))
}

/** The context of a call of items, with their time of sending, read once before any request. */
function itemsContext<P>(request: RequestClient, input: DeliveryInput<P>, now: Clock, signal?: AbortSignal) {
  return { ...requestContext(request, input, now, signal), sentAt: now() }
}

/** What every request of one batch shares. */
interface Batch {
  context: RequestContext
  url: string
  logger?: Logger
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
  // Each event's outcome, at its index: those refused before sending now, the others once their requests are done.
  const { ready, refused: outcomes } = prepareBatch(input.payload, toItem)
  const context = itemsContext(request, input, now, input.signal)
  const batch = { context, url: batchUrl(trackApiHost(input.settings.accountRegion)), logger: input.logger }
  const sent = await sendReady(batch, ready)
  ready.forEach((entry, position) => {
    const body = asJsonLike(input.payload[entry.index])
    outcomes[entry.index] = sentOutcome(sent.outcomes[position], asJsonLike(entry.item), body)
  })
  emit(context.statsContext, batchEndMetrics(outcomes, sent.requests, sent.halvings, context.tags, context.sentAt))
  const late = campaignWindowWarning(outsideCampaignWindow(outcomes, context.sentAt), outcomes.length)
  if (late) warn(input.logger, late)
  if ('rethrow' in sent) throw withRetryAfterInMessage(sent.rethrow)
  return toMultiStatus(outcomes)
}

type BatchResponse = ModifiedResponse<CustomerIOBatchResponse>
type PostedBatch = Posted<CustomerIOBatchResponse>
type Answer = { status: number; outcomes: ItemOutcome[] }

/** What the requests for some items learned: one outcome per item, in order, and how many requests and halvings. */
interface Learned {
  outcomes: ItemOutcome[]
  requests: number
  halvings: number
}

/** A batch sent as one request whose failure the platform retries: its error, and its events' outcome, for counting. */
interface Rethrown {
  rethrow: unknown
  failure: ItemFailure
}

/** Sends the ready items, a part of the 500,000-byte split after another; one outcome per ready item, in order. */
async function sendReady(batch: Batch, ready: ReadyItem[]): Promise<Learned | (Learned & Rethrown)> {
  const groups = splitIntoRequests(ready.map((entry) => entry.serialized))
  const learned: Learned = { outcomes: [], requests: 0, halvings: 0 }
  for (const [part, group] of groups.entries()) {
    const entries = group.map((position) => ready[position])
    const label = { part: part + 1, parts: groups.length, halves: [] }
    const sent = groups.length === 1 ? await sendWhole(batch, entries, label) : await sendPart(batch, entries, label)
    // The only request of the batch: each of its events is counted with its failure.
    if ('rethrow' in sent) return { ...sent, outcomes: ready.map(() => sent.failure), requests: 1, halvings: 0 }
    group.forEach((position, inGroup) => (learned.outcomes[position] = sent.outcomes[inGroup]))
    learned.requests += sent.requests
    learned.halvings += sent.halvings
  }
  return learned
}

/** The batch in one request: a failure the platform retries goes back to it, since nothing has been accepted yet. */
async function sendWhole(batch: Batch, entries: ReadyItem[], label: PartLabel): Promise<Learned | Rethrown> {
  if (batch.context.signal?.aborted) return cancelledBeforeSending(entries)
  const posted = await postBatch(batch, entries)
  if (!posted.ok && rethrowsWhole(posted.failed)) return { rethrow: posted.error, failure: posted.failed.failure }
  return afterAnswer(batch, entries, label, posted)
}

/** One request of a split batch, or a half after a 413: its failure fails only its own events. */
async function sendPart(batch: Batch, entries: ReadyItem[], label: PartLabel): Promise<Learned> {
  if (batch.context.signal?.aborted) return cancelledBeforeSending(entries)
  return afterAnswer(batch, entries, label, await postBatch(batch, entries))
}

function oneRequest(outcomes: ItemOutcome[]): Learned {
  return { outcomes, requests: 1, halvings: 0 }
}

function cancelledBeforeSending(entries: ReadyItem[]): Learned {
  return { outcomes: entries.map(() => cancelledOutcome(false)), requests: 0, halvings: 0 }
}

function postBatch(batch: Batch, entries: ReadyItem[]): Promise<PostedBatch> {
  const body = encodeBatchBody(entries.map((entry) => entry.serialized))
  return timedRequest<CustomerIOBatchResponse>(batch.context, 'batch', batch.url, body)
}

/** One outcome per item from a request's answer or failure; after a 413 to several items, each half is sent instead. */
async function afterAnswer(
  batch: Batch,
  entries: ReadyItem[],
  label: PartLabel,
  posted: PostedBatch
): Promise<Learned> {
  const { status, outcomes } = posted.ok
    ? readAnswer(batch.logger, posted.response, entries.length)
    : { status: posted.failed.failure.status, outcomes: entries.map(() => outcomeInBatch(posted.failed, label)) }
  if (status !== 413) return oneRequest(outcomes)
  if (entries.length === 1) return oneRequest([aloneTooLarge(outcomes[0] as ItemFailure, entries[0].serialized.bytes)])
  const middle = Math.ceil(entries.length / 2)
  const first = await sendPart(batch, entries.slice(0, middle), { ...label, halves: [...label.halves, 1] })
  const second = await sendPart(batch, entries.slice(middle), { ...label, halves: [...label.halves, 2] })
  return {
    outcomes: [...first.outcomes, ...second.outcomes],
    requests: 1 + first.requests + second.requests,
    halvings: 1 + first.halvings + second.halvings
  }
}

function readAnswer(logger: Logger | undefined, response: BatchResponse, count: number): Answer {
  const outcomes = parseBatchResponse(response.status, bodyOf(response), count, response.statusText)
  const warning = unvouchedWarning(outcomes)
  if (warning) warn(logger, warning)
  return { status: response.status, outcomes }
}
