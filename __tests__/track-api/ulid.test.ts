import { createHash } from 'node:crypto'
import {
  MAX_ULID_TIME_MS,
  decodeUlidTime,
  deriveUlid,
  encodeUlid,
  eventIdToSend,
  isUlid,
  ulidEventId
} from '../../src/track-api/ulid'

// Examples; the properties are in ulid.property.test.ts, the check against the OpenAPI document in
// __tests__/serve/simulator/ulid-spec.property.test.ts.

describe('encodeUlid', () => {
  it('writes the ULID spec’s example time as the spec does', () => {
    expect(encodeUlid(1469918176385, new Uint8Array(10))).toBe('01ARYZ6S410000000000000000')
  })

  it('writes the largest ULID at the largest time and bytes', () => {
    expect(encodeUlid(MAX_ULID_TIME_MS, new Uint8Array(10).fill(255))).toBe('7ZZZZZZZZZZZZZZZZZZZZZZZZZ')
  })

  it('refuses a time outside 0 to 2^48 − 1 whole milliseconds, and other than 10 bytes', () => {
    const time = (value: number) =>
      new RangeError(`A ULID's time is whole milliseconds from 0 to 281474976710655, not ${value}.`)
    expect(() => encodeUlid(-1, new Uint8Array(10))).toThrow(time(-1))
    expect(() => encodeUlid(MAX_ULID_TIME_MS + 1, new Uint8Array(10))).toThrow(time(MAX_ULID_TIME_MS + 1))
    expect(() => encodeUlid(1.5, new Uint8Array(10))).toThrow(time(1.5))
    expect(() => encodeUlid(0, new Uint8Array(9))).toThrow(new RangeError("A ULID's second part is 10 bytes."))
  })
})

describe('isUlid', () => {
  it.each([
    ['01ARYZ6S410000000000000000', true],
    ['01aryz6s410000000000000000', true],
    ['7ZZZZZZZZZZZZZZZZZZZZZZZZZ', true],
    ['8ZZZZZZZZZZZZZZZZZZZZZZZZZ', false],
    ['01ARYZ6S41000000000000000', false],
    ['01ARYZ6S4100000000000000000', false],
    ['01ARYZ6S41000000000000000U', false],
    ['01ARYZ6S41000000000000000I', false],
    ['msg-0001', false],
    ['a3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d', false]
  ])('%s → %s', (text, expected) => {
    expect(isUlid(text)).toBe(expected)
  })

  it('is what decodeUlidTime reads: it reads the time of a ULID in either case, and refuses anything else', () => {
    expect(decodeUlidTime('01aryz6s410000000000000000')).toBe(1469918176385)
    expect(() => decodeUlidTime('msg-0001')).toThrow(new RangeError('Not a ULID.'))
    expect(() => decodeUlidTime('8ZZZZZZZZZZZZZZZZZZZZZZZZZ')).toThrow(new RangeError('Not a ULID.'))
  })
})

describe('deriveUlid', () => {
  it('is the time, then the first 10 bytes of the SHA-256 of the id', () => {
    const hash = createHash('sha256').update('msg-0001').digest().subarray(0, 10)
    expect(hash.toString('hex')).toBe('1a69f8cbbfcfec63c5a2')
    expect(deriveUlid('msg-0001', 1723667808000)).toBe('01J599PZR039MZHJXZSZP67HD2')
  })
})

describe('ulidEventId', () => {
  it('derives the ULID from the id and the timestamp’s unix seconds, in milliseconds', () => {
    expect(ulidEventId('msg-0001', '2024-08-14T20:36:48.6527521Z')).toBe('01J599PZR039MZHJXZSZP67HD2')
    expect(ulidEventId('msg-0001', 1723667808)).toBe('01J599PZR039MZHJXZSZP67HD2')
    expect(ulidEventId('msg-0001', '1723667808.9')).toBe('01J599PZR039MZHJXZSZP67HD2')
    expect(ulidEventId('msg-0002', '2024-08-14T20:36:48Z')).toBe('01J599PZR00KD2S5E529HA9CZQ')
  })

  it('uses the time 0, not the time of sending, when the event has no timestamp or one outside the ULID’s range', () => {
    expect(ulidEventId('msg-0001', undefined)).toBe('000000000039MZHJXZSZP67HD2')
    expect(ulidEventId('msg-0001', '')).toBe('000000000039MZHJXZSZP67HD2')
    expect(ulidEventId('msg-0001', '1969-12-31T23:59:59Z')).toBe('000000000039MZHJXZSZP67HD2')
    expect(ulidEventId('msg-0001', 'not a date')).toBe('000000000039MZHJXZSZP67HD2')
    // Readable dates past the ULID's last millisecond (the year 10889): 300,000,000,000 unix seconds.
    expect(ulidEventId('msg-0001', 300_000_000_000)).toBe('000000000039MZHJXZSZP67HD2')
    expect(ulidEventId('msg-0001', 281_474_976_710)).toBe(deriveUlid('msg-0001', 281_474_976_710_000))
  })

  it('sends an id that is already a ULID unchanged, and no id as no id', () => {
    expect(ulidEventId('01ARYZ6S41TSV4RRFFQ69G5FAV', '2024-08-14T20:36:48Z')).toBe('01ARYZ6S41TSV4RRFFQ69G5FAV')
    expect(ulidEventId('01aryz6s41tsv4rrffq69g5fav', undefined)).toBe('01aryz6s41tsv4rrffq69g5fav')
    expect(ulidEventId(undefined, '2024-08-14T20:36:48Z')).toBeUndefined()
    expect(ulidEventId('', '2024-08-14T20:36:48Z')).toBe('')
  })
})

describe('eventIdToSend', () => {
  it('is the mapped Event ID unless ulid_event_id is on', () => {
    const fields = { event_id: 'msg-0001', timestamp: '2024-08-14T20:36:48Z' }
    expect(eventIdToSend(fields)).toBe('msg-0001')
    expect(eventIdToSend({ ...fields, ulid_event_id: false })).toBe('msg-0001')
    expect(eventIdToSend({ ...fields, ulid_event_id: true })).toBe('01J599PZR039MZHJXZSZP67HD2')
  })
})
