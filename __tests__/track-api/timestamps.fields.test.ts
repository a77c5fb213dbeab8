import { convertNestedTimestamps } from '../../src/track-api/attributes'
import { buildDevice } from '../../src/track-api/build-device'
import { buildBatchItem } from '../../src/track-api/build-item'
import { buildMetricsBody } from '../../src/track-api/build-metric'
import { InvalidTimestampError } from '../../src/track-api/timestamps'

// Each timestamp the package sends, at both ends of the readable range (±8,640,000,000,000 unix seconds): what is
// sent inside it, and, outside it, what that field's rule for an unreadable timestamp does. The root timestamp is
// refused, created_at is sent as the text mapped, last_used is left out, the metrics timestamp becomes the time of
// sending.
const LAST = 8_640_000_000_000
const NOW = 1725148800
const NINES = '9'.repeat(400)

/** Inside the range, as mapped (a number, or the string actions-core makes of one), and as sent. */
const INSIDE: Array<[string | number, number]> = [
  [LAST, LAST],
  [String(LAST), LAST],
  [`${LAST}.0`, LAST],
  [`${LAST - 1}.9`, LAST - 1],
  [-LAST, -LAST],
  ['+275760-09-13T00:00:00Z', LAST]
]

/** Outside it: the smallest values past each end, the values of the report, and the number forms of them. */
const OUTSIDE: Array<string | number> = [
  LAST + 1,
  String(LAST + 1),
  `${LAST}.5`,
  LAST + 0.5,
  -LAST - 1,
  8_640_000_000_000_001,
  '8640000000000001',
  '99999999999999999999',
  NINES,
  1e21,
  '1e+21',
  1e308,
  '1e+308',
  '1e400'
]

const name = (value: string | number): string =>
  value === NINES ? '"9" × 400' : typeof value === 'string' ? `"${value}"` : String(value)

const event = (timestamp: string | number) =>
  buildBatchItem({ type: 'person', action: 'event', person: { person_id: 'u-1' }, name: 'Paid', timestamp })

describe('the root timestamp', () => {
  it.each(INSIDE)('sends %p as %d', (value, seconds) => {
    expect(event(value)).toStrictEqual({
      type: 'person',
      action: 'event',
      identifiers: { id: 'u-1' },
      name: 'Paid',
      timestamp: seconds
    })
  })

  it.each(OUTSIDE.map((value) => [name(value), value]))('refuses %s before sending', (_name, value) => {
    expect(() => event(value)).toThrow(InvalidTimestampError)
  })
})

describe('created_at', () => {
  const person = (createdAt: string) =>
    buildBatchItem({ type: 'person', action: 'identify', person: { person_id: 'u-1' }, createdAt }).attributes

  // A text field: a number reaches it as its text, and digits carry no sign.
  it.each(
    INSIDE.filter(([value]) => typeof value === 'string' && !value.startsWith('+')).map(
      ([value, seconds]) => [String(value), seconds] as const
    )
  )('sends %p as %d', (value, seconds) => {
    expect(person(value)).toStrictEqual({ created_at: seconds })
  })

  // Text that reads as no date is sent as mapped, a negative number's text included.
  it.each([...OUTSIDE, -LAST].map((value) => [name(value), String(value)]))(
    'sends %s as the text mapped',
    (_name, text) => {
      expect(person(text)).toStrictEqual({ created_at: text })
    }
  )
})

describe('device.last_used', () => {
  const device = (lastUsed: string | number) =>
    buildDevice({ token: 't-1', platform: 'ios', last_used: lastUsed }, false)

  it.each(INSIDE.filter(([value]) => !String(value).startsWith('+')))('sends %p as %d', (value, seconds) => {
    expect(device(value)).toStrictEqual({ token: 't-1', platform: 'ios', last_used: seconds, attributes: {} })
  })

  it.each(OUTSIDE.map((value) => [name(value), value]))('leaves out %s', (_name, value) => {
    expect(device(value)).toStrictEqual({ token: 't-1', platform: 'ios', attributes: {} })
  })
})

describe('the metrics timestamp', () => {
  const metric = (timestamp: string | number) =>
    buildMetricsBody({ delivery_id: 'd-1', metric: 'opened', timestamp }, NOW)

  it.each(INSIDE)('sends %p as %d', (value, seconds) => {
    expect(metric(value)).toStrictEqual({ delivery_id: 'd-1', metric: 'opened', timestamp: seconds })
  })

  it.each(OUTSIDE.map((value) => [name(value), value]))('sends the time of sending for %s', (_name, value) => {
    expect(metric(value)).toStrictEqual({ delivery_id: 'd-1', metric: 'opened', timestamp: NOW })
  })
})

describe('dates inside attributes (convert_timestamp)', () => {
  it('converts the extremes of the ISO-8601 shape to seconds inside the range, and leaves digits alone', () => {
    const attributes = {
      last: '9999-12-31T23:59:59-23:59',
      first: '0000-01-01T00:00:00+23:59',
      expanded: '+275760-09-13T00:00:00Z',
      digits: String(LAST + 1)
    }
    expect(convertNestedTimestamps(attributes)).toStrictEqual({
      last: 253402387139,
      first: -62167305540,
      expanded: '+275760-09-13T00:00:00Z',
      digits: String(LAST + 1)
    })
  })
})
