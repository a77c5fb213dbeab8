// Pure: the `device` of an add_device item, as Customer.io's OpenAPI document describes it: a platform of "ios" or
// "android", `last_used` as integer unix seconds, and attributes whose values are strings.
import { convertNestedTimestamps } from './attributes'
import { readAttributeTimestamp } from './timestamps'
import type { Attributes, Device, DevicePlatform } from './types'

export interface DeviceSpec {
  token: string
  platform?: string
  last_used?: string | number
  attributes?: Attributes
}

/** Thrown for a device Customer.io cannot register; the event fails alone. */
export class InvalidDeviceError extends Error {
  override name = 'InvalidDeviceError'
}

export const DEVICE_PLATFORMS: readonly DevicePlatform[] = ['ios', 'android']

/**
 * The device, always with `attributes` (an empty object when there are none). An unreadable `last_used` is left
 * out: it is optional, and Customer.io uses the time of the request without it.
 */
export function buildDevice(spec: DeviceSpec, convert: boolean): Device {
  const device: Device = { token: spec.token, platform: toPlatform(spec.platform) }
  const lastUsed = spec.last_used === undefined ? undefined : readAttributeTimestamp(spec.last_used)
  if (lastUsed !== undefined) device.last_used = lastUsed
  device.attributes = toStringAttributes(spec.attributes ?? {}, convert)
  return device
}

/** Segment's `context.device.type` in any case ("iOS", "Android") → "ios" or "android". */
function toPlatform(platform: string | undefined): DevicePlatform {
  const text = platform ?? ''
  const normalised = text.trim().toLowerCase()
  const known = DEVICE_PLATFORMS.find((candidate) => candidate === normalised)
  if (known === undefined) {
    throw new InvalidDeviceError(
      `The device platform "${text.slice(0, 64)}" is not one Customer.io can register: it takes ios or android.`
    )
  }
  return known
}

/**
 * Every value as a string, as the device schema requires: numbers and booleans in their JSON form (`321` → "321",
 * `false` → "false"), objects and arrays as JSON text; null and undefined values are left out. With `convert`,
 * ISO-8601 dates are converted to unix seconds first (so a date becomes "1548979200").
 */
function toStringAttributes(attributes: Attributes, convert: boolean): Record<string, string> {
  const source = convert ? convertNestedTimestamps(attributes) : attributes
  // Object.fromEntries defines each key as an own property, so an attribute named "__proto__" stays an attribute.
  return Object.fromEntries(
    Object.entries(source).flatMap(([key, value]) =>
      value === null || value === undefined ? [] : [[key, typeof value === 'string' ? value : JSON.stringify(value)]]
    )
  )
}
