// Pure: ULIDs (https://github.com/ulid/spec), and the one an event is sent with when `ulid_event_id` is on. A ULID is
// 26 characters of Crockford's base32: 10 for a 48-bit time in milliseconds, then 16 for 80 further bits. Here those
// 80 bits come from a hash of the event's id instead of a random source, so the same event always gets the same ULID:
// a retried batch sends the same ids again, and Customer.io drops the duplicates.
import { createHash } from 'node:crypto'
import { readTimestamp } from './timestamps'

/** Crockford's base32: the digits and the letters without I, L, O and U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const TIME_CHARS = 10
const RANDOM_BYTES = 10
/** The largest time a ULID holds: 2^48 − 1 milliseconds (the year 10889). */
export const MAX_ULID_TIME_MS = 2 ** 48 - 1

/** A ULID in either case: the first character at most 7, since 26 base32 characters hold 130 bits for 128. */
const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i

export function isUlid(text: string): boolean {
  return ULID_PATTERN.test(text)
}

/** Whether a ULID can hold a time: whole milliseconds from 0 to MAX_ULID_TIME_MS. */
export function fitsUlid(timeMs: number): boolean {
  return Number.isInteger(timeMs) && timeMs >= 0 && timeMs <= MAX_ULID_TIME_MS
}

/** The ULID of a time (integer milliseconds, 0 to MAX_ULID_TIME_MS) and 10 bytes, in upper case. */
export function encodeUlid(timeMs: number, bytes: Uint8Array): string {
  if (!fitsUlid(timeMs)) {
    throw new RangeError(`A ULID's time is whole milliseconds from 0 to ${MAX_ULID_TIME_MS}, not ${timeMs}.`)
  }
  if (bytes.length !== RANDOM_BYTES) throw new RangeError(`A ULID's second part is ${RANDOM_BYTES} bytes.`)
  let time = ''
  let rest = timeMs
  for (let index = 0; index < TIME_CHARS; index++) {
    time = ALPHABET[rest % 32] + time
    rest = Math.floor(rest / 32)
  }
  // 80 bits are 16 groups of 5, read from the most significant bit.
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  let random = ''
  for (let index = 0; index < 16; index++) {
    random = ALPHABET[Number(value & 31n)] + random
    value >>= 5n
  }
  return time + random
}

/** The time a ULID holds, in milliseconds. */
export function decodeUlidTime(ulid: string): number {
  if (!isUlid(ulid)) throw new RangeError('Not a ULID.')
  let time = 0
  for (const char of ulid.slice(0, TIME_CHARS).toUpperCase()) time = time * 32 + ALPHABET.indexOf(char)
  return time
}

/** The ULID of an event id and a time: the time, then the first 10 bytes of the SHA-256 of the id. */
export function deriveUlid(eventId: string, timeMs: number): string {
  return encodeUlid(timeMs, createHash('sha256').update(eventId, 'utf8').digest().subarray(0, RANDOM_BYTES))
}

/**
 * The `id` an event is sent with under `ulid_event_id`: an id that is already a ULID, unchanged; any other id, the
 * ULID of that id and the event's timestamp (its unix seconds in milliseconds). An event without a timestamp, or one
 * outside the ULID's range, gets the time 0, never the time of sending, which would differ on a retry. No id, no id.
 */
export function ulidEventId(eventId: string | undefined, timestamp: string | number | undefined): string | undefined {
  if (eventId === undefined || eventId === '' || isUlid(eventId)) return eventId
  const seconds = timestamp === undefined ? undefined : readTimestamp(timestamp)
  const timeMs = seconds === undefined ? 0 : seconds * 1000
  return deriveUlid(eventId, fitsUlid(timeMs) ? timeMs : 0)
}

/** The mapped fields of an event that say which `id` it is sent with. */
export interface EventIdFields {
  event_id?: string
  timestamp?: string | number
  ulid_event_id?: boolean
}

/** The event's `id` as sent: the mapped Event ID, or with `ulid_event_id` its ULID (ulidEventId). */
export function eventIdToSend(fields: EventIdFields): string | undefined {
  return fields.ulid_event_id === true ? ulidEventId(fields.event_id, fields.timestamp) : fields.event_id
}
