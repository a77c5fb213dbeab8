// Delivery metrics: POST /api/v1/metrics, one event per request (the endpoint has no batch form). Each request goes
// through track-request.ts, as the items' requests do, and a batch's outcomes are collected by index.
import type { ModifiedResponse, MultiStatusResponse, RequestClient } from '@segment/actions-core'
import { buildMetricsBody } from './build-metric'
import type { MetricSpec } from './build-metric'
import { batchEndMetrics } from './delivery-stats'
import { metricsUrl, trackApiHost } from './endpoints'
import { refusedOutcome, sentOutcome, thrownMessage, toMultiStatus } from './event-outcomes'
import type { EventOutcome } from './event-outcomes'
import { asJsonLike } from './request-failures'
import { cancelledOutcome, outcomeInBatch } from './request-outcome'
import { emit, requestContext, sendAlone, timedRequest } from './track-request'
import type { Clock, DeliveryInput } from './track-request'
import type { MetricsRequestBody } from './types'

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
  const context = requestContext(request, input, now)
  const body = buildMetricsBody(toMetric(input.payload), nowInUnixSeconds())
  const url = metricsUrl(trackApiHost(input.settings.accountRegion))
  return sendAlone(context, 'metrics', url, JSON.stringify(body), asJsonLike(body))
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
  const payloads = input.payload
  const context = requestContext(request, input, now, input.signal)
  const url = metricsUrl(trackApiHost(input.settings.accountRegion))
  const outcomes: EventOutcome[] = []
  let requests = 0
  await runWithConcurrency(payloads.length, MAX_CONCURRENT_METRIC_REQUESTS, async (index) => {
    const body = asJsonLike(payloads[index])
    let metrics: MetricsRequestBody
    try {
      metrics = buildMetricsBody(toMetric(payloads[index]), nowInUnixSeconds())
    } catch (error) {
      outcomes[index] = refusedOutcome(thrownMessage(error))
      return
    }
    const sent = asJsonLike(metrics)
    if (context.signal?.aborted) {
      outcomes[index] = sentOutcome(cancelledOutcome(false), sent, body)
      return
    }
    requests += 1
    const posted = await timedRequest(context, 'metrics', url, JSON.stringify(metrics))
    outcomes[index] = sentOutcome(posted.ok ? { ok: true } : outcomeInBatch(posted.failed), sent, body)
  })
  emit(context.statsContext, batchEndMetrics(outcomes, requests, 0, context.tags))
  return toMultiStatus(outcomes)
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
