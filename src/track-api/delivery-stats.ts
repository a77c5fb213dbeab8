// Pure: what the destination reports to the platform's metrics, as data: the names, types, values and tags, built from
// each request's sample and from the outcomes of a call's events. track-request.ts hands them to the statsClient.
import type { JSONLikeObject, StatsContext } from '@segment/actions-core'
import { isOutsideCampaignWindow } from './campaign-window'
import { isRetryableStatus } from './error-types'
import type { Region } from './types'

export const METRICS = {
  /** counter: events Customer.io accepted. */
  delivered: 'actions-customerio.events.delivered',
  /** counter: delivered events more than 72 hours old when sent, which Customer.io stores but cannot trigger campaigns. */
  outsideCampaignWindow: 'actions-customerio.events.outside_campaign_window',
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
 * The event counters of one batch (or one single event), from its outcomes: delivered, and of those the ones outside
 * the campaign window at `sentAtMs` (the time of sending; without it, none is counted), rejected by error type,
 * retried by status, refused before sending. A counter with nothing to count is left out.
 */
export function outcomeMetrics(
  outcomes: readonly ReportedOutcome[],
  tags: readonly string[],
  sentAtMs?: number
): Metric[] {
  let delivered = 0
  let refused = 0
  const rejected = new Map<string, number>()
  const retried = new Map<number, number>()
  for (const outcome of outcomes) {
    if (isDelivered(outcome)) delivered += 1
    else if (isRetryableStatus(outcome.status)) retried.set(outcome.status, (retried.get(outcome.status) ?? 0) + 1)
    else if (outcome.sent === undefined) refused += 1
    else {
      const type = outcome.errortype ?? 'UNKNOWN_ERROR'
      rejected.set(type, (rejected.get(type) ?? 0) + 1)
    }
  }
  const outside = sentAtMs === undefined ? 0 : outsideCampaignWindow(outcomes, sentAtMs).length
  const metrics: Metric[] = []
  if (delivered > 0) metrics.push({ type: 'incr', name: METRICS.delivered, value: delivered, tags: [...tags] })
  if (outside > 0) metrics.push({ type: 'incr', name: METRICS.outsideCampaignWindow, value: outside, tags: [...tags] })
  for (const [type, count] of rejected)
    metrics.push({ type: 'incr', name: METRICS.rejected, value: count, tags: [...tags, `error_type:${type}`] })
  for (const [status, count] of retried)
    metrics.push({ type: 'incr', name: METRICS.retried, value: count, tags: [...tags, `status:${status}`] })
  if (refused > 0) metrics.push({ type: 'incr', name: METRICS.refused, value: refused, tags: [...tags] })
  return metrics
}

/** The timestamps of the delivered events outside the campaign window at `sentAtMs`, in order. */
export function outsideCampaignWindow(outcomes: readonly ReportedOutcome[], sentAtMs: number): number[] {
  const timestamps: number[] = []
  for (const outcome of outcomes) {
    if (isDelivered(outcome) && isOutsideCampaignWindow(outcome.sent, sentAtMs)) {
      timestamps.push((outcome.sent as { timestamp: number }).timestamp)
    }
  }
  return timestamps
}

function isDelivered(outcome: ReportedOutcome): boolean {
  return outcome.status >= 200 && outcome.status <= 299
}

/** What a batch reports at its end: its events' counters (outcomeMetrics), then how many requests it took. */
export function batchEndMetrics(
  outcomes: readonly ReportedOutcome[],
  requests: number,
  halvings: number,
  tags: readonly string[],
  sentAtMs?: number
): Metric[] {
  return [...outcomeMetrics(outcomes, tags, sentAtMs), ...batchMetrics(requests, halvings, tags)]
}

/** Per batch: how many requests it took, and how many of them were halves sent after a 413. */
export function batchMetrics(requests: number, halvings: number, tags: readonly string[]): Metric[] {
  const metrics: Metric[] = [{ type: 'histogram', name: METRICS.batchRequests, value: requests, tags: [...tags] }]
  if (halvings > 0) metrics.push({ type: 'incr', name: METRICS.halved, value: halvings, tags: [...tags] })
  return metrics
}
