// Pure: the simulator's state as GET /_sim/state answers it, on the simulator's port and on the local server's, in
// pages like the delivery history. Without `kind`: the counters and the newest `limit` entries of each kind (people,
// objects, events, deliveries, ignored), newest first; with `kind`: that kind alone, `skip` newest entries skipped. Each kind's
// page holds at most MAX_STATE_PAGE_BYTES (one entry at least), and an entry over MAX_STATE_ENTRY_BYTES in an answer
// or nested deeper than MAX_KEPT_DEPTH is served as its size and beginning (truncated-value.ts). `skip` counts from
// the newest, so a page read while the simulator accepts more shows some entries again.
import { wholeNumberOf } from '../delivery-pages'
import { answerBytes, jsonStringBytes } from '../json-bytes'
import { truncateValue } from '../truncated-value'
import {
  MAX_STORED_DELIVERIES,
  MAX_STORED_EVENTS,
  MAX_STORED_OBJECTS,
  MAX_STORED_PEOPLE,
  type SimulatorState
} from './state'

export const STATE_KINDS = ['people', 'objects', 'events', 'deliveries', 'ignored'] as const
export type StateKind = (typeof STATE_KINDS)[number]

export const DEFAULT_STATE_ENTRIES = 20
export const MAX_STATE_ENTRIES = 100
/** The bytes of one kind's entries in a page, as an answer sends them: four kinds make at most about 1 MB. */
export const MAX_STATE_PAGE_BYTES = 250_000
/** An entry larger than this in an answer is served as its size and beginning. */
export const MAX_STATE_ENTRY_BYTES = 65_536
/** An entry sits two levels deep: the answer → its kind → the entry. */
const ENTRY_LEVEL = 2

const MAX_STORED: Record<StateKind, number> = {
  people: MAX_STORED_PEOPLE,
  objects: MAX_STORED_OBJECTS,
  events: MAX_STORED_EVENTS,
  deliveries: MAX_STORED_DELIVERIES,
  ignored: MAX_STORED_EVENTS
}

/** One kind's page: people and objects by key, events and deliveries in a list, newest first. */
type Entries = Record<string, unknown> | unknown[]

export type StateAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; field: string; message: string }

/** GET /_sim/state?limit=N, or ?kind=K&skip=S&limit=N; the first page also names the account's region. */
export function stateAnswer(state: SimulatorState, query: URLSearchParams, accountRegion: string): StateAnswer {
  const limit = wholeNumberOf(query.get('limit'), 1)
  const skip = wholeNumberOf(query.get('skip'), 0)
  const kind = query.get('kind')
  if (limit === null) return refusal('limit', `"limit" must be a whole number from 1 to ${MAX_STATE_ENTRIES}.`)
  if (skip === null) return refusal('skip', '"skip" must be a whole number, as "next" gives it.')
  if (kind !== null && !isStateKind(kind)) return refusal('kind', `"kind" must be one of ${STATE_KINDS.join(', ')}.`)
  const count = Math.min(limit ?? DEFAULT_STATE_ENTRIES, MAX_STATE_ENTRIES)
  if (kind !== null) {
    const page = pageOf(state, kind, skip ?? 0, count)
    return { ok: true, body: { [kind]: page.entries, next: page.next, kept: page.kept, maxKept: MAX_STORED[kind] } }
  }
  const body: Record<string, unknown> = { accountRegion, counters: state.counters }
  const next: Record<string, number | null> = {}
  const kept: Record<string, number> = {}
  for (const each of STATE_KINDS) {
    const page = pageOf(state, each, 0, count)
    body[each] = page.entries
    next[each] = page.next
    kept[each] = page.kept
  }
  return { ok: true, body: { ...body, next, kept, maxKept: MAX_STORED } }
}

/** One kind's entries after the newest `skip`, at most `limit` and within the page's bytes. */
export function pageOf(
  state: SimulatorState,
  kind: StateKind,
  skip: number,
  limit: number,
  maxBytes = MAX_STATE_PAGE_BYTES
): { entries: Entries; next: number | null; kept: number } {
  const all = newestFirst(state, kind)
  const keyed = kind === 'people' || kind === 'objects'
  const served: [string, unknown][] = []
  let bytes = 0
  let at = skip
  for (; at < all.length && served.length < limit; at++) {
    const [key, entry] = all[at]
    const shown = truncateValue(entry, MAX_STATE_ENTRY_BYTES, ENTRY_LEVEL)
    // Its indentation, its key (people and objects), its lines, and the `,` and line break after it.
    const size = 2 * ENTRY_LEVEL + (keyed ? jsonStringBytes(key) + 2 : 0) + answerBytes(shown, ENTRY_LEVEL) + 2
    if (served.length > 0 && bytes + size > maxBytes) break
    served.push([key, shown])
    bytes += size
  }
  const entries = keyed ? keyedRecord(served) : served.map(([, entry]) => entry)
  return { entries, next: at < all.length ? at : null, kept: all.length }
}

/** The kind's entries, newest first, each with its key (an empty one for the lists). */
function newestFirst(state: SimulatorState, kind: StateKind): [string, unknown][] {
  const entries: [string, unknown][] =
    kind === 'people' || kind === 'objects'
      ? Object.entries(state[kind])
      : state[kind].map((entry): [string, unknown] => ['', entry])
  return entries.reverse()
}

/** Keys from requests, in the order given, in an object without a prototype (a key `__proto__` is just a key). */
function keyedRecord(entries: [string, unknown][]): Record<string, unknown> {
  const record = Object.create(null) as Record<string, unknown>
  for (const [key, entry] of entries) record[key] = entry
  return record
}

function isStateKind(kind: string): kind is StateKind {
  return (STATE_KINDS as readonly string[]).includes(kind)
}

function refusal(field: string, message: string): StateAnswer {
  return { ok: false, field, message }
}
