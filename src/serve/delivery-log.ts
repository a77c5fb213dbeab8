// What the local server delivered, kept in memory (newest first) for the page, GET /_deliveries and GET /_events. It is
// bounded in what it keeps and in what it sends: the latest MAX_DELIVERIES, within MAX_HISTORY_BYTES in all as an
// answer sends them (json-bytes.ts), every large or deep payload, sent item or exchange body kept truncated with its
// size, and served in pages (delivery-pages.ts). Every event's state is decided here, once.
import type { Exchange } from './exchanges'
import { isRetryableStatus } from '../track-api/error-types'
import { answerBytes } from './json-bytes'
import { valueKeeper } from './truncated-value'

export type DeliveryKind = 'batch' | 'single' | 'authenticate' | 'delete'

/** What the platform does with an event: nothing more (delivered), nothing more (failed), or send it again. */
export type EventState = 'delivered' | 'failed' | 'retried'

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
  /**
   * History only: 'outside' when the event was delivered more than 72 hours after its timestamp (Customer.io stores
   * it, but it cannot trigger campaigns). Never in the multistatus of POST /<action>.
   */
  campaignWindow?: 'outside'
}

/** An outcome as the history keeps it: with the state the platform gives the event. */
export interface KeptOutcome extends EventOutcome {
  state: EventState
}

/** Why a call threw, and whether the platform retries it (thrown.ts). */
export interface ThrownNote {
  status?: number
  message: string
  retryable: boolean
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
  /** Set when the call threw: the platform then retries the whole call when `retryable`. */
  thrown?: ThrownNote
  exchanges: Exchange[]
}

export interface NewDelivery {
  action: string
  kind: DeliveryKind
  events: number
  outcomes: EventOutcome[]
  thrown?: ThrownNote
  exchanges: Exchange[]
}

export const MAX_DELIVERIES = 200
/** The bytes the kept deliveries take in answers, in all (the newest one is kept whatever its size). */
export const MAX_HISTORY_BYTES = 32_000_000
/** A delivery sits two levels deep in GET /_deliveries: the answer → deliveries → it. */
const RECORD_LEVEL = 2

export interface DeliveryLogLimits {
  /** How many deliveries are kept, the latest ones. */
  deliveries: number
  /** How many bytes they may take in answers, in all; the newest delivery is kept whatever its size. */
  bytes: number
  /** A payload, sent item or exchange body over this many bytes in an answer is kept truncated. */
  valueBytes?: number
  /** The bytes of all the values of one delivery (default MAX_DELIVERY_VALUE_BYTES); beyond, a value's size alone. */
  deliveryValueBytes?: number
}

export class DeliveryLog {
  private records: { record: DeliveryRecord; bytes: number }[] = []
  private bytes = 0
  private nextId = 1
  private listeners = new Set<(record: DeliveryRecord) => void>()

  constructor(private readonly limits: DeliveryLogLimits = { deliveries: MAX_DELIVERIES, bytes: MAX_HISTORY_BYTES }) {}

  add(delivery: NewDelivery): DeliveryRecord {
    const kept = truncateDelivery(delivery, this.limits)
    const outcomes = kept.outcomes.map((outcome) => ({ ...outcome, state: stateOf(outcome.status) }))
    const record: DeliveryRecord = {
      id: this.nextId++,
      at: new Date().toISOString(),
      ...countStates(delivery.events, outcomes, delivery.thrown),
      ...kept,
      outcomes
    }
    const bytes = recordBytes(record)
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

  /** The kept deliveries with their bytes in an answer, newest first. */
  entries(): readonly { readonly record: DeliveryRecord; readonly bytes: number }[] {
    return this.records
  }

  /** The delivery with this id, when it is still kept. */
  get(id: number): DeliveryRecord | undefined {
    return this.records.find(({ record }) => record.id === id)?.record
  }

  /** How many deliveries it keeps at most. */
  get maxKept(): number {
    return this.limits.deliveries
  }

  /** How many bytes the kept deliveries take in an answer. */
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

/**
 * The bytes a delivery takes in a 2-space-indented GET /_deliveries (its indentation, its lines and the `,` and line
 * break after it): a page of them sends their sum and its own few bytes around them, a compact answer less.
 */
export function recordBytes(record: DeliveryRecord): number {
  return 2 * RECORD_LEVEL + answerBytes(record, RECORD_LEVEL) + 2
}

/** An event's state from its status: a 2xx is delivered, a retryable status retried, any other failed. */
export function stateOf(status: number): EventState {
  if (status >= 200 && status <= 299) return 'delivered'
  return isRetryableStatus(status) ? 'retried' : 'failed'
}

/**
 * The events by state: those with an outcome by theirs; in a call that threw, the others (the events it sent, which
 * have no outcome) share the call's fate, while an event refused before sending keeps its own (it is refused again).
 */
export function countStates(
  events: number,
  outcomes: readonly { state: EventState }[],
  thrown: ThrownNote | undefined
): { succeeded: number; failed: number; retried: number } {
  const counts = { succeeded: 0, failed: 0, retried: 0 }
  for (const { state } of outcomes) counts[state === 'delivered' ? 'succeeded' : state]++
  if (thrown) counts[thrown.retryable ? 'retried' : 'failed'] += Math.max(0, events - outcomes.length)
  return counts
}

/**
 * The delivery with its large values truncated (payloads, sent items and the exchanges' bodies), and all of them
 * within the delivery's own budget, in the order of its outcomes, then its exchanges.
 */
function truncateDelivery(delivery: NewDelivery, limits: DeliveryLogLimits): NewDelivery {
  const keep = valueKeeper(limits.valueBytes, limits.deliveryValueBytes)
  return {
    ...delivery,
    outcomes: delivery.outcomes.map((outcome) => {
      const kept: EventOutcome = { ...outcome }
      if ('body' in outcome) kept.body = keep.value(outcome.body)
      if ('sent' in outcome) kept.sent = keep.value(outcome.sent)
      if ('event' in outcome) kept.event = keep.value(outcome.event)
      return kept
    }),
    exchanges: delivery.exchanges.map(({ request, response }) => ({
      request: { ...request, body: request.body === null ? null : keep.text(request.body) },
      response: { ...response, body: keep.value(response.body) }
    }))
  }
}
