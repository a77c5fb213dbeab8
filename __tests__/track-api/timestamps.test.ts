import { isoToUnixSeconds, toUnixSeconds, toWholeUnixSeconds } from '../../src/track-api/timestamps'

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

describe('toUnixSeconds', () => {
  it('converts ISO-8601 strings to integer unix seconds', () => {
    expect(toUnixSeconds('2024-08-14T20:36:48.6527521Z')).toBe(1723667808)
  })

  it.each(['1712345678', '1712345678.123'])('passes unix-second string %p unchanged', (text) => {
    expect(toUnixSeconds(text)).toBe(text)
  })

  it.each([1712345678, 1712345678.5])('passes number %p unchanged', (value) => {
    expect(toUnixSeconds(value)).toBe(value)
  })

  it('gives a clear error for anything else', () => {
    expect(() => toUnixSeconds('next tuesday')).toThrow(
      'The timestamp "next tuesday" is neither an ISO-8601 date nor unix seconds, so Customer.io cannot read it.'
    )
  })
})

describe('toWholeUnixSeconds', () => {
  it.each([
    ['an ISO-8601 date-time with 7 fractional digits', '2024-08-14T20:36:48.6527521Z', 1723667808],
    ['an ISO-8601 date-time with an offset', '2024-08-14T22:36:48+02:00', 1723667808],
    ['unix seconds as a string', '1712345678', 1712345678],
    ['unix seconds with a fraction, floored', '1712345678.999', 1712345678],
    ['a number with a fraction, floored', 1712345678.5, 1712345678]
  ])('reads %s as integer seconds', (_name, value, expected) => {
    expect(toWholeUnixSeconds(value)).toBe(expected)
  })

  it.each([
    ['nothing', undefined],
    ['text that is not a date', 'yesterday'],
    ['an impossible date', '2024-02-30T00:00:00Z'],
    ['a number that is not finite', Number.NaN]
  ])('answers undefined for %s', (_name, value) => {
    expect(toWholeUnixSeconds(value)).toBeUndefined()
  })
})
