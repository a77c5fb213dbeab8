// Pure checks of identifiers: people (exactly one key), objects (type and id, or cio_object_id) and relationships.
import { MAX_ID_BYTES } from '../../track-api/limits'
import type { TrackApiError } from '../../track-api/types'
import {
  buildError,
  countBytes,
  isJsonObject,
  isNonEmptyString,
  validateAttributes,
  validateRequiredString
} from './validate-fields'

/** The keys a person operation may identify with (track-api.md §2.2; anonymous_id as Segment sends it). */
export const PERSON_IDENTIFIER_KEYS = ['id', 'email', 'cio_id', 'anonymous_id'] as const
/** merge's `primary` and `secondary`, and people as relationship targets of an object. */
export const KNOWN_PERSON_KEYS = ['id', 'email', 'cio_id'] as const
/** People as relationship targets of an object `identify_anonymous`. */
export const ANONYMOUS_PERSON_KEYS = ['anonymous_id'] as const

/** Who a relationship points at: objects (from a person), people, or anonymous people (identify_anonymous). */
export type RelationshipTarget = 'object' | 'person' | 'anonymous'

/** Exactly one of `allowed`, holding a non-empty string of at most MAX_ID_BYTES. */
export function validatePersonIdentifiers(
  value: unknown,
  field: string,
  allowed: readonly string[] = PERSON_IDENTIFIER_KEYS
): TrackApiError[] {
  const choices = allowed.join(', ')
  if (value === undefined) return [buildError('required', field, `${field} is required: one of ${choices}.`)]
  if (!isJsonObject(value)) return [buildError('invalid', field, `${field} must be an object with one of ${choices}.`)]
  const keys = Object.keys(value)
  const unknown = keys.filter((key) => !allowed.includes(key))
  if (unknown.length > 0) {
    return [buildError('invalid', field, `${field} accepts only ${choices}; got ${unknown.join(', ')}.`)]
  }
  if (keys.length === 0) return [buildError('required', field, `${field} needs one of ${choices}.`)]
  if (keys.length > 1) {
    return [buildError('invalid', field, `${field} must hold exactly one identifier; got ${keys.join(' and ')}.`)]
  }
  return validateIdValue(value[keys[0]], `${field}.${keys[0]}`)
}

/**
 * `{object_type_id, object_id}` or `{cio_object_id}`. Creating an object (identify, identify_anonymous) needs the
 * first form, since `cio_object_id` can only name an object that already exists.
 */
export function validateObjectIdentifiers(value: unknown, field: string, creates: boolean): TrackApiError[] {
  if (value === undefined) return [buildError('required', field, `${field} is required.`)]
  if (!isJsonObject(value)) {
    return [buildError('invalid', field, `${field} must be an object with object_type_id and object_id.`)]
  }
  const keys = Object.keys(value)
  if (keys.includes('cio_object_id')) return validateCioObjectId(value, keys, field, creates)
  const unknown = keys.filter((key) => key !== 'object_type_id' && key !== 'object_id')
  if (unknown.length > 0) {
    const message = `${field} accepts object_type_id and object_id, or cio_object_id; got ${unknown.join(', ')}.`
    return [buildError('invalid', field, message)]
  }
  return [
    ...validateObjectTypeId(value.object_type_id, `${field}.object_type_id`),
    ...validateIdValue(value.object_id, `${field}.object_id`)
  ]
}

function validateCioObjectId(
  value: Record<string, unknown>,
  keys: string[],
  field: string,
  creates: boolean
): TrackApiError[] {
  if (keys.length > 1) {
    const message = `${field} must hold either object_type_id and object_id, or cio_object_id alone.`
    return [buildError('invalid', field, message)]
  }
  if (creates) {
    const message = `${field} needs object_type_id and object_id here: cio_object_id can only update an existing object.`
    return [buildError('invalid', field, message)]
  }
  return validateRequiredString(value.cio_object_id, `${field}.cio_object_id`)
}

function validateObjectTypeId(value: unknown, field: string): TrackApiError[] {
  if (value === undefined) return [buildError('required', field, `${field} is required.`)]
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < 1) {
    return [buildError('invalid', field, `${field} must be a string of digits holding an integer of 1 or more.`)]
  }
  return []
}

/** A person or object id: a non-empty string of at most MAX_ID_BYTES. */
function validateIdValue(value: unknown, field: string): TrackApiError[] {
  const errors = validateRequiredString(value, field)
  if (errors.length > 0 || !isNonEmptyString(value)) return errors
  const bytes = countBytes(value)
  if (bytes > MAX_ID_BYTES) {
    return [buildError('too_large', field, `${field} is ${bytes} bytes; ids can be at most ${MAX_ID_BYTES} bytes.`)]
  }
  return []
}

/** `cio_relationships`: an array of `{ identifiers, relationship_attributes? }`, non-empty when `required`. */
export function validateRelationships(
  value: unknown,
  field: string,
  target: RelationshipTarget,
  required: boolean
): TrackApiError[] {
  if (value === undefined) {
    return required ? [buildError('required', field, `${field} is required: a non-empty array.`)] : []
  }
  if (!Array.isArray(value)) return [buildError('invalid', field, `${field} must be an array.`)]
  if (required && value.length === 0) return [buildError('invalid', field, `${field} must not be empty.`)]
  return value.flatMap((relationship: unknown, index) =>
    validateRelationship(relationship, `${field}.${index}`, target)
  )
}

function validateRelationship(value: unknown, field: string, target: RelationshipTarget): TrackApiError[] {
  if (!isJsonObject(value)) return [buildError('invalid', field, `${field} must be an object with identifiers.`)]
  const identifiersField = `${field}.identifiers`
  const identifierErrors =
    target === 'object'
      ? validateObjectIdentifiers(value.identifiers, identifiersField, false)
      : validatePersonIdentifiers(
          value.identifiers,
          identifiersField,
          target === 'person' ? KNOWN_PERSON_KEYS : ANONYMOUS_PERSON_KEYS
        )
  return [...identifierErrors, ...validateAttributes(value.relationship_attributes, `${field}.relationship_attributes`)]
}
