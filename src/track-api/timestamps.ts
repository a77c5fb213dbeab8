// ISO-8601 → unix seconds, without Date.parse: some runtimes reject fractions longer than three digits
// ("2024-08-14T20:36:48.6527521Z"), so the parts are read with one regular expression and counted with Date.UTC.

/** Date, then optionally a time with 1 to 9 fractional digits, then optionally Z or an offset. */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/

/** Strings that already hold unix seconds, whole or decimal: passed through unchanged. */
const UNIX_SECONDS = /^\d+(\.\d+)?$/

/** A date-time (not a bare date), as converted inside attributes when convert_timestamp is on. */
const ISO_DATE_TIME_PREFIX = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/

export class InvalidTimestampError extends Error {
  override name = 'InvalidTimestampError'
}

/**
 * Unix seconds (floored) of an ISO-8601 string, or undefined when the string is not a valid ISO-8601 date.
 * Without a zone the time is read as UTC.
 */
export function isoToUnixSeconds(value: string): number | undefined {
  const match = ISO_8601.exec(value)
  if (!match) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', , zulu, sign, offH = '0', offM = '0'] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0))) return undefined
  if (Number(offH) > 23 || Number(offM) > 59) return undefined
  // setUTCFullYear, unlike Date.UTC, does not read the years 0–99 as 1900–1999.
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, 0)
  const utcMillis = date.getTime()
  const offsetMinutes = zulu || !sign ? 0 : (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM))
  // The fraction is always below one second, so flooring the whole seconds is exact.
  return Math.floor(utcMillis / 1000) - offsetMinutes * 60
}

/**
 * The value Customer.io gets for a root `timestamp` or `device.last_used`: numbers and unix-second strings pass
 * unchanged, ISO-8601 strings become integer unix seconds; anything else is an error the event carries.
 */
export function toUnixSeconds(value: string | number, field = 'timestamp'): string | number {
  if (typeof value === 'number') return value
  const text = value.trim()
  if (UNIX_SECONDS.test(text)) return value
  const seconds = isoToUnixSeconds(text)
  if (seconds === undefined) {
    throw new InvalidTimestampError(
      `The ${field} "${value.slice(0, 64)}" is neither an ISO-8601 date nor unix seconds, so Customer.io cannot read it.`
    )
  }
  return seconds
}

/** Whether a string is an ISO-8601 date-time that convert_timestamp turns into unix seconds. */
export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME_PREFIX.test(value) && isoToUnixSeconds(value) !== undefined
}

/**
 * Converts every ISO-8601 date-time string nested anywhere in attributes (objects and arrays) to unix seconds.
 * Other values are left alone. Returns the same object when nothing needed converting, so no copy is made.
 */
export function convertNestedTimestamps<T>(value: T): T {
  if (typeof value === 'string') {
    return (isIsoDateTime(value) ? (isoToUnixSeconds(value) as unknown) : value) as T
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    value.forEach((element, index) => {
      const converted = convertNestedTimestamps(element)
      if (converted !== element) {
        copy ??= value.slice()
        copy[index] = converted
      }
    })
    return (copy ?? value) as T
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    let copy: Record<string, unknown> | undefined
    for (const key in record) {
      const element = record[key]
      const converted = convertNestedTimestamps(element)
      if (converted !== element) {
        copy ??= { ...record }
        copy[key] = converted
      }
    }
    return (copy ?? value) as T
  }
  return value
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/**
 * Integer unix seconds, as the v1 metrics call needs: numbers and unix-second strings are floored, ISO-8601 strings
 * converted. Undefined for anything else, so the caller can fall back to the current time.
 */
export function toWholeUnixSeconds(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value) : undefined
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (UNIX_SECONDS.test(text)) return Math.floor(Number(text))
  return isoToUnixSeconds(text)
}
