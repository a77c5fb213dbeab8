// What the local server delivered, kept in memory (newest first) for the page and for GET /_deliveries. It is bounded:
// the latest MAX_DELIVERIES, within MAX_HISTORY_BYTES of JSON in all, and every large payload, sent item or exchange
// body kept truncated with its size, so that big batches can neither exhaust memory nor make the list unservable.
import type { Exchange } from './exchanges'
import { isRetryableStatus } from '../track-api/error-types'
import { truncateText, truncateValue } from './truncated-value'

export type DeliveryKind = 'batch' | 'single' | 'authenticate' | 'delete'

/** One event's outcome, as Segment's delivery view shows it. */
export interface EventOutcome {
  index: number
  status: number
  errortype?: string
  errormessage?: string
  errorreporter?: string
  /** The event's mapped payload (truncated when large). */
  body?: unknown
  /** The exact item sent (truncated when large). */
  sent?: unknown
  /** The event as the server was given it, for an event refused before sending (which has no `body`). */
  event?: unknown
}

/** What the platform does with an event: delivered (2xx), failed, or retried (a retryable status). */
export type EventState = 'delivered' | 'failed' | 'retried'

/** An event's outcome as kept and served: with its state, so that no reader classifies a status again. */
export interface KeptOutcome extends EventOutcome {
  state: EventState
}

export interface DeliveryRecord {
  id: number
  at: string
  action: string
  kind: DeliveryKind
  events: number
  succeeded: number
  failed: number
  retried: number
  outcomes: KeptOutcome[]
  /** Set when the call threw: the platform then retries the whole call when the status allows. */
  thrown?: { status?: number; message: string; retryable: boolean }
  exchanges: Exchange[]
}

export type NewDelivery = Omit<DeliveryRecord, 'id' | 'at' | 'succeeded' | 'failed' | 'retried' | 'outcomes'> & {
  outcomes: EventOutcome[]
}

/** One page of the history (GET /_deliveries): newest first; `next` is the `before` of the next older page. */
export interface HistoryPage {
  deliveries: DeliveryRecord[]
  next: number | null
  kept: number
  maxKept: number
}

export const MAX_DELIVERIES = 200
export const MAX_HISTORY_BYTES = 32_000_000

export interface DeliveryLogLimits {
  /** How many deliveries are kept, the latest ones. */
  deliveries: number
  /** How many bytes of JSON they may take in all; the newest delivery is kept whatever its size. */
  bytes: number
  /** A payload, sent item or exchange body over this many bytes of JSON is kept truncated. */
  valueBytes?: number
}

export class DeliveryLog {
  private records: { record: DeliveryRecord; bytes: number }[] = []
  private bytes = 0
  private nextId = 1
  private listeners = new Set<(record: DeliveryRecord) => void>()

  constructor(private readonly limits: DeliveryLogLimits = { deliveries: MAX_DELIVERIES, bytes: MAX_HISTORY_BYTES }) {}

  add(delivery: NewDelivery): DeliveryRecord {
    const record: DeliveryRecord = {
      id: this.nextId++,
      at: new Date().toISOString(),
      ...countOutcomes(delivery),
      ...truncateDelivery(delivery, this.limits.valueBytes)
    }
    const bytes = Buffer.byteLength(JSON.stringify(record))
    this.records.unshift({ record, bytes })
    this.bytes += bytes
    while (
      this.records.length > 1 &&
      (this.records.length > this.limits.deliveries || this.bytes > this.limits.bytes)
    ) {
      this.bytes -= (this.records.pop() as { bytes: number }).bytes
    }
    for (const listener of this.listeners) listener(record)
    return record
  }

  /** The deliveries kept, newest first; at most `limit` of them when given. */
  list(limit?: number): DeliveryRecord[] {
    return this.records.slice(0, limit).map(({ record }) => record)
  }

  /** The kept deliveries older than `before` (all when undefined), newest first, at most `limit` of them. */
  page(limit: number, before?: number): HistoryPage {
    const older = this.records.filter(({ record }) => before === undefined || record.id < before)
    const deliveries = older.slice(0, limit).map(({ record }) => record)
    const next = older.length > limit ? deliveries[deliveries.length - 1].id : null
    return { deliveries, next, kept: this.records.length, maxKept: this.limits.deliveries }
  }

  /** The kept delivery with this id, or undefined. */
  get(id: number): DeliveryRecord | undefined {
    return this.records.find(({ record }) => record.id === id)?.record
  }

  /** How many bytes of JSON the kept deliveries take. */
  get size(): number {
    return this.bytes
  }

  clear(): void {
    this.records = []
    this.bytes = 0
  }

  /** Calls back with every new record; returns the function that stops it. */
  subscribe(listener: (record: DeliveryRecord) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** Succeeded: 2xx. Retried: a retryable status, or every event of a call that threw a retryable error. */
export function countOutcomes(delivery: Pick<NewDelivery, 'events' | 'outcomes' | 'thrown'>): {
  succeeded: number
  failed: number
  retried: number
} {
  if (delivery.thrown) {
    return delivery.thrown.retryable
      ? { succeeded: 0, failed: 0, retried: delivery.events }
      : { succeeded: 0, failed: delivery.events, retried: 0 }
  }
  let succeeded = 0
  let failed = 0
  let retried = 0
  for (const outcome of delivery.outcomes) {
    const state = stateOf(outcome.status)
    if (state === 'delivered') succeeded++
    else if (state === 'retried') retried++
    else failed++
  }
  return { succeeded, failed, retried }
}

/** Delivered: 2xx; retried: a status the platform retries; failed: any other. */
export function stateOf(status: number): EventState {
  if (status >= 200 && status <= 299) return 'delivered'
  return isRetryableStatus(status) ? 'retried' : 'failed'
}

/** The delivery with its large values truncated: payloads, sent items and the exchanges' bodies. */
function truncateDelivery(
  delivery: NewDelivery,
  valueBytes: number | undefined
): Omit<NewDelivery, 'outcomes'> & { outcomes: KeptOutcome[] } {
  return {
    ...delivery,
    outcomes: delivery.outcomes.map((outcome) => {
      const kept: KeptOutcome = { ...outcome, state: stateOf(outcome.status) }
      if ('body' in outcome) kept.body = truncateValue(outcome.body, valueBytes)
      if ('sent' in outcome) kept.sent = truncateValue(outcome.sent, valueBytes)
      if ('event' in outcome) kept.event = truncateValue(outcome.event, valueBytes)
      return kept
    }),
    exchanges: delivery.exchanges.map(({ request, response }) => ({
      request: { ...request, body: request.body === null ? null : truncateText(request.body, valueBytes) },
      response: { ...response, body: truncateValue(response.body, valueBytes) }
    }))
  }
}
