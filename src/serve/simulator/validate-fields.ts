// Pure checks shared by the item validators: error objects, strings and attribute limits.
import {
  MAX_ATTRIBUTE_NAME_BYTES,
  MAX_ATTRIBUTE_VALUE_BYTES,
  MAX_EVENT_DATA_BYTES,
  MAX_UNIQUE_ATTRIBUTES
} from '../../track-api/limits'
import type { TrackApiError } from '../../track-api/types'

export type ErrorReason = 'required' | 'invalid' | 'too_large'

export type JsonObject = Record<string, unknown>

export function buildError(reason: ErrorReason, field: string, message: string): TrackApiError {
  return { reason, field, message }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0
}

export function countBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** The size an attribute value counts for: a string's own bytes, or the JSON of anything else. */
export function countValueBytes(value: unknown): number {
  return typeof value === 'string' ? countBytes(value) : countBytes(JSON.stringify(value) ?? '')
}

/** A field that must be a non-empty string: 'required' when absent, 'invalid' otherwise. */
export function validateRequiredString(value: unknown, field: string): TrackApiError[] {
  if (value === undefined) return [buildError('required', field, `${field} is required.`)]
  if (!isNonEmptyString(value)) return [buildError('invalid', field, `${field} must be a non-empty string.`)]
  return []
}

/** A free-form attribute map with the per-person and per-object limits: names, values and how many there are. */
export function validateAttributes(value: unknown, field: string): TrackApiError[] {
  if (value === undefined) return []
  if (!isJsonObject(value)) return [buildError('invalid', field, `${field} must be an object.`)]
  const names = Object.keys(value)
  const errors: TrackApiError[] = []
  if (names.length > MAX_UNIQUE_ATTRIBUTES) {
    const message = `${field} has ${names.length} attributes; at most ${MAX_UNIQUE_ATTRIBUTES} are allowed.`
    errors.push(buildError('too_large', field, message))
  }
  for (const name of names) errors.push(...validateAttribute(name, value[name], field))
  return errors
}

function validateAttribute(name: string, value: unknown, field: string): TrackApiError[] {
  const path = `${field}.${name}`
  const nameBytes = countBytes(name)
  if (nameBytes > MAX_ATTRIBUTE_NAME_BYTES) {
    const message = `The attribute name at ${path} is ${nameBytes} bytes; names can be at most ${MAX_ATTRIBUTE_NAME_BYTES} bytes.`
    return [buildError('too_large', path, message)]
  }
  if (value === null || value === undefined) return []
  const valueBytes = countValueBytes(value)
  if (valueBytes > MAX_ATTRIBUTE_VALUE_BYTES) {
    const message = `${path} is ${valueBytes} bytes; attribute values can be at most ${MAX_ATTRIBUTE_VALUE_BYTES} bytes.`
    return [buildError('too_large', path, message)]
  }
  return []
}

/** Event data (an event's `attributes`): an object of at most MAX_EVENT_DATA_BYTES as JSON. */
export function validateEventData(value: unknown, field: string): TrackApiError[] {
  if (value === undefined) return []
  if (!isJsonObject(value)) return [buildError('invalid', field, `${field} must be an object.`)]
  const bytes = countValueBytes(value)
  if (bytes > MAX_EVENT_DATA_BYTES) {
    const message = `${field} is ${bytes} bytes as JSON; event data can be at most ${MAX_EVENT_DATA_BYTES} bytes.`
    return [buildError('too_large', field, message)]
  }
  return []
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'number') return String(value)
  return `a ${typeof value}`
}
