// The simulator's memory of what it accepted: people, objects, events, deliveries and counters. Bounded like the
// local server's delivery history: the latest MAX_STORED_* of each kind, the oldest dropped first.
import type { Attributes, PersonIdentifiers } from '../../track-api/types'
import type { CampaignWindowMark } from './campaign-window'

export interface DeviceRecord {
  token: string
  platform?: string
  last_used?: number
  attributes: Attributes
}

/** A person, kept under `<identifier kind>:<value>`, e.g. `id:u-123` or `email:ana@example.com`. */
export interface PersonRecord {
  attributes: Attributes
  /** By device token. */
  devices: Record<string, DeviceRecord>
  /** By object key (`type_id:object_id`), each with its relationship attributes. */
  relationships: Record<string, Attributes>
  suppressed: boolean
}

/** An object, kept under `type_id:object_id` (or `cio_object_id:<value>` when only that was given). */
export interface ObjectRecord {
  attributes: Attributes
  /** By person key, each with its relationship attributes. */
  relationships: Record<string, Attributes>
}

export type EventAction = 'event' | 'page' | 'screen' | 'viewed_content' | 'clicked_content'

export interface EventRecord {
  action: EventAction
  identifiers: PersonIdentifiers
  name?: string
  id?: string
  timestamp?: number
  attributes: Attributes
  /** Set when the event was received more than 72 hours after its timestamp: it would not trigger campaigns. */
  campaigns?: CampaignWindowMark
}

/** A delivery metric, from POST /api/v1/metrics or from a v2 `delivery` operation. */
export interface DeliveryMetricRecord {
  via: 'metrics' | 'delivery_event'
  delivery_id: string
  metric: string
  timestamp?: number
  /** Everything else the request carried: recipient, reason, href, metadata, or the operation's attributes. */
  details: Attributes
}

/**
 * An accepted operation that changed nothing, as Customer.io documents: an identify with `attributes._update: true`
 * for a person who does not exist, or an event whose ULID `id` an event already stored has.
 */
export interface IgnoredRecord {
  reason: 'no_person_matched' | 'duplicate_event_id'
  action: string
  identifiers: PersonIdentifiers
  id?: string
}

export interface SimulatorCounters {
  /** Requests to Track routes, faulted ones included. */
  requests: number
  /** v2 operations applied to the state. */
  itemsAccepted: number
  /** v2 operations refused by validation. */
  itemsRejected: number
  /** Identify operations with `_update: true` that matched no person, so created no one. */
  updatesSkipped: number
  /** Events ignored because an event with the same ULID `id` was already stored. */
  duplicatesIgnored: number
}

export interface SimulatorState {
  people: Record<string, PersonRecord>
  objects: Record<string, ObjectRecord>
  events: EventRecord[]
  deliveries: DeliveryMetricRecord[]
  /** What was accepted but ignored, and why. */
  ignored: IgnoredRecord[]
  counters: SimulatorCounters
}

export function createSimulatorState(): SimulatorState {
  return {
    people: createRecord(),
    objects: createRecord(),
    events: [],
    deliveries: [],
    ignored: [],
    counters: createCounters()
  }
}

/** How many of each kind the state keeps; the counters go on counting everything. */
export const MAX_STORED_PEOPLE = 1_000
export const MAX_STORED_OBJECTS = 1_000
export const MAX_STORED_EVENTS = 1_000
export const MAX_STORED_DELIVERIES = 1_000
/** Within one person: their latest devices; within any record: its attributes, Customer.io's 300 unique ones. */
export const MAX_STORED_DEVICES_PER_PERSON = 100
export const MAX_STORED_ATTRIBUTES = 300

export interface StateLimits {
  people: number
  objects: number
  events: number
  deliveries: number
}

const STATE_LIMITS: StateLimits = {
  people: MAX_STORED_PEOPLE,
  objects: MAX_STORED_OBJECTS,
  events: MAX_STORED_EVENTS,
  deliveries: MAX_STORED_DELIVERIES
}

/**
 * Drops the oldest entries over the limits, in place: events and deliveries in the order they came, people and
 * objects in the order they were first stored, each with the other side of its relationships.
 */
export function trimSimulatorState(state: SimulatorState, limits: StateLimits = STATE_LIMITS): void {
  if (state.events.length > limits.events) state.events.splice(0, state.events.length - limits.events)
  if (state.ignored.length > limits.events) state.ignored.splice(0, state.ignored.length - limits.events)
  if (state.deliveries.length > limits.deliveries) {
    state.deliveries.splice(0, state.deliveries.length - limits.deliveries)
  }
  for (const key of oldestKeys(state.people, limits.people)) {
    for (const objectKey of Object.keys(state.people[key].relationships)) {
      delete state.objects[objectKey]?.relationships[key]
    }
    delete state.people[key]
  }
  for (const key of oldestKeys(state.objects, limits.objects)) {
    for (const personKey of Object.keys(state.objects[key].relationships)) {
      delete state.people[personKey]?.relationships[key]
    }
    delete state.objects[key]
  }
}

/** Drops the entries first stored beyond `limit`, in place (a record kept for ever under one key stays bounded). */
export function trimRecord(record: Record<string, unknown>, limit: number): void {
  for (const key of oldestKeys(record, limit)) delete record[key]
}

/** The keys over the limit, oldest first (string keys keep the order they were added in). */
function oldestKeys(record: Record<string, unknown>, limit: number): string[] {
  const keys = Object.keys(record)
  return keys.length > limit ? keys.slice(0, keys.length - limit) : []
}

/** Empties the state in place, so that anyone holding it sees the reset. */
export function clearSimulatorState(state: SimulatorState): void {
  state.people = createRecord()
  state.objects = createRecord()
  state.events = []
  state.deliveries = []
  state.ignored = []
  state.counters = createCounters()
}

/** A map keyed by strings from requests: no prototype, so a key like `__proto__` is just a key. */
export function createRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

function createCounters(): SimulatorCounters {
  return { requests: 0, itemsAccepted: 0, itemsRejected: 0, updatesSkipped: 0, duplicatesIgnored: 0 }
}
