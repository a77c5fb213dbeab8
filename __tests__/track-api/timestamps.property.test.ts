import fc from 'fast-check'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import {
  attributeIsoToUnixSeconds,
  isoToUnixSeconds,
  MAX_UNIX_SECONDS,
  numericToUnixSeconds,
  readTimestamp
} from '../../src/track-api/timestamps'

dayjs.extend(utc)

// The reader is hand-written for speed; these properties hold it to independent oracles: Date's own arithmetic and
// dayjs (the library Segment's published destination converts with) for the value, and the grammar as one regular
// expression for what is accepted.
const GRAMMAR = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/
/** What Segment's published destination converts inside attributes (its isostring pattern). */
const ATTRIBUTE_GRAMMAR = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)?$/

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0')

describe('isoToUnixSeconds properties', () => {
  it('reads every instant of the years 0001–9999, with any fraction and offset, as Date counts it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -62135596800, max: 253402214400 }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        fc.string({
          unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'),
          minLength: 1,
          maxLength: 9
        }),
        fc.constantFrom('T', 't', ' '),
        fc.boolean(),
        (utcSeconds, offsetMinutes, fraction, separator, colon) => {
          const local = new Date((utcSeconds + offsetMinutes * 60) * 1000).toISOString()
          fc.pre(/^\d{4}-/.test(local))
          const zone =
            offsetMinutes === 0 && !colon
              ? 'Z'
              : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.trunc(offsetMinutes / 60))}${colon ? ':' : ''}${pad(offsetMinutes % 60)}`
          const text = `${local.slice(0, 10)}${separator}${local.slice(11, 19)}.${fraction}${zone}`
          expect(isoToUnixSeconds(text)).toBe(utcSeconds)
          const attributeShaped = separator === 'T'
          expect(attributeIsoToUnixSeconds(text)).toBe(attributeShaped ? utcSeconds : undefined)
        }
      ),
      { numRuns: 3000 }
    )
  })

  it('accepts nothing outside the grammar, and never throws', () => {
    const near = fc
      .tuple(fc.constantFrom('2024-08-14', '2024-02-29', '0001-01-01', '9999-12-31'), fc.string({ maxLength: 24 }))
      .map(([date, tail]) => date + tail)
    fc.assert(
      fc.property(fc.oneof(near, fc.string({ maxLength: 40 })), (text) => {
        const seconds = isoToUnixSeconds(text)
        if (!GRAMMAR.test(text)) expect(seconds).toBeUndefined()
        else if (seconds !== undefined) expect(Number.isInteger(seconds)).toBe(true)
        const attributeSeconds = attributeIsoToUnixSeconds(text)
        if (!ATTRIBUTE_GRAMMAR.test(text)) expect(attributeSeconds).toBeUndefined()
        else if (attributeSeconds !== undefined) expect(attributeSeconds).toBe(seconds)
      }),
      { numRuns: 5000 }
    )
  })

  // From the year 1000: dayjs builds a date-only string with Date.UTC, which reads years 0–99 as 1900–1999.
  it('reads every instant with a zone, and every date, as dayjs.utc does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -30610224000, max: 253402214400 }),
        fc.integer({ min: 0, max: 999 }),
        fc.boolean(),
        (utcSeconds, milliseconds, dateOnly) => {
          const iso = new Date(utcSeconds * 1000 + milliseconds).toISOString()
          fc.pre(/^\d{4}-/.test(iso))
          const text = dateOnly ? iso.slice(0, 10) : iso
          expect(isoToUnixSeconds(text)).toBe(dayjs.utc(text).unix())
        }
      ),
      { numRuns: 2000 }
    )
  })
})

// The oracle for the range is Date itself: a number of seconds is read when a Date can hold that instant.
function dateHolds(seconds: number): boolean {
  return !Number.isNaN(new Date(seconds * 1000).getTime())
}

describe('the readable range properties', () => {
  /** Numbers on both sides of both ends, in steps of the smallest gap between doubles there (2^-10). */
  const nearEnds = fc
    .tuple(fc.constantFrom(1, -1), fc.integer({ min: -4096, max: 4096 }))
    .map(([sign, steps]) => sign * (MAX_UNIX_SECONDS + steps * 2 ** -10))
  const anywhere = fc.double({ min: -1e22, max: 1e22 })
  const special = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308)

  it('reads a number as its floor exactly when a Date can hold it', () => {
    fc.assert(
      fc.property(fc.oneof(nearEnds, anywhere, special), (value) => {
        const seconds = numericToUnixSeconds(value)
        expect(seconds).toBe(dateHolds(value) ? Math.floor(value) : undefined)
        expect(readTimestamp(value)).toBe(seconds)
        // Sent exactly: the JSON text reads back as the same number (-0 as 0).
        if (seconds !== undefined) expect(Number(JSON.stringify(seconds)) === seconds).toBe(true)
      }),
      { numRuns: 3000 }
    )
  })

  it('reads a string of digits as its floor exactly when a Date can hold it, at any length', () => {
    const digits = (minLength: number, maxLength: number) =>
      fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength, maxLength })
    const nearLast = fc
      .tuple(fc.integer({ min: -50, max: 50 }), fc.option(digits(1, 4), { nil: undefined }))
      .map(([step, fraction]) => `${MAX_UNIX_SECONDS + step}${fraction === undefined ? '' : `.${fraction}`}`)
    const long = fc
      .tuple(digits(1, 400), fc.option(digits(1, 12), { nil: undefined }))
      .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`))
    fc.assert(
      fc.property(fc.oneof(nearLast, long), (text) => {
        const value = Number(text)
        const seconds = numericToUnixSeconds(text)
        expect(seconds).toBe(dateHolds(value) ? Math.floor(value) : undefined)
        expect(readTimestamp(text)).toBe(seconds)
      }),
      { numRuns: 3000 }
    )
  })
})
