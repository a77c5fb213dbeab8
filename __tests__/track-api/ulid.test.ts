import fc from 'fast-check'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
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
import { loadSpecDocument } from '../../src/serve/simulator/spec-document'

/** The ULID spec's canonical form, written independently of the module's own pattern. */
const CANONICAL_ULID = /^[0-7][0123456789ABCDEFGHJKMNPQRSTVWXYZ]{25}$/
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** An oracle for the encoding: the 128 bits as one big number, written 5 bits a character from the right. */
function oracleUlid(timeMs: number, bytes: Uint8Array): string {
  let value = BigInt(timeMs) << 80n
  for (let index = 0; index < bytes.length; index++) value |= BigInt(bytes[index]) << BigInt(8 * (9 - index))
  let text = ''
  for (let index = 0; index < 26; index++) {
    text = CROCKFORD[Number(value & 31n)] + text
    value >>= 5n
  }
  return text
}

/** The item schema of a person event, with the document's `ULID` format checked (the simulator leaves it open). */
function strictEventValidator() {
  const ajv = new Ajv2020({ strict: false, validateSchema: false, logger: false })
  addFormats(ajv)
  ajv.addFormat('ULID', CANONICAL_ULID)
  ajv.addFormat('unix timestamp', true)
  ajv.addSchema(loadSpecDocument(), 'doc')
  return ajv.compile({ $ref: 'doc#/components/schemas/person_event' })
}

const timeArbitrary = fc.integer({ min: 0, max: MAX_ULID_TIME_MS })
const bytesArbitrary = fc.uint8Array({ minLength: 10, maxLength: 10 })

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

  it('is the 128-bit big-endian number in Crockford base32, for every time and bytes', () => {
    fc.assert(
      fc.property(timeArbitrary, bytesArbitrary, (time, bytes) => {
        const ulid = encodeUlid(time, bytes)
        expect(ulid).toBe(oracleUlid(time, bytes))
        expect(ulid).toMatch(CANONICAL_ULID)
        expect(isUlid(ulid)).toBe(true)
        expect(decodeUlidTime(ulid)).toBe(time)
      })
    )
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

  it('is the same for the same id and time, every time', () => {
    fc.assert(
      fc.property(fc.string(), timeArbitrary, (id, time) => {
        expect(deriveUlid(id, time)).toBe(deriveUlid(id, time))
      })
    )
  })

  it('differs for different ids at the same time', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 2, maxLength: 50 }), timeArbitrary, (ids, time) => {
        expect(new Set(ids.map((id) => deriveUlid(id, time))).size).toBe(ids.length)
      })
    )
  })

  it('keeps its time, and is a ULID the OpenAPI document’s event item accepts', () => {
    const validate = strictEventValidator()
    fc.assert(
      fc.property(fc.string(), timeArbitrary, (id, time) => {
        const ulid = deriveUlid(id, time)
        expect(ulid).toMatch(CANONICAL_ULID)
        expect(decodeUlidTime(ulid)).toBe(time)
        const item = { type: 'person', action: 'event', identifiers: { id: 'u-1' }, name: 'Order Completed', id: ulid }
        expect(validate(item)).toBe(true)
      })
    )
    expect(validate({ type: 'person', action: 'event', identifiers: { id: 'u-1' }, name: 'x', id: 'msg-0001' })).toBe(
      false
    )
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

  it('keeps every ULID it is given, and turns every other id into a ULID of the timestamp', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 253402300799 }), (id, seconds) => {
        const sent = ulidEventId(id, seconds) as string
        expect(sent).toMatch(isUlid(id) ? new RegExp(`^${id}$`) : CANONICAL_ULID)
        if (!isUlid(id)) expect(decodeUlidTime(sent)).toBe(seconds * 1000)
        expect(ulidEventId(sent, seconds)).toBe(sent)
      })
    )
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
