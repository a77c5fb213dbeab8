// ISO-8601 → unix seconds, without Date.parse: some runtimes reject fractions longer than three digits
// ("2024-08-14T20:36:48.6527521Z"). The string is read character by character (no regular expression, nothing
// allocated) and the seconds are counted with the proleptic Gregorian calendar, as Date does.
//
// Accepted: a date, then optionally a time (T, t or a space; hours and minutes, then optionally seconds with 1 to 9
// fractional digits after . or ,), then optionally Z, z or an offset (+hh:mm or +hhmm). Digits are ASCII digits.
// Every timestamp sent is an integer of unix seconds, as Customer.io's OpenAPI document types them, inside the
// readable range (MAX_UNIX_SECONDS): every reader here ends in the one range check, readableSeconds.
import { readAnyDate } from './any-date'

/**
 * The readable range, ±MAX_UNIX_SECONDS: the instants a date can be. JavaScript's dates reach ±8.64e15 ms from 1970
 * (20 April 271822 BC to 13 September 275760), so ±8,640,000,000,000 s. The OpenAPI document types every timestamp
 * as an integer and bounds none; every integer in this range is a 64-bit integer and exact as a JSON number (below
 * 2^53). A value is checked before it is floored: 8640000000000.5 is past the last date, so it is out.
 */
export const MAX_UNIX_SECONDS = 8_640_000_000_000

/** Integer unix seconds (floored) of a value in the readable range; undefined outside it, NaN included. */
export function readableSeconds(seconds: number): number | undefined {
  return seconds >= -MAX_UNIX_SECONDS && seconds <= MAX_UNIX_SECONDS ? Math.floor(seconds) : undefined
}

/** Strings that hold unix seconds, whole or decimal: sent as the integer, floored. */
const UNIX_SECONDS = /^\d+(\.\d+)?$/

const DIGIT_0 = 48
const DASH = 45
const COLON = 58
const DOT = 46
const COMMA = 44
const PLUS = 43
const SPACE = 32
const UPPER_T = 84
const LOWER_T = 116
const UPPER_Z = 90
const LOWER_Z = 122

export class InvalidTimestampError extends Error {
  override name = 'InvalidTimestampError'
}

/**
 * Unix seconds (floored) of an ISO-8601 string, or undefined when the string is not a valid ISO-8601 date.
 * Without a zone the time is read as UTC.
 */
export function isoToUnixSeconds(value: string): number | undefined {
  return readIso(value, false)
}

/**
 * Unix seconds of an ISO-8601 string in the shape Segment's published destination converts inside attributes (its
 * isostring pattern): a date, optionally `T` and a time, optionally `Z` or an offset. A bare date is midnight UTC.
 * Lowercase `t`/`z`, a space before the time and a comma before the fraction are not in that shape.
 */
export function attributeIsoToUnixSeconds(value: string): number | undefined {
  return readIso(value, true)
}

/** The reader behind both. With `attributeShape`, only the shape of attributeIsoToUnixSeconds is accepted. */
function readIso(value: string, attributeShape: boolean): number | undefined {
  const length = value.length
  const year = digits(value, 0, 4)
  if (year < 0 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return undefined
  // A missing or non-digit field reads as -1: the month and day ranges below refuse it.
  const month = digits(value, 5, 2)
  const day = digits(value, 8, 2)
  let hour = 0
  let minute = 0
  let second = 0
  let offsetMinutes = 0
  if (length > 10) {
    const separator = value.charCodeAt(10)
    if (separator !== UPPER_T && (attributeShape || (separator !== LOWER_T && separator !== SPACE))) return undefined
    hour = digits(value, 11, 2)
    minute = digits(value, 14, 2)
    if (hour < 0 || minute < 0 || value.charCodeAt(13) !== COLON) return undefined
    let position = 16
    if (value.charCodeAt(position) === COLON) {
      second = digits(value, 17, 2)
      if (second < 0) return undefined
      position = 19
      const mark = value.charCodeAt(position)
      if (mark === DOT || (mark === COMMA && !attributeShape)) {
        let end = position + 1
        while (isDigit(value.charCodeAt(end))) end++
        const fractionDigits = end - position - 1
        if (fractionDigits < 1 || fractionDigits > 9) return undefined
        position = end
      }
    }
    const zone = value.charCodeAt(position)
    if (zone === UPPER_Z || (zone === LOWER_Z && !attributeShape)) {
      position += 1
    } else if (zone === PLUS || zone === DASH) {
      const offsetHours = digits(value, position + 1, 2)
      position += 3
      if (value.charCodeAt(position) === COLON) position += 1
      const offsetMins = digits(value, position, 2)
      position += 2
      if (offsetHours < 0 || offsetMins < 0 || offsetHours > 23 || offsetMins > 59) return undefined
      offsetMinutes = (zone === DASH ? -1 : 1) * (offsetHours * 60 + offsetMins)
    }
    // Whatever follows the time and its zone makes it no ISO-8601 date.
    if (position !== length) return undefined
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0))) return undefined
  // The fraction is always below one second, so flooring it away is exact.
  const utcSeconds = daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second
  // Four-digit years keep every ISO-8601 date inside the readable range; the check is the one every reader ends in.
  return readableSeconds(utcSeconds - offsetMinutes * 60)
}

/**
 * The value of `count` ASCII digits at `start`, or -1 when any of them is missing or not a digit (past the end,
 * charCodeAt is NaN: no digit).
 */
function digits(value: string, start: number, count: number): number {
  let result = 0
  for (let position = start; position < start + count; position++) {
    const code = value.charCodeAt(position)
    if (!isDigit(code)) return -1
    result = result * 10 + (code - DIGIT_0)
  }
  return result
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_0 + 9
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** A number, or a string of digits with an optional fraction: unix seconds, however large. */
function isNumeric(value: string | number): boolean {
  return typeof value === 'number' || UNIX_SECONDS.test(value.trim())
}

/**
 * Integer unix seconds (floored) of a number or a string of digits ("1712345678", "1712345678.9") in the readable
 * range. Undefined for anything else: NaN, the infinities, 1e20, "99999999999999999999".
 */
export function numericToUnixSeconds(value: string | number): number | undefined {
  if (!isNumeric(value)) return undefined
  // Number() ignores the white space around the digits, as trim() does.
  return readableSeconds(typeof value === 'number' ? value : Number(value))
}

/**
 * The root `timestamp` and the metrics `timestamp`: numbers and digit strings floored, ISO-8601 strings read here,
 * anything else read as Segment's published destination reads it (dayjs.utc, any-date.ts). Undefined when unreadable
 * or outside the readable range.
 */
export function readTimestamp(value: string | number): number | undefined {
  if (typeof value === 'number' || isNumeric(value)) return numericToUnixSeconds(value)
  const text = value.trim()
  return isoToUnixSeconds(text) ?? readableSeconds(readAnyDate(text) ?? Number.NaN)
}

/** readTimestamp, or an error the event carries: Customer.io would stamp an unreadable timestamp "now". */
export function toUnixSeconds(value: string | number, field = 'timestamp'): number {
  const seconds = readTimestamp(value)
  if (seconds === undefined) {
    const quoted = `The ${field} "${String(value).slice(0, 64)}"`
    throw new InvalidTimestampError(
      isNumeric(value) && !Number.isNaN(value)
        ? `${quoted} is not in the range of dates, -${MAX_UNIX_SECONDS} to ${MAX_UNIX_SECONDS} unix seconds, so Customer.io cannot read it.`
        : `${quoted} is not a date or unix seconds, so Customer.io cannot read it.`
    )
  }
  return seconds
}

/**
 * `created_at` and `device.last_used`: numbers and digit strings floored, ISO-8601 strings in the attribute shape
 * (a bare date included) converted. Undefined for anything else.
 */
export function readAttributeTimestamp(value: string | number): number | undefined {
  return numericToUnixSeconds(value) ?? (typeof value === 'string' ? attributeIsoToUnixSeconds(value) : undefined)
}
