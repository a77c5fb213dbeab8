// Applies accepted operations to the simulator's state. Callers validate first: these functions trust their input.
import type {
  Attributes,
  BatchItem,
  ObjectIdentifiers,
  MetricsRequestBody,
  PersonIdentifiers,
  Relationship
} from '../../track-api/types'
import {
  createRecord,
  MAX_STORED_ATTRIBUTES,
  MAX_STORED_DEVICES_PER_PERSON,
  trimRecord,
  type EventAction,
  type ObjectRecord,
  type PersonRecord,
  type SimulatorState
} from './state'
import { isDuplicateEvent, isUpdateOnly, recordIgnored, storedAttributes } from './ignored-items'
import { campaignWindowMark, type SimulatorClock } from './campaign-window'

/** `id:u-123`, `email:ana@example.com`, `cio_id:a3000001` or `anonymous_id:a-9f2`. */
export function toPersonKey(identifiers: PersonIdentifiers): string {
  const [kind, value] = Object.entries(identifiers)[0] as [string, string]
  return `${kind}:${value}`
}

/** How an operation names an object: the wire type's form, or the `cio_object_id` that only updates (§2.2). */
export type ObjectReference = ObjectIdentifiers | { cio_object_id: string }

/** `type_id:object_id`, or `cio_object_id:<value>`. */
export function toObjectKey(identifiers: ObjectReference): string {
  if ('object_type_id' in identifiers) return `${identifiers.object_type_id}:${identifiers.object_id}`
  return `cio_object_id:${identifiers.cio_object_id}`
}

export function applyItem(state: SimulatorState, item: BatchItem, now: SimulatorClock = Date.now): void {
  if (item.type === 'person') applyPersonItem(state, item, now)
  else if (item.type === 'object') applyObjectItem(state, item)
  else recordDeliveryEvent(state, item)
}

function applyPersonItem(state: SimulatorState, item: BatchItem, now: SimulatorClock): void {
  if (item.action === 'merge') {
    return mergePeople(state, item.primary as PersonIdentifiers, item.secondary as PersonIdentifiers)
  }
  const identifiers = item.identifiers as PersonIdentifiers
  const key = toPersonKey(identifiers)
  switch (item.action) {
    case 'identify':
      if (isUpdateOnly(item) && state.people[key] === undefined) {
        return recordIgnored(state, 'no_person_matched', item, identifiers)
      }
      updateAttributes(upsertPerson(state, key).attributes, storedAttributes(item.attributes))
      return linkRelationships(state, key, item.cio_relationships, 'person')
    case 'delete':
      return removePerson(state, key)
    case 'event':
    case 'page':
    case 'screen':
    case 'viewed_content':
    case 'clicked_content':
      if (isDuplicateEvent(state, item.id)) return recordIgnored(state, 'duplicate_event_id', item, identifiers)
      return recordEvent(state, item.action, identifiers, item, now)
    case 'add_device':
      return addDevice(upsertPerson(state, key), item)
    case 'delete_device':
      return removeDevice(state, key, item.device?.token)
    case 'suppress':
    case 'unsuppress':
      upsertPerson(state, key).suppressed = item.action === 'suppress'
      return
    case 'add_relationships':
      return linkRelationships(state, key, item.cio_relationships, 'person')
    case 'delete_relationships':
      return unlinkRelationships(state, key, item.cio_relationships, 'person')
  }
}

function applyObjectItem(state: SimulatorState, item: BatchItem): void {
  const key = toObjectKey(item.identifiers as ObjectReference)
  switch (item.action) {
    case 'identify':
    case 'identify_anonymous':
      updateAttributes(upsertObject(state, key).attributes, item.attributes)
      return linkRelationships(state, key, item.cio_relationships, 'object')
    case 'delete':
      return removeObject(state, key)
    case 'add_relationships':
      return linkRelationships(state, key, item.cio_relationships, 'object')
    case 'delete_relationships':
      return unlinkRelationships(state, key, item.cio_relationships, 'object')
  }
}

/**
 * Applies updates to attributes in place: a `null` or empty-string value removes that attribute. At most
 * MAX_STORED_ATTRIBUTES are kept, the first stored dropped first: calls with new names each time cannot grow one
 * person without bound.
 */
export function updateAttributes(attributes: Attributes, updates: Attributes | undefined): Attributes {
  for (const [name, value] of Object.entries(updates ?? {})) {
    if (value === null || value === '') delete attributes[name]
    else attributes[name] = value
  }
  trimRecord(attributes, MAX_STORED_ATTRIBUTES)
  return attributes
}

function upsertPerson(state: SimulatorState, key: string): PersonRecord {
  state.people[key] ??= {
    attributes: createRecord(),
    devices: createRecord(),
    relationships: createRecord(),
    suppressed: false
  }
  return state.people[key]
}

function upsertObject(state: SimulatorState, key: string): ObjectRecord {
  state.objects[key] ??= { attributes: createRecord(), relationships: createRecord() }
  return state.objects[key]
}

/** Removes a person and their side of every relationship; nothing happens when they are unknown. */
export function removePerson(state: SimulatorState, key: string): void {
  const person = state.people[key]
  if (person === undefined) return
  for (const objectKey of Object.keys(person.relationships)) delete state.objects[objectKey]?.relationships[key]
  delete state.people[key]
}

function removeObject(state: SimulatorState, key: string): void {
  const object = state.objects[key]
  if (object === undefined) return
  for (const personKey of Object.keys(object.relationships)) delete state.people[personKey]?.relationships[key]
  delete state.objects[key]
}

/** Relationships are kept on both sides; `from` says whether `key` is the person or the object. */
function linkRelationships(
  state: SimulatorState,
  key: string,
  relationships: Relationship[] | undefined,
  from: 'person' | 'object'
): void {
  for (const relationship of relationships ?? []) {
    const [personKey, objectKey] = pairKeys(key, relationship, from)
    const person = upsertPerson(state, personKey)
    const object = upsertObject(state, objectKey)
    const attributes = updateAttributes({ ...person.relationships[objectKey] }, relationship.relationship_attributes)
    person.relationships[objectKey] = attributes
    object.relationships[personKey] = { ...attributes }
  }
}

function unlinkRelationships(
  state: SimulatorState,
  key: string,
  relationships: Relationship[] | undefined,
  from: 'person' | 'object'
): void {
  for (const relationship of relationships ?? []) {
    const [personKey, objectKey] = pairKeys(key, relationship, from)
    delete state.people[personKey]?.relationships[objectKey]
    delete state.objects[objectKey]?.relationships[personKey]
  }
}

/** The person key and the object key of one relationship, whichever side `key` is. */
function pairKeys(key: string, relationship: Relationship, from: 'person' | 'object'): [string, string] {
  if (from === 'person') return [key, toObjectKey(relationship.identifiers as ObjectReference)]
  return [toPersonKey(relationship.identifiers as PersonIdentifiers), key]
}

function addDevice(person: PersonRecord, item: BatchItem): void {
  const device = item.device
  if (device === undefined) return
  const existing = person.devices[device.token]
  person.devices[device.token] = {
    token: device.token,
    platform: device.platform,
    last_used: typeof device.last_used === 'number' ? device.last_used : undefined,
    attributes: updateAttributes({ ...existing?.attributes }, device.attributes)
  }
  trimRecord(person.devices, MAX_STORED_DEVICES_PER_PERSON)
}

function removeDevice(state: SimulatorState, key: string, token: string | undefined): void {
  if (token !== undefined) delete state.people[key]?.devices[token]
}

/** Moves the secondary's attributes, devices and relationships under the primary (whose values win), then deletes it. */
function mergePeople(state: SimulatorState, primary: PersonIdentifiers, secondary: PersonIdentifiers): void {
  const primaryKey = toPersonKey(primary)
  const secondaryKey = toPersonKey(secondary)
  if (primaryKey === secondaryKey) return
  const target = upsertPerson(state, primaryKey)
  const source = state.people[secondaryKey]
  if (source === undefined) return
  target.attributes = Object.assign(createRecord(), source.attributes, target.attributes)
  target.devices = Object.assign(createRecord(), source.devices, target.devices)
  trimRecord(target.attributes, MAX_STORED_ATTRIBUTES)
  trimRecord(target.devices, MAX_STORED_DEVICES_PER_PERSON)
  for (const [objectKey, attributes] of Object.entries(source.relationships)) {
    target.relationships[objectKey] ??= attributes
    const object = state.objects[objectKey]
    if (object !== undefined) object.relationships[primaryKey] ??= { ...attributes }
  }
  removePerson(state, secondaryKey)
}

function recordEvent(
  state: SimulatorState,
  action: EventAction,
  identifiers: PersonIdentifiers,
  item: BatchItem,
  now: SimulatorClock
): void {
  state.events.push({
    action,
    identifiers,
    name: item.name,
    id: item.id,
    timestamp: typeof item.timestamp === 'number' ? item.timestamp : undefined,
    attributes: item.attributes ?? {},
    ...campaignWindowMark(item, now)
  })
}

function recordDeliveryEvent(state: SimulatorState, item: BatchItem): void {
  state.deliveries.push({
    via: 'delivery_event',
    delivery_id: (item.identifiers as { id: string }).id,
    metric: item.name ?? '',
    timestamp: typeof item.timestamp === 'number' ? item.timestamp : undefined,
    details: { ...item.attributes }
  })
}

export function recordMetric(state: SimulatorState, body: MetricsRequestBody): void {
  const { delivery_id: deliveryId, metric, timestamp, ...details } = body
  state.deliveries.push({ via: 'metrics', delivery_id: deliveryId, metric, timestamp, details })
}

/** DELETE /api/v1/customers/:id — a `cio_` prefix names a cio_id; anything else may be an id or an email. */
export function deleteCustomer(state: SimulatorState, identifier: string): void {
  if (identifier.startsWith('cio_')) return removePerson(state, `cio_id:${identifier.slice('cio_'.length)}`)
  removePerson(state, `id:${identifier}`)
  removePerson(state, `email:${identifier}`)
}
