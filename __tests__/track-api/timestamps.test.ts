import {
  attributeIsoToUnixSeconds,
  isoToUnixSeconds,
  MAX_UNIX_SECONDS,
  numericToUnixSeconds,
  readableSeconds,
  readAttributeTimestamp,
  readTimestamp,
  toUnixSeconds,
  InvalidTimestampError
} from '../../src/track-api/timestamps'
import { TIME_ZONES, evaluateInTimeZone } from '../__helpers__/time-zone'

describe('isoToUnixSeconds', () => {
  const realParse = Date.parse
  beforeEach(() => {
    // Some runtimes reject fractions longer than three digits; the conversion must not depend on Date.parse at all.
    jest.spyOn(Date, 'parse').mockImplementation((text: string) => (/\.\d{4,}/.test(text) ? NaN : realParse(text)))
  })
  afterEach(() => jest.restoreAllMocks())

  it.each([
    ['2024-08-14T20:36:48Z', 1723667808],
    ['2024-08-14T20:36:48.6Z', 1723667808],
    ['2024-08-14T20:36:48.652Z', 1723667808],
    ['2024-08-14T20:36:48.6527521Z', 1723667808],
    ['2024-08-14T20:36:48.652752123Z', 1723667808],
    ['2024-08-14T20:36:48.999999999Z', 1723667808],
    ['2024-08-14T22:36:48.6527521+02:00', 1723667808],
    ['2024-08-14T15:06:48-0530', 1723667808],
    ['2024-08-14T20:36:48', 1723667808],
    ['2024-08-14T20:36Z', 1723667760],
    ['2024-08-14 20:36:48Z', 1723667808],
    ['2024-08-14', 1723593600],
    ['2024-02-29T00:00:00Z', 1709164800],
    ['1969-12-31T23:59:59.5Z', -1]
  ])('%s → %d', (iso, seconds) => {
    expect(isoToUnixSeconds(iso)).toBe(seconds)
  })

  it('does not call Date.parse', () => {
    isoToUnixSeconds('2024-08-14T20:36:48.6527521Z')
    expect(Date.parse).not.toHaveBeenCalled()
  })

  it.each([
    '2023-02-29T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-08-14T25:00:00Z',
    '2024-08-14T20:36:48.1234567890Z',
    'yesterday',
    '1712345678',
    ''
  ])('rejects %p', (text) => {
    expect(isoToUnixSeconds(text)).toBeUndefined()
  })
})

describe('attributeIsoToUnixSeconds: the shape Segment converts inside attributes', () => {
  it.each([
    ['a date alone, at midnight UTC', '2019-02-01', 1548979200],
    ['a date-time without seconds', '2019-02-01T10:00', 1549015200],
    ['a date-time with 9 fractional digits and Z', '2019-02-01T10:00:00.123456789Z', 1549015200],
    ['an offset without a colon', '2019-02-01T12:00:00+0200', 1549015200]
  ])('converts %s', (_name, text, seconds) => {
    expect(attributeIsoToUnixSeconds(text)).toBe(seconds)
  })

  it.each([
    ['a space before the time', '2019-02-01 10:00:00Z'],
    ['a lowercase t', '2019-02-01t10:00:00Z'],
    ['a lowercase z', '2019-02-01T10:00:00z'],
    ['a comma before the fraction', '2019-02-01T10:00:00,5Z'],
    ['a version number', '2019.02.01'],
    ['an impossible date', '2019-02-30']
  ])('leaves alone %s', (_name, text) => {
    expect(attributeIsoToUnixSeconds(text)).toBeUndefined()
  })
})

describe('numericToUnixSeconds', () => {
  it.each<[string | number, number]>([
    [1712345678, 1712345678],
    [1712345678.9, 1712345678],
    ['1712345678', 1712345678],
    ['1712345678.9', 1712345678],
    [' 1712345678 ', 1712345678]
  ])('%p → %d', (value, seconds) => {
    expect(numericToUnixSeconds(value)).toBe(seconds)
  })

  it.each<string | number>([Number.NaN, Number.POSITIVE_INFINITY, '-5', '1e9', '2019-02-01', ''])(
    'reads %p as no number',
    (value) => {
      expect(numericToUnixSeconds(value)).toBeUndefined()
    }
  )
})

describe('readTimestamp: the root and metrics timestamp', () => {
  const cases: Array<[string, string, number]> = [
    ['RFC 2822 with GMT', 'Tue, 01 Jan 2019 00:00:00 GMT', 1546300800],
    ['RFC 2822 with an offset', 'Tue, 01 Jan 2019 10:00:00 +0200', 1546329600],
    ['a US date without a zone, as UTC', '01/01/2019', 1546300800],
    ['a slashed date and time without a zone, as UTC', '2019/01/01 10:00', 1546336800],
    ['a zone-less time that daylight saving skips in US zones, as UTC', '03/10/2024 02:30', 1710037800],
    ['a date in words with a US zone', 'January 1, 2019 10:00 EST', 1546354800],
    ['Date#toString', 'Tue Jan 01 2019 10:00:00 GMT+0100 (Central European Standard Time)', 1546333200],
    ['an ISO-8601 date-time', '2019-01-01T10:00:00.1234567+01:00', 1546333200],
    ['a date-only string', '2019-02-01', 1548979200]
  ]

  it.each(cases)('reads %s (%p) as %d', (_name, text, seconds) => {
    expect(readTimestamp(text)).toBe(seconds)
  })

  it.each(TIME_ZONES)('reads them all the same under TZ=%s', (zone) => {
    const texts = cases.map(([, text]) => text)
    // Read here too: the child's lines are then covered by this test, so a mutation run runs it for them.
    expect(texts.map((text) => readTimestamp(text))).toEqual(cases.map(([, , seconds]) => seconds))
    const read = evaluateInTimeZone(
      zone,
      { timestamps: require.resolve('../../src/track-api/timestamps') },
      `${JSON.stringify(texts)}.map((text) => timestamps.readTimestamp(text))`
    )
    expect(read).toEqual(cases.map(([, , seconds]) => seconds))
  })

  it('gives what dayjs.utc gives on a UTC machine', () => {
    const texts = cases.map(([, text]) => text)
    const read = evaluateInTimeZone(
      'UTC',
      { dayjs: require.resolve('dayjs'), utc: require.resolve('dayjs/plugin/utc') },
      `(dayjs.extend(utc), ${JSON.stringify(texts)}.map((text) => dayjs.utc(text).unix()))`
    )
    expect(read).toEqual(cases.map(([, , seconds]) => seconds))
  })

  it.each(['yesterday', 'soon', 'not a date at all'])('reads %p as nothing', (text) => {
    expect(readTimestamp(text)).toBeUndefined()
  })
})

describe('toUnixSeconds', () => {
  it.each<[string | number, number]>([
    ['2024-08-14T20:36:48.6527521Z', 1723667808],
    ['1712345678', 1712345678],
    ['1712345678.123', 1712345678],
    [1712345678.5, 1712345678],
    ['Tue, 01 Jan 2019 00:00:00 GMT', 1546300800]
  ])('sends %p as the integer %d', (value, seconds) => {
    expect(toUnixSeconds(value)).toBe(seconds)
  })

  it('names its error InvalidTimestampError and quotes at most 64 characters of the value', () => {
    const long = `next ${'tuesday '.repeat(20)}`
    const read = () => toUnixSeconds(long, 'created_at')
    expect(read).toThrow(InvalidTimestampError)
    expect(read).toThrow(
      expect.objectContaining({
        name: 'InvalidTimestampError',
        message: `The created_at "${long.slice(0, 64)}" is not a date or unix seconds, so Customer.io cannot read it.`
      })
    )
  })

  it('reads a number that is not finite as no date, and trims a date-time that only it reads (second 60)', () => {
    expect(readTimestamp(Number.NaN)).toBeUndefined()
    expect(readTimestamp(Number.POSITIVE_INFINITY)).toBeUndefined()
    expect(readAttributeTimestamp(Number.NaN)).toBeUndefined()
    // Date and dayjs refuse second 60; the ISO reader takes it as the next minute, once the spaces are trimmed.
    expect(readTimestamp(' 2019-02-01T10:00:60Z ')).toBe(Date.UTC(2019, 1, 1, 10, 1, 0) / 1000)
  })

  it('gives a clear error for anything else', () => {
    expect(() => toUnixSeconds('next tuesday')).toThrow(
      'The timestamp "next tuesday" is not a date or unix seconds, so Customer.io cannot read it.'
    )
  })
})

describe('readAttributeTimestamp: created_at and device.last_used', () => {
  it.each<[string | number, number | undefined]>([
    ['2019-02-01', 1548979200],
    ['2019-02-01T10:00:00Z', 1549015200],
    ['1712345678.9', 1712345678],
    [1712345678, 1712345678],
    ['Tue, 01 Jan 2019 00:00:00 GMT', undefined],
    ['2019-02-01 10:00:00', undefined],
    ['soon', undefined]
  ])('%p → %p', (value, seconds) => {
    expect(readAttributeTimestamp(value)).toBe(seconds)
  })
})

describe('the readable range: the unix seconds a date can have', () => {
  const LAST = 8_640_000_000_000

  it('is the range of JavaScript dates, inside the 64-bit integers and exact as a JSON number', () => {
    expect(MAX_UNIX_SECONDS).toBe(LAST)
    expect(new Date(MAX_UNIX_SECONDS * 1000).toISOString()).toBe('+275760-09-13T00:00:00.000Z')
    expect(new Date(-MAX_UNIX_SECONDS * 1000).toISOString()).toBe('-271821-04-20T00:00:00.000Z')
    expect(Number.isNaN(new Date(MAX_UNIX_SECONDS * 1000 + 1).getTime())).toBe(true)
    expect(Number.isNaN(new Date(-MAX_UNIX_SECONDS * 1000 - 1).getTime())).toBe(true)
    expect(MAX_UNIX_SECONDS).toBeLessThan(Number.MAX_SAFE_INTEGER)
  })

  it.each<[string | number, number]>([
    [LAST, LAST],
    [String(LAST), LAST],
    [` ${LAST} `, LAST],
    [`${LAST}.0`, LAST],
    [LAST - 0.5, LAST - 1],
    [`${LAST - 1}.999`, LAST - 1],
    [-LAST, -LAST],
    [-LAST + 0.5, -LAST],
    [0, 0],
    [-0.5, -1]
  ])('reads %p, inside the range, as %d', (value, seconds) => {
    expect(readableSeconds(typeof value === 'number' ? value : Number(value))).toBe(seconds)
    expect(numericToUnixSeconds(value)).toBe(seconds)
    expect(readTimestamp(value)).toBe(seconds)
    expect(toUnixSeconds(value)).toBe(seconds)
    expect(readAttributeTimestamp(value)).toBe(seconds)
  })

  const NINES = '9'.repeat(400)
  /** A test name for a value: strings quoted, the 400 nines shortened. */
  const named = <T extends unknown[]>(value: string | number, ...rest: T): [string, string | number, ...T] => [
    value === NINES ? '"9" × 400' : typeof value === 'string' ? `"${value}"` : String(value),
    value,
    ...rest
  ]

  it.each(
    (
      [
        LAST + 1,
        String(LAST + 1),
        LAST + 0.5,
        `${LAST}.5`,
        -LAST - 1,
        -LAST - 0.5,
        8_640_000_000_000_001,
        '8640000000000001',
        1e20,
        '99999999999999999999',
        NINES,
        1e21,
        1e308,
        Number.MAX_VALUE,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        Number.NaN
      ] as Array<string | number>
    ).map((value) => named(value))
  )('reads %s, outside the range, as nothing', (_name, value) => {
    expect(numericToUnixSeconds(value)).toBeUndefined()
    expect(readTimestamp(value)).toBeUndefined()
    expect(readAttributeTimestamp(value)).toBeUndefined()
    if (typeof value === 'number') expect(readableSeconds(value)).toBeUndefined()
  })

  it.each<[string, number | undefined]>([
    ['+275760-09-13T00:00:00Z', LAST],
    ['+275760-09-13T00:00:01Z', undefined],
    ['+275760-09-12T23:59:59.999Z', LAST - 1],
    ['-271821-04-20T00:00:00Z', -LAST],
    ['-271821-04-19T23:59:59Z', undefined],
    ['Sat Sep 13 275760 00:00:00 GMT', LAST],
    ['Sat Sep 13 275760 00:00:01 GMT', undefined]
  ])('reads the date %p at the end of the range as %p', (text, seconds) => {
    expect(readTimestamp(text)).toBe(seconds)
  })

  it('reads the last dates with a zone the same under every TZ', () => {
    const texts = ['+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:01Z']
    const expected = [String(LAST), String(-LAST), 'undefined']
    for (const zone of TIME_ZONES) {
      const read = evaluateInTimeZone(
        zone,
        { timestamps: require.resolve('../../src/track-api/timestamps') },
        `${JSON.stringify(texts)}.map((text) => String(timestamps.readTimestamp(text)))`
      )
      expect(read).toEqual(expected)
    }
  })

  it('keeps every ISO-8601 date inside the range: the extremes of four-digit years and offsets', () => {
    expect(isoToUnixSeconds('9999-12-31T24:00:00-23:59')).toBe(253402387140)
    expect(isoToUnixSeconds('0000-01-01T00:00:00+23:59')).toBe(-62167305540)
    expect(attributeIsoToUnixSeconds('9999-12-31T24:00:00-23:59')).toBe(253402387140)
  })

  it.each(
    (
      [
        ['99999999999999999999', 'The timestamp "99999999999999999999" is not in the range of dates'],
        [String(LAST + 1), `The timestamp "${LAST + 1}" is not in the range of dates`],
        [`${LAST}.5`, `The timestamp "${LAST}.5" is not in the range of dates`],
        [-LAST - 1, `The timestamp "${-LAST - 1}" is not in the range of dates`],
        [NINES, `The timestamp "${'9'.repeat(64)}" is not in the range of dates`],
        [1e21, 'The timestamp "1e+21" is not in the range of dates'],
        ['1e+21', 'The timestamp "1e+21" is not a date or unix seconds'],
        ['1e400', 'The timestamp "1e400" is not a date or unix seconds'],
        [Number.NaN, 'The timestamp "NaN" is not a date or unix seconds'],
        ['+275760-09-13T00:00:01Z', 'The timestamp "+275760-09-13T00:00:01Z" is not a date or unix seconds']
      ] as Array<[string | number, string]>
    ).map(([value, start]) => named(value, start))
  )('refuses %s', (_name, value, start) => {
    const range = `, -${LAST} to ${LAST} unix seconds, so Customer.io cannot read it.`
    const other = ', so Customer.io cannot read it.'
    const message = start.endsWith('range of dates') ? `${start}${range}` : `${start}${other}`
    expect(() => toUnixSeconds(value)).toThrow(new InvalidTimestampError(message))
  })
})
