// Pure: what an action describes (an ItemSpec) → one Track API item. Identifiers are resolved, timestamps converted,
// empty values dropped. Only the fields named here reach the wire, so Segment-only fields (enable_batching,
// batch_size, convert_timestamp) never do.
import { PersonIdentifierFields, requirePersonIdentifiers, resolveObjectIdentifiers } from './identifiers'
import { definedAttributes } from './attributes'
import { toUnixSeconds } from './timestamps'
import type { Attributes, BatchItem, Device, Identifiers, ItemAction, ItemType, Relationship } from './types'

export interface ObjectIdentifierFields {
  object_id?: string
  object_type_id?: string
}

/** One side of a relationship: a person (on object items) or an object (on person items). */
export interface RelationshipSpec {
  person?: PersonIdentifierFields
  object?: ObjectIdentifierFields
  attributes?: Attributes
}

export interface DeviceSpec {
  token: string
  platform?: string
  last_used?: string | number
  attributes?: Attributes
}

/** What an action's mapper returns: the operation and the mapped values, before any rule is applied. */
export interface ItemSpec {
  type: ItemType
  action: ItemAction
  /** The item's own identifiers: a person's fields or an object's. Left out for merge. */
  person?: PersonIdentifierFields
  object?: ObjectIdentifierFields
  primary?: PersonIdentifierFields
  secondary?: PersonIdentifierFields
  name?: string
  id?: string
  timestamp?: string | number
  attributes?: Attributes
  /** Values set over `attributes` (email, created_at, …); undefined ones are left out. */
  attributeOverrides?: Attributes
  device?: DeviceSpec
  relationships?: RelationshipSpec[]
  /** convert_timestamp: ISO-8601 date-times inside attributes become unix seconds. */
  convertTimestamps?: boolean
}

export function buildBatchItem(spec: ItemSpec): BatchItem {
  const convert = spec.convertTimestamps === true
  const item: BatchItem = { type: spec.type, action: spec.action }
  const identifiers = resolveIdentifiers(spec)
  if (identifiers) item.identifiers = identifiers
  if (spec.primary) item.primary = requirePersonIdentifiers(spec.primary, 'primary person')
  if (spec.secondary) item.secondary = requirePersonIdentifiers(spec.secondary, 'secondary person')
  if (hasText(spec.name)) item.name = spec.name
  if (hasText(spec.id)) item.id = spec.id
  if (hasValue(spec.timestamp)) item.timestamp = toUnixSeconds(spec.timestamp)
  const attributes = buildAttributes(spec.attributes, convert, spec.attributeOverrides)
  if (attributes) item.attributes = attributes
  if (spec.device) item.device = buildDevice(spec.device, convert)
  if (spec.relationships && spec.relationships.length > 0) {
    item.cio_relationships = spec.relationships.map((relationship) => buildRelationship(relationship, convert))
  }
  return item
}

function resolveIdentifiers(spec: ItemSpec): Identifiers | undefined {
  if (spec.object) return resolveObjectIdentifiers(spec.object.object_id, spec.object.object_type_id)
  if (spec.person) return requirePersonIdentifiers(spec.person)
  return undefined
}

function buildDevice(spec: DeviceSpec, convert: boolean): Device {
  const device: Device = { token: spec.token }
  if (hasText(spec.platform)) device.platform = spec.platform
  if (hasValue(spec.last_used)) device.last_used = toUnixSeconds(spec.last_used, 'last_used')
  const attributes = buildAttributes(spec.attributes, convert)
  if (attributes) device.attributes = attributes
  return device
}

function buildRelationship(spec: RelationshipSpec, convert: boolean): Relationship {
  const identifiers = spec.object
    ? resolveObjectIdentifiers(spec.object.object_id, spec.object.object_type_id)
    : requirePersonIdentifiers(spec.person ?? {}, 'related person')
  const relationship: Relationship = { identifiers }
  const attributes = buildAttributes(spec.attributes, convert)
  if (attributes) relationship.relationship_attributes = attributes
  return relationship
}

/** Undefined values are dropped (JSON would drop them too); an empty map is left out. */
function buildAttributes(
  attributes: Attributes | undefined,
  convert: boolean,
  overrides?: Attributes
): Attributes | undefined {
  if (!attributes && !overrides) return undefined
  return definedAttributes(attributes ?? {}, convert, overrides)
}

/** A string with at least one character: empty strings are left off the wire. */
export function hasText(value: string | undefined): value is string {
  return typeof value === 'string' && value !== ''
}

function hasValue(value: string | number | undefined): value is string | number {
  return typeof value === 'number' || hasText(value)
}
