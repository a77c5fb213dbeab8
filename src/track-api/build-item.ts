// Pure: what an action describes (an ItemSpec) → one Track API item. Identifiers are resolved, timestamps converted,
// empty values dropped. Only the fields named here reach the wire, so Segment-only fields (enable_batching,
// batch_size, convert_timestamp) never do.
import { PersonIdentifierFields, requirePersonIdentifiers, resolveObjectIdentifiers } from './identifiers'
import { definedAttributes } from './attributes'
import { readAttributeTimestamp, toUnixSeconds } from './timestamps'
import { buildDevice } from './build-device'
import type { DeviceSpec } from './build-device'
import type { Attributes, BatchItem, Identifiers, ItemAction, ItemType, Relationship } from './types'

export type { DeviceSpec } from './build-device'

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

/**
 * The values an action sets over the mapped attributes. Their keys are fixed here, never taken from the data: they are
 * assigned, which for a key "__proto__" would set the prototype.
 */
export type AttributeOverrides = { email?: string; _update?: true }

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
  /**
   * Values set over `attributes`; undefined ones are left out. `created_at` and `anonymous_id` come from `createdAt`
   * and `anonymousIdAttribute` and are set after these.
   */
  attributeOverrides?: AttributeOverrides
  /** Keys of `attributes` never sent (Segment's own traits, such as createdAt or relationshipAttributes). */
  omitAttributes?: readonly string[]
  /** `attributes.created_at`, when it has a value: unix seconds when it reads as a date (attributeTimestamp). */
  createdAt?: string
  /**
   * Put the person's anonymous id into `attributes.anonymous_id` (what templates read as `event.anonymous_id`),
   * unless the anonymous id is the item's identifier, in which case `anonymous_id` is left out of the attributes.
   */
  anonymousIdAttribute?: boolean
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
  const attributes = buildItemAttributes(spec, identifiers, convert)
  if (attributes) item.attributes = attributes
  if (spec.device) {
    // delete_device names the device by its token alone.
    item.device = spec.action === 'add_device' ? buildDevice(spec.device, convert) : { token: spec.device.token }
  }
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

/** created_at as unix seconds when it reads as a date, else the text as given. */
function createdAtAttribute(createdAt: string): string | number {
  return readAttributeTimestamp(createdAt) ?? createdAt
}

/** The item's attributes: the mapped ones, without the omitted keys, with the overrides, created_at and anonymous_id. */
function buildItemAttributes(spec: ItemSpec, identifiers: Identifiers | undefined, convert: boolean) {
  const { createdAt, anonymousIdAttribute, attributeOverrides } = spec
  let omit = spec.omitAttributes
  const createdAtValue = hasText(createdAt) ? createdAtAttribute(createdAt) : undefined
  let anonymousId: string | undefined
  if (anonymousIdAttribute) {
    if (identifiers !== undefined && 'anonymous_id' in identifiers)
      omit = omit ? [...omit, 'anonymous_id'] : ANONYMOUS_ID
    else if (hasText(spec.person?.anonymous_id)) anonymousId = spec.person.anonymous_id
  }
  // One small record of every value set over the attributes, in this order; definedAttributes skips the undefined ones.
  // Not a spread with keys after it (`{ ...attributeOverrides, created_at }`): V8 builds that through its runtime, at
  // about a microsecond a call. AttributeOverrides' keys are fixed, so assigning them is safe.
  const overrides: Attributes = Object.assign({}, attributeOverrides)
  overrides.created_at = createdAtValue
  overrides.anonymous_id = anonymousId
  return buildAttributes(spec.attributes, convert, overrides, omit)
}

const ANONYMOUS_ID = ['anonymous_id'] as const

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
  overrides?: Attributes,
  omit?: readonly string[]
): Attributes | undefined {
  return definedAttributes(attributes ?? {}, convert, overrides, omit)
}

/** A string with at least one character: empty strings are left off the wire. */
export function hasText(value: string | undefined): value is string {
  return typeof value === 'string' && value !== ''
}

export function hasValue(value: string | number | undefined): value is string | number {
  return typeof value === 'number' || hasText(value)
}
