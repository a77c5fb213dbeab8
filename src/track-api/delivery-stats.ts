// What the destination reports to the platform's metrics: the names, types and tags are pure data built here; emit()
// is the one place that calls the statsClient, and nothing it throws ever reaches a delivery.
import type { JSONLikeObject, Logger, StatsContext } from '@segment/actions-core'
import { isRetryableStatus } from './error-types'
import { requestSampleStatus } from './request-failures'
import type { Region } from './types'

export const METRICS = {
  /** counter: events Customer.io accepted. */
  delivered: 'actions-customerio.events.delivered',
  /** counter, `error_type`: events Customer.io refused for good (a 207 error, a 4xx). */
  rejected: 'actions-customerio.events.rejected',
  /** counter, `status`: events handed back to the platform to retry (429, 5xx, 502 unvouched, 408 cancelled, …). */
  retried: 'actions-customerio.events.retried',
  /** counter: events refused before sending (no identifier, bad timestamp, an item over 32,000 bytes). */
  refused: 'actions-customerio.events.refused',
  /** counter, `endpoint`, `status`: requests sent to the Track API, by the answer's status. */
  requests: 'actions-customerio.requests',
  /** histogram, `endpoint`: the bytes of each request body. */
  requestBytes: 'actions-customerio.request.bytes',
  /** histogram, `endpoint`, `status`: how long Customer.io took to answer, in milliseconds. */
  answerTime: 'actions-customerio.request.duration_ms',
  /** histogram: how many requests one batch took (1 unless split at 500,000 bytes or halved after a 413). */
  batchRequests: 'actions-customerio.batch.requests',
  /** counter: requests halved and sent again because Customer.io answered 413. */
  halved: 'actions-customerio.batch.halved_after_413'
} as const

export type Endpoint = 'batch' | 'entity' | 'metrics'

export interface Metric {
  type: 'incr' | 'histogram'
  name: string
  value: number
  tags: string[]
}

/** One request: its body's size, how long the answer took, and its status (or why there was none). */
export interface RequestSample {
  endpoint: Endpoint
  bytes: number
  durationMs: number
  /** The HTTP status, or `timeout`, `network_error`, `cancelled` (by the platform's signal), `error` when none came. */
  status: number | 'timeout' | 'network_error' | 'cancelled' | 'error'
}

/** One outcome as it is reported to the platform: a multistatus entry's value. */
export interface ReportedOutcome {
  status: number
  errortype?: string
  sent?: JSONLikeObject | string
}

/** The platform's tags, then ours: `region:<US|EU>` (the action's tag is added once, by the destination). */
export function baseTags(statsContext: StatsContext | undefined, region: Region): string[] {
  return [...(statsContext?.tags ?? []), `region:${region}`]
}

/** The platform's stats context with `action:<slug>` added to its tags; undefined stays undefined. */
export function withActionTag(statsContext: StatsContext | undefined, action: string): StatsContext | undefined {
  if (!statsContext) return undefined
  return { ...statsContext, tags: [...(statsContext.tags ?? []), `action:${action}`] }
}

export function requestMetrics(sample: RequestSample, tags: readonly string[]): Metric[] {
  const endpoint = `endpoint:${sample.endpoint}`
  const status = `status:${sample.status}`
  return [
    { type: 'incr', name: METRICS.requests, value: 1, tags: [...tags, endpoint, status] },
    { type: 'histogram', name: METRICS.requestBytes, value: sample.bytes, tags: [...tags, endpoint] },
    { type: 'histogram', name: METRICS.answerTime, value: sample.durationMs, tags: [...tags, endpoint, status] }
  ]
}

/**
 * The event counters of one batch (or one single event), from its outcomes: delivered, rejected by error type,
 * retried by status, refused before sending. A counter with nothing to count is left out.
 */
export function outcomeMetrics(outcomes: readonly ReportedOutcome[], tags: readonly string[]): Metric[] {
  let delivered = 0
  let refused = 0
  const rejected = new Map<string, number>()
  const retried = new Map<number, number>()
  for (const outcome of outcomes) {
    if (outcome.status >= 200 && outcome.status <= 299) delivered += 1
    else if (isRetryableStatus(outcome.status)) retried.set(outcome.status, (retried.get(outcome.status) ?? 0) + 1)
    else if (outcome.sent === undefined) refused += 1
    else {
      const type = outcome.errortype ?? 'UNKNOWN_ERROR'
      rejected.set(type, (rejected.get(type) ?? 0) + 1)
    }
  }
  const metrics: Metric[] = []
  if (delivered > 0) metrics.push({ type: 'incr', name: METRICS.delivered, value: delivered, tags: [...tags] })
  for (const [type, count] of rejected)
    metrics.push({ type: 'incr', name: METRICS.rejected, value: count, tags: [...tags, `error_type:${type}`] })
  for (const [status, count] of retried)
    metrics.push({ type: 'incr', name: METRICS.retried, value: count, tags: [...tags, `status:${status}`] })
  if (refused > 0) metrics.push({ type: 'incr', name: METRICS.refused, value: refused, tags: [...tags] })
  return metrics
}

/** Per batch: how many requests it took, and how many of them were halves sent after a 413. */
export function batchMetrics(requests: number, halvings: number, tags: readonly string[]): Metric[] {
  const metrics: Metric[] = [{ type: 'histogram', name: METRICS.batchRequests, value: requests, tags: [...tags] }]
  if (halvings > 0) metrics.push({ type: 'incr', name: METRICS.halved, value: halvings, tags: [...tags] })
  return metrics
}

/** Sends metrics to the platform's statsClient. Without one nothing happens; whatever it throws is swallowed. */
export function emit(statsContext: StatsContext | undefined, metrics: readonly Metric[]): void {
  const client = statsContext?.statsClient
  if (!client) return
  for (const metric of metrics) {
    try {
      if (metric.type === 'incr') client.incr(metric.name, metric.value, metric.tags)
      else client.histogram(metric.name, metric.value, metric.tags)
    } catch {
      // A metrics failure must never fail or change a delivery.
    }
  }
}

/** A warning through the platform's logger, when there is one; a throwing logger never fails a delivery. */
export function warn(logger: Logger | undefined, message: string): void {
  try {
    logger?.warn(message)
  } catch {
    // Logging must never fail or change a delivery.
  }
}

/** Runs one request, and reports it: its status (or why none came), its body's size and the time to its answer. */
export async function timedRequest<R extends { status: number }>(
  statsContext: StatsContext | undefined,
  tags: string[],
  endpoint: Endpoint,
  bytes: number,
  now: () => number,
  send: () => Promise<R>
): Promise<R> {
  const started = now()
  const report = (status: RequestSample['status']) => {
    emit(statsContext, requestMetrics({ endpoint, bytes, durationMs: now() - started, status }, tags))
  }
  try {
    const response = await send()
    report(response.status)
    return response
  } catch (error) {
    report(requestSampleStatus(error))
    throw error
  }
}
