// Delivery metrics: POST /api/v1/metrics, one event per request (the endpoint has no batch form).
import { MultiStatusResponse, type ModifiedResponse, type RequestClient } from '@segment/actions-core'
import { buildMetricsBody, type MetricSpec } from './build-metric'
import { baseTags, batchMetrics, emit, outcomeMetrics, timedRequest } from './delivery-stats'
import { metricsUrl, regionOf, trackApiHost } from './endpoints'
import { INVALID_ITEM_ERROR_TYPE, INVALID_ITEM_STATUS } from './error-types'
import {
  asJsonLike,
  cancelledOutcome,
  describeRequestFailure,
  isHTTPError,
  unexpectedFailure,
  withRetryAfterInMessage
} from './request-failures'
import { JSON_HEADERS, type Clock, type DeliveryInput, type RegionSettings } from './send'
import type { MetricsRequestBody } from './types'

/** One event → POST /api/v1/metrics (the delivery metrics endpoint takes no batch). */
export async function sendMetric(
  request: RequestClient,
  settings: RegionSettings,
  body: MetricsRequestBody
): Promise<ModifiedResponse> {
  return request(metricsUrl(trackApiHost(settings.accountRegion)), {
    method: 'post',
    headers: JSON_HEADERS,
    body: JSON.stringify(body)
  })
}

/** Maps one payload to the delivery metric it reports. */
export type MetricMapper<P> = (payload: P) => MetricSpec

/** How many metrics requests one batch keeps in flight at once. */
export const MAX_CONCURRENT_METRIC_REQUESTS = 5

/** One delivery event → POST /api/v1/metrics, stamped now when its timestamp is missing or unreadable. */
export async function sendSingleMetric<P>(
  request: RequestClient,
  input: DeliveryInput<P>,
  toMetric: MetricMapper<P>,
  now: Clock = Date.now
): Promise<ModifiedResponse> {
  const tags = baseTags(input.statsContext, regionOf(input.settings.accountRegion))
  const body = buildMetricsBody(toMetric(input.payload), nowInUnixSeconds())
  const json = JSON.stringify(body)
  try {
    const response = await timedRequest(input.statsContext, tags, 'metrics', Buffer.byteLength(json), now, () =>
      sendMetric(request, input.settings, body)
    )
    emit(input.statsContext, outcomeMetrics([{ status: response.status, sent: asJsonLike(body) }], tags))
    return response
  } catch (error) {
    const failure = describeRequestFailure(error) ?? unexpectedFailure(error)
    emit(
      input.statsContext,
      outcomeMetrics([{ status: failure.status, errortype: failure.errortype, sent: asJsonLike(body) }], tags)
    )
    throw withRetryAfterInMessage(error)
  }
}

/**
 * Many delivery events → one POST /api/v1/metrics each (the endpoint has no batch form), a few at a time, and a
 * MultiStatusResponse with one entry per payload. Every failure, retryable or not, is that event's own outcome:
 * nothing is rethrown, because the events already accepted must not be sent again.
 */
export async function sendMetricBatch<P>(
  request: RequestClient,
  input: DeliveryInput<readonly P[]>,
  toMetric: MetricMapper<P>,
  now: Clock = Date.now
): Promise<MultiStatusResponse> {
  const { payload: payloads, settings, statsContext, signal } = input
  const tags = baseTags(statsContext, regionOf(settings.accountRegion))
  const multiStatus = new MultiStatusResponse()
  let requests = 0
  await runWithConcurrency(payloads.length, MAX_CONCURRENT_METRIC_REQUESTS, async (index) => {
    const body = asJsonLike(payloads[index])
    let metrics: MetricsRequestBody
    try {
      metrics = buildMetricsBody(toMetric(payloads[index]), nowInUnixSeconds())
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      multiStatus.setErrorResponseAtIndex(index, {
        status: INVALID_ITEM_STATUS,
        errortype: INVALID_ITEM_ERROR_TYPE,
        errormessage: message
      })
      return
    }
    const sent = asJsonLike(metrics)
    if (signal?.aborted) {
      const { status, errortype, message } = cancelledOutcome(false)
      multiStatus.setErrorResponseAtIndex(index, { status, errortype, errormessage: message, body })
      return
    }
    try {
      requests += 1
      const bytes = Buffer.byteLength(JSON.stringify(metrics))
      await timedRequest(statsContext, tags, 'metrics', bytes, now, () => sendMetric(request, settings, metrics))
      multiStatus.setSuccessResponseAtIndex(index, { status: 200, sent, body })
    } catch (error) {
      // The platform's signal also aborts a request in flight, as in a batch of items (send.ts).
      const failure =
        signal?.aborted && !isHTTPError(error)
          ? cancelledOutcome(true)
          : (describeRequestFailure(error) ?? unexpectedFailure(error))
      multiStatus.setErrorResponseAtIndex(index, {
        status: failure.status,
        errortype: failure.errortype,
        errormessage: failure.message,
        sent,
        body
      })
    }
  })
  const reported = multiStatus.getAllResponses().map((response) => response.value())
  emit(statsContext, [...outcomeMetrics(reported, tags), ...batchMetrics(requests, 0, tags)])
  return multiStatus
}

/** Runs task(0) … task(count - 1), at most `limit` at a time. */
async function runWithConcurrency(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++)
  }
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker))
}

function nowInUnixSeconds(): number {
  return Math.floor(Date.now() / 1000)
}
