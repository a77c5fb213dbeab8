// Pure: the delivery history as GET /_deliveries and GET /_deliveries/<id> answer it. A page holds the newest
// deliveries older than `before`, newest first, at most `limit` of them and within MAX_PAGE_BYTES (always one at
// least), and names the `before` of the next older page, so that a client loads what it shows and the rest on demand.
import type { DeliveryLog, DeliveryRecord } from './delivery-log'

export const DEFAULT_PAGE_DELIVERIES = 20
export const MAX_PAGE_DELIVERIES = 100
/** The bytes of deliveries a page holds at most, as an answer sends them; a larger delivery comes alone. */
export const MAX_PAGE_BYTES = 1_000_000

export interface DeliveriesPage {
  deliveries: DeliveryRecord[]
  /** The `before` of the next older page; null when this one ends the history. */
  next: number | null
  /** How many deliveries the history holds now. */
  kept: number
  /** How many it holds at most: the oldest go first. */
  maxKept: number
}

/** An answer: its status and its JSON body. */
export interface Answer {
  status: number
  body: unknown
}

/** GET /_deliveries?limit=N&before=ID. */
export function deliveriesAnswer(log: DeliveryLog, query: URLSearchParams): Answer {
  const limit = wholeNumberOf(query.get('limit'))
  const before = wholeNumberOf(query.get('before'))
  if (limit === null) return refusal(`"limit" must be a whole number from 1 to ${MAX_PAGE_DELIVERIES}.`)
  if (before === null) return refusal('"before" must be the id of a delivery (a whole number), as "next" gives it.')
  const page = pageOf(log, Math.min(limit ?? DEFAULT_PAGE_DELIVERIES, MAX_PAGE_DELIVERIES), before ?? Infinity)
  return { status: 200, body: page }
}

/** GET /_deliveries/<id>: the delivery, or a 404 once the history no longer keeps it; undefined for another path. */
export function deliveryAnswer(log: DeliveryLog, pathname: string): Answer | undefined {
  const id = /^\/_deliveries\/(\d{1,15})$/.exec(pathname)?.[1]
  if (id === undefined) return undefined
  const record = log.get(Number(id))
  if (record !== undefined) return { status: 200, body: record }
  return {
    status: 404,
    body: { error: `Delivery ${Number(id)} is not kept: the history keeps the latest ${log.maxKept}.` }
  }
}

export function pageOf(log: DeliveryLog, limit: number, before: number, maxBytes = MAX_PAGE_BYTES): DeliveriesPage {
  const entries = log.entries()
  const deliveries: DeliveryRecord[] = []
  let bytes = 0
  let at = entries.findIndex(({ record }) => record.id < before)
  for (; at !== -1 && at < entries.length && deliveries.length < limit; at++) {
    const entry = entries[at]
    if (deliveries.length > 0 && bytes + entry.bytes > maxBytes) break
    deliveries.push(entry.record)
    bytes += entry.bytes
  }
  const last = deliveries[deliveries.length - 1]
  const next = last !== undefined && at !== -1 && at < entries.length ? last.id : null
  return { deliveries, next, kept: entries.length, maxKept: log.maxKept }
}

/** A query parameter: undefined when absent, null when not a whole number from `least` up, else the number. */
export function wholeNumberOf(text: string | null, least = 1): number | undefined | null {
  if (text === null) return undefined
  if (!/^\d{1,15}$/.test(text)) return null
  const number = Number(text)
  return number >= least ? number : null
}

function refusal(message: string): Answer {
  return { status: 400, body: { error: message } }
}
