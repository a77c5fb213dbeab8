// What the local server delivered, kept in memory (newest first) for the page and for GET /_deliveries.
import type { Exchange } from './exchanges'
import { isRetryableStatus } from '../track-api/error-types'

export type DeliveryKind = 'batch' | 'single' | 'authenticate' | 'delete'

/** One event's outcome, as Segment's delivery view shows it. */
export interface EventOutcome {
  index: number
  status: number
  errortype?: string
  errormessage?: string
  errorreporter?: string
  body?: unknown
  sent?: unknown
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
  outcomes: EventOutcome[]
  /** Set when the call threw: the platform then retries the whole call when the status allows. */
  thrown?: { status?: number; message: string; retryable: boolean }
  exchanges: Exchange[]
}

export type NewDelivery = Omit<DeliveryRecord, 'id' | 'at' | 'succeeded' | 'failed' | 'retried'>

const DEFAULT_CAPACITY = 200

export class DeliveryLog {
  private records: DeliveryRecord[] = []
  private nextId = 1
  private listeners = new Set<(record: DeliveryRecord) => void>()

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  add(delivery: NewDelivery): DeliveryRecord {
    const record: DeliveryRecord = {
      id: this.nextId++,
      at: new Date().toISOString(),
      ...countOutcomes(delivery),
      ...delivery
    }
    this.records.unshift(record)
    if (this.records.length > this.capacity) this.records.length = this.capacity
    for (const listener of this.listeners) listener(record)
    return record
  }

  list(): DeliveryRecord[] {
    return [...this.records]
  }

  clear(): void {
    this.records = []
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
    if (outcome.status >= 200 && outcome.status <= 299) succeeded++
    else if (isRetryableStatus(outcome.status)) retried++
    else failed++
  }
  return { succeeded, failed, retried }
}
