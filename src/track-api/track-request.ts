// The I/O of the delivery core: every Track API request is posted here, timed and reported to the platform's metrics,
// and what it threw classified once (request-outcome.ts); an error handed back to the platform gets its Retry-After
// here. emit() and warn() are the one place that calls the platform's statsClient and logger; nothing either throws
// ever reaches a delivery.
import type { JSONLikeObject, Logger, ModifiedResponse, RequestClient, StatsContext } from '@segment/actions-core'
import { baseTags, outcomeMetrics, requestMetrics } from './delivery-stats'
import type { Endpoint, Metric } from './delivery-stats'
import { regionOf } from './endpoints'
import { retryAfterNote } from './request-failures'
import { classifyFailedRequest } from './request-outcome'
import type { FailedRequest } from './request-outcome'

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

/** The clock of answer times; tests pass their own. */
export type Clock = () => number

export const JSON_HEADERS = { 'content-type': 'application/json' }

/** What every request of one call shares. */
export interface RequestContext {
  request: RequestClient
  statsContext?: StatsContext
  /** The platform's tags, then the region. */
  tags: string[]
  now: Clock
  /**
   * When a call of items began sending, by `now`: the time each event's age is counted from (campaign-window.ts).
   * Absent for delivery metrics, which are not events of a person.
   */
  sentAt?: number
  /** The platform's signal, for a batch: a failure after it fired is the batch's cancellation. */
  signal?: AbortSignal
}

export function requestContext(
  request: RequestClient,
  input: DeliveryInput<unknown>,
  now: Clock,
  signal?: AbortSignal
): RequestContext {
  const tags = baseTags(input.statsContext, regionOf(input.settings.accountRegion))
  return { request, statsContext: input.statsContext, tags, now, signal }
}

/** A request's answer, or what it threw and what that means. */
export type Posted<Data> = Answered<Data> | Failed

interface Answered<Data> {
  ok: true
  response: ModifiedResponse<Data>
}

interface Failed {
  ok: false
  error: unknown
  failed: FailedRequest
}

/** Posts one JSON body, and reports the request: its status (or why none came), its size and the time to its answer. */
export async function timedRequest<Data>(
  context: RequestContext,
  endpoint: Endpoint,
  url: string,
  body: string
): Promise<Posted<Data>> {
  const started = context.now()
  const report = (status: number | FailedRequest['tag']) => {
    const sample = { endpoint, bytes: Buffer.byteLength(body), durationMs: context.now() - started, status }
    emit(context.statsContext, requestMetrics(sample, context.tags))
  }
  try {
    const response = await context.request<Data>(url, { method: 'post', headers: JSON_HEADERS, body })
    report(response.status)
    return { ok: true, response }
  } catch (error) {
    const failed = classifyFailedRequest(error, context.signal)
    report(failed.tag)
    return { ok: false, error, failed }
  }
}

/**
 * A call of one event and one request: its response, or its error rethrown for the platform to retry (a Retry-After
 * in its message). The event is counted either way, as what it sent.
 */
export async function sendAlone(
  context: RequestContext,
  endpoint: Endpoint,
  url: string,
  body: string,
  sent: JSONLikeObject
): Promise<ModifiedResponse> {
  const posted = await timedRequest(context, endpoint, url, body)
  if (posted.ok) {
    emit(context.statsContext, outcomeMetrics([{ status: posted.response.status, sent }], context.tags, context.sentAt))
    return posted.response
  }
  const { status, errortype } = posted.failed.failure
  emit(context.statsContext, outcomeMetrics([{ status, errortype, sent }], context.tags, context.sentAt))
  throw withRetryAfterInMessage(posted.error)
}

/**
 * The error of a request the platform retries whole, its Retry-After added to its message: the same error, so its
 * class, its status and its response (headers included) reach the platform unchanged.
 */
export function withRetryAfterInMessage<E>(error: E): E {
  const note = retryAfterNote(error)
  if (note && error instanceof Error && !error.message.includes(note)) {
    error.message = error.message ? `${error.message}; ${note}` : note
  }
  return error
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
