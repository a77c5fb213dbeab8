import {
  attributeIsoToUnixSeconds,
  isoToUnixSeconds,
  numericToUnixSeconds,
  readAttributeTimestamp,
  readTimestamp,
  toUnixSeconds,
  InvalidTimestampError
} from '../../src/track-api/timestamps'
import { TIME_ZONES, evaluateInTimeZone } from '../helpers/time-zone'

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
      { timestamps: 'src/track-api/timestamps.ts' },
      `${JSON.stringify(texts)}.map((text) => timestamps.readTimestamp(text))`
    )
    expect(read).toEqual(cases.map(([, , seconds]) => seconds))
  })

  it('gives what dayjs.utc gives on a UTC machine', () => {
    const texts = cases.map(([, text]) => text)
    const read = evaluateInTimeZone(
      'UTC',
      { dayjs: 'node_modules/dayjs', utc: 'node_modules/dayjs/plugin/utc' },
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
