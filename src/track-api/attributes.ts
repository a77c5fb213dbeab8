// Pure: attribute maps as they are sent. Undefined values and omitted keys are left out, overrides set, and, with
// convert_timestamp, ISO-8601 dates converted to unix seconds at any depth; the caller's objects are never changed.
import { attributeIsoToUnixSeconds } from './timestamps'

/**
 * Converts every ISO-8601 date or date-time string (in the shape of attributeIsoToUnixSeconds) nested anywhere in attributes (objects and arrays) to unix seconds.
 * Other values are left alone. Returns the same object when nothing needed converting, so no copy is made.
 */
export function convertNestedTimestamps<T>(value: T): T {
  return convertValue(value) as T
}

/**
 * Attributes as they are sent: the keys whose value is undefined left out (JSON would drop them too), the keys of
 * `omit` left out and, when `convert`, ISO-8601 dates converted at any depth. One pass over the keys; the record
 * itself when nothing changes, else one copy. `overrides` (email, created_at, …) are set over the record in that same
 * copy, which spares a mapper the spread of a large, dictionary-mode traits object. Undefined when no key is left.
 */
export function definedAttributes(
  record: Record<string, unknown>,
  convert: boolean,
  overrides?: Record<string, unknown>,
  omit?: readonly string[]
): Record<string, unknown> | undefined {
  const extra = overrides && hasDefinedValue(overrides) ? overrides : undefined
  // Usually none of the omitted keys is there, or one: the per-key check below then costs nothing or one comparison.
  const present = omit?.filter((key) => Object.prototype.hasOwnProperty.call(record, key))
  const result = mapRecord(record, convert, extra !== undefined, present?.length ? present : undefined)
  if (extra === undefined) return result.size === 0 ? undefined : result.record
  for (const key of Object.keys(extra)) {
    const value = extra[key]
    if (value !== undefined) setOwn(result.record, key, convert ? convertValue(value) : value)
  }
  return result.record
}

function hasDefinedValue(record: Record<string, unknown>): boolean {
  for (const key of Object.keys(record)) if (record[key] !== undefined) return true
  return false
}

function convertValue(value: unknown): unknown {
  if (typeof value === 'string') {
    const seconds = attributeIsoToUnixSeconds(value)
    return seconds === undefined ? value : seconds
  }
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let index = 0; index < value.length; index++) {
      const element: unknown = value[index]
      const converted = convertValue(element)
      if (converted !== element) {
        copy ??= value.slice()
        copy[index] = converted
      }
    }
    return copy ?? value
  }
  return convertRecord(value as Record<string, unknown>)
}

/**
 * A nested object with its dates converted: the object itself when none is, else a spread of it (nested objects are
 * small and mostly in V8's fast mode, which a spread clones whole) with the converted values set over it, in place.
 */
function convertRecord(record: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined
  for (const key of Object.keys(record)) {
    const element = record[key]
    const converted = convertValue(element)
    if (converted !== element) {
      copy ??= { ...record }
      setOwn(copy, key, converted)
    }
  }
  return copy ?? record
}

/**
 * The top level of the attributes: walks the own keys once (Object.keys: mapped payloads are often dictionary-mode
 * objects, on which for…in checks every key again), leaving out undefined values and the keys of `omit`. The copy is
 * made at the first change, key by key, which is cheaper than a spread of such a large dictionary-mode object.
 */
function mapRecord(
  record: Record<string, unknown>,
  convert: boolean,
  alwaysCopy: boolean,
  omit?: readonly string[]
): { record: Record<string, unknown>; size: number } {
  const keys = Object.keys(record)
  let copy: Record<string, unknown> | undefined = alwaysCopy ? {} : undefined
  let size = 0
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]
    const element = record[key]
    const omitted = omit !== undefined && omit.includes(key)
    const converted = convert && !omitted ? convertValue(element) : element
    const dropped = omitted || converted === undefined
    if (copy === undefined) {
      if (converted === element && !dropped) {
        size += 1
        continue
      }
      copy = {}
      for (let earlier = 0; earlier < index; earlier++) setOwn(copy, keys[earlier], record[keys[earlier]])
    }
    if (!dropped) {
      setOwn(copy, key, converted)
      size += 1
    }
  }
  return { record: copy ?? record, size }
}

/** An own data property, even for the key "__proto__" (which plain assignment would take as the prototype). */
function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
  } else {
    record[key] = value
  }
}
