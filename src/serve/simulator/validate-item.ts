// Pure: every error the Track API would report for one v2 operation. Its shape is checked against Customer.io's
// OpenAPI document (validate-spec.ts); the rules the document cannot express are checked here by hand: identifier
// counts and forms, sizes of ids, names, attribute values and event data (track-api.md §2–§3).
import { itemTooLargeMessage, MAX_EVENT_NAME_BYTES, MAX_ITEM_BYTES, serializeItem } from '../../track-api/limits'
import type { ItemAction, ItemType, ObjectAction, PersonAction, TrackApiError } from '../../track-api/types'
import {
  buildError,
  countBytes,
  isJsonObject,
  validateAttributes,
  validateEventData,
  validateRequiredString,
  type JsonObject
} from './validate-fields'
import {
  KNOWN_PERSON_KEYS,
  validateObjectIdentifiers,
  validatePersonIdentifiers,
  validateRelationships
} from './validate-identifiers'
import { validateSpecItem } from './validate-spec'

/** The errors of one item, each with `batch_index` when the item came from a batch; empty when it is valid. */
export function validateItem(item: unknown, batchIndex?: number): TrackApiError[] {
  const errors = collectItemErrors(item)
  return batchIndex === undefined ? errors : errors.map((error) => ({ batch_index: batchIndex, ...error }))
}

function collectItemErrors(item: unknown): TrackApiError[] {
  if (!isJsonObject(item)) return [buildError('invalid', 'item', 'The item must be a JSON object.')]
  const { bytes } = serializeItem(item)
  if (bytes > MAX_ITEM_BYTES) return [buildError('too_large', 'item', itemTooLargeMessage(bytes))]
  const specErrors = validateSpecItem(item)
  // An unknown type or action has no schema, and nothing else can be checked.
  if (specErrors.some((error) => error.field === 'type' || error.field === 'action')) return specErrors
  const ruleErrors = validateOperation(item.type as ItemType, item.action as ItemAction, item)
  // One error per field: where a rule here says more about a field, the object holding it or a field inside it, it
  // speaks alone.
  const covered = (field = ''): boolean => ruleErrors.some((error) => isRelated(field, error.field ?? ''))
  return [...ruleErrors, ...specErrors.filter((error) => !covered(error.field))]
}

function isRelated(field: string, other: string): boolean {
  return field === other || field.startsWith(`${other}.`) || other.startsWith(`${field}.`)
}

function validateOperation(type: ItemType, action: ItemAction, item: JsonObject): TrackApiError[] {
  switch (type) {
    case 'person':
      return validatePersonOperation(action as PersonAction, item)
    case 'object':
      return validateObjectOperation(action as ObjectAction, item)
    case 'delivery':
      return validateDeliveryIdentifiers(item.identifiers)
  }
}

function validatePersonOperation(action: PersonAction, item: JsonObject): TrackApiError[] {
  if (action === 'merge') return validateMerge(item)
  return [...validatePersonIdentifiers(item.identifiers, 'identifiers'), ...validatePersonFields(action, item)]
}

function validatePersonFields(action: PersonAction, item: JsonObject): TrackApiError[] {
  switch (action) {
    case 'identify':
      return [
        ...validateAttributes(item.attributes, 'attributes'),
        ...validateRelationships(item.cio_relationships, 'cio_relationships', 'object', false)
      ]
    case 'event':
      return [...validateEventName(item.name), ...validateEventData(item.attributes, 'attributes')]
    case 'page':
    case 'screen':
    case 'viewed_content':
    case 'clicked_content':
      return validateEventData(item.attributes, 'attributes')
    case 'add_device':
      return isJsonObject(item.device) ? validateAttributes(item.device.attributes, 'device.attributes') : []
    case 'add_relationships':
    case 'delete_relationships':
      return validateRelationships(item.cio_relationships, 'cio_relationships', 'object', true)
    default:
      return []
  }
}

/** merge names people only at the root, by `primary` and `secondary` (§2.2). */
function validateMerge(item: JsonObject): TrackApiError[] {
  const errors: TrackApiError[] = []
  if (item.identifiers !== undefined) {
    errors.push(buildError('invalid', 'identifiers', 'merge takes primary and secondary, not identifiers.'))
  }
  errors.push(...validatePersonIdentifiers(item.primary, 'primary', KNOWN_PERSON_KEYS))
  errors.push(...validatePersonIdentifiers(item.secondary, 'secondary', KNOWN_PERSON_KEYS))
  return errors
}

/** The document types an event's name; its length limit is checked here. */
function validateEventName(name: unknown): TrackApiError[] {
  if (typeof name !== 'string') return []
  const bytes = countBytes(name)
  if (bytes > MAX_EVENT_NAME_BYTES) {
    const message = `name is ${bytes} bytes; event names can be at most ${MAX_EVENT_NAME_BYTES} bytes.`
    return [buildError('too_large', 'name', message)]
  }
  return []
}

function validateObjectOperation(action: ObjectAction, item: JsonObject): TrackApiError[] {
  const creates = action === 'identify' || action === 'identify_anonymous'
  const errors = validateObjectIdentifiers(item.identifiers, 'identifiers', creates)
  switch (action) {
    case 'identify':
      return [
        ...errors,
        ...validateAttributes(item.attributes, 'attributes'),
        ...validateRelationships(item.cio_relationships, 'cio_relationships', 'person', false)
      ]
    case 'identify_anonymous':
      return [
        ...errors,
        ...validateAttributes(item.attributes, 'attributes'),
        ...validateRelationships(item.cio_relationships, 'cio_relationships', 'anonymous', false)
      ]
    case 'add_relationships':
    case 'delete_relationships':
      return [...errors, ...validateRelationships(item.cio_relationships, 'cio_relationships', 'person', true)]
    default:
      return errors
  }
}

/** A delivery operation names the delivery by `identifiers.id` alone. */
function validateDeliveryIdentifiers(identifiers: unknown): TrackApiError[] {
  if (identifiers === undefined) return [buildError('required', 'identifiers', 'identifiers is required: { id }.')]
  if (!isJsonObject(identifiers)) return [buildError('invalid', 'identifiers', 'identifiers must be an object { id }.')]
  const others = Object.keys(identifiers).filter((key) => key !== 'id')
  if (others.length > 0) {
    const message = `identifiers of a delivery accepts only id; got ${others.join(', ')}.`
    return [buildError('invalid', 'identifiers', message)]
  }
  return validateRequiredString(identifiers.id, 'identifiers.id')
}
