// Pure: every error the Track API would report for one v2 operation (track-api.md §2–§3).
import { itemTooLargeMessage, MAX_EVENT_NAME_BYTES, MAX_ITEM_BYTES, serializeItem } from '../../track-api/limits'
import type { ItemAction, ItemType, ObjectAction, PersonAction, TrackApiError } from '../../track-api/types'
import {
  buildError,
  countBytes,
  isJsonObject,
  isNonEmptyString,
  validateAttributes,
  validateEventData,
  validateOptionalString,
  validateRequiredString,
  validateTimestamp,
  type JsonObject
} from './validate-fields'
import {
  KNOWN_PERSON_KEYS,
  validateObjectIdentifiers,
  validatePersonIdentifiers,
  validateRelationships
} from './validate-identifiers'

/** Allowed actions per type (track-api.md §2.1, plus the content events of §2.7). */
export const ACTIONS_BY_TYPE: { [T in ItemType]: readonly ItemAction[] } = {
  person: [
    'identify',
    'delete',
    'event',
    'page',
    'screen',
    'add_relationships',
    'delete_relationships',
    'add_device',
    'delete_device',
    'merge',
    'suppress',
    'unsuppress',
    'viewed_content',
    'clicked_content'
  ],
  object: ['identify', 'identify_anonymous', 'delete', 'add_relationships', 'delete_relationships'],
  delivery: ['event']
}

/** The `name` values of a delivery operation (§2.6). */
export const DELIVERY_METRICS = ['opened', 'converted', 'delivered'] as const

/** The errors of one item, each with `batch_index` when the item came from a batch; empty when it is valid. */
export function validateItem(item: unknown, batchIndex?: number): TrackApiError[] {
  const errors = collectItemErrors(item)
  return batchIndex === undefined ? errors : errors.map((error) => ({ batch_index: batchIndex, ...error }))
}

function collectItemErrors(item: unknown): TrackApiError[] {
  if (!isJsonObject(item)) return [buildError('invalid', 'item', 'The item must be a JSON object.')]
  const { bytes } = serializeItem(item)
  if (bytes > MAX_ITEM_BYTES) return [buildError('too_large', 'item', itemTooLargeMessage(bytes))]
  const kindErrors = validateTypeAndAction(item)
  if (kindErrors.length > 0) return kindErrors
  const type = item.type as ItemType
  const action = item.action as ItemAction
  return [...validateOperation(type, action, item), ...validateTimestamp(item.timestamp, 'timestamp')]
}

function validateTypeAndAction(item: JsonObject): TrackApiError[] {
  const { type, action } = item
  const types = Object.keys(ACTIONS_BY_TYPE)
  if (type === undefined) return [buildError('required', 'type', 'type is required: person, object or delivery.')]
  if (typeof type !== 'string' || !types.includes(type)) {
    return [buildError('invalid', 'type', 'type must be person, object or delivery.')]
  }
  const actions: readonly string[] = ACTIONS_BY_TYPE[type as ItemType]
  if (action === undefined) return [buildError('required', 'action', 'action is required.')]
  if (typeof action !== 'string' || !actions.includes(action)) {
    return [buildError('invalid', 'action', `action must be one of ${actions.join(', ')} for ${type} operations.`)]
  }
  return []
}

function validateOperation(type: ItemType, action: ItemAction, item: JsonObject): TrackApiError[] {
  switch (type) {
    case 'person':
      return validatePersonOperation(action as PersonAction, item)
    case 'object':
      return validateObjectOperation(action as ObjectAction, item)
    case 'delivery':
      return validateDeliveryOperation(item)
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
      return [...validateEventName(item.name), ...validateEventFields(item)]
    case 'page':
    case 'screen':
      return [...validateRequiredString(item.name, 'name'), ...validateEventFields(item)]
    case 'viewed_content':
    case 'clicked_content':
      return [...validateOptionalString(item.name, 'name'), ...validateEventFields(item)]
    case 'add_device':
      return validateDevice(item.device, true)
    case 'delete_device':
      return validateDevice(item.device, false)
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

function validateEventName(name: unknown): TrackApiError[] {
  const errors = validateRequiredString(name, 'name')
  if (errors.length > 0 || !isNonEmptyString(name)) return errors
  const bytes = countBytes(name)
  if (bytes > MAX_EVENT_NAME_BYTES) {
    const message = `name is ${bytes} bytes; event names can be at most ${MAX_EVENT_NAME_BYTES} bytes.`
    return [buildError('too_large', 'name', message)]
  }
  return []
}

/** The optional `id` (for de-duplication) and the event data of event, page, screen and content events. */
function validateEventFields(item: JsonObject): TrackApiError[] {
  return [...validateOptionalString(item.id, 'id'), ...validateEventData(item.attributes, 'attributes')]
}

function validateDevice(device: unknown, adds: boolean): TrackApiError[] {
  if (device === undefined) return [buildError('required', 'device', 'device is required.')]
  if (!isJsonObject(device)) return [buildError('invalid', 'device', 'device must be an object.')]
  if (!adds) return validateRequiredString(device.token, 'device.token')
  return [
    ...validateRequiredString(device.token, 'device.token'),
    ...validateRequiredString(device.platform, 'device.platform'),
    ...validateTimestamp(device.last_used, 'device.last_used'),
    ...validateAttributes(device.attributes, 'device.attributes')
  ]
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

/** A delivery operation: `identifiers.id` (the delivery), `name` (the metric) and `attributes.device_token` (§2.6). */
function validateDeliveryOperation(item: JsonObject): TrackApiError[] {
  return [
    ...validateDeliveryIdentifiers(item.identifiers),
    ...validateDeliveryName(item.name),
    ...validateDeviceToken(item)
  ]
}

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

function validateDeliveryName(name: unknown): TrackApiError[] {
  const choices = DELIVERY_METRICS.join(', ')
  if (name === undefined) return [buildError('required', 'name', `name is required: one of ${choices}.`)]
  if (!(DELIVERY_METRICS as readonly unknown[]).includes(name)) {
    return [buildError('invalid', 'name', `name must be one of ${choices}.`)]
  }
  return []
}

function validateDeviceToken(item: JsonObject): TrackApiError[] {
  const { attributes } = item
  if (attributes !== undefined && !isJsonObject(attributes)) {
    return [buildError('invalid', 'attributes', 'attributes must be an object.')]
  }
  return validateRequiredString(attributes?.device_token, 'attributes.device_token')
}
