import fc from 'fast-check'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { attributeIsoToUnixSeconds, isoToUnixSeconds } from '../../src/track-api/timestamps'

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
