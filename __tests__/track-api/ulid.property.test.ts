import fc from 'fast-check'
import { MAX_ULID_TIME_MS, decodeUlidTime, deriveUlid, encodeUlid, isUlid, ulidEventId } from '../../src/track-api/ulid'

// The ULID module's properties, against an oracle for the encoding and the ULID spec's canonical form; its examples
// are in ulid.test.ts.

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

const timeArbitrary = fc.integer({ min: 0, max: MAX_ULID_TIME_MS })
const bytesArbitrary = fc.uint8Array({ minLength: 10, maxLength: 10 })

describe('encodeUlid', () => {
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

describe('deriveUlid', () => {
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

  it('keeps its time, and is in the ULID spec’s canonical form', () => {
    fc.assert(
      fc.property(fc.string(), timeArbitrary, (id, time) => {
        const ulid = deriveUlid(id, time)
        expect(ulid).toMatch(CANONICAL_ULID)
        expect(decodeUlidTime(ulid)).toBe(time)
      })
    )
  })
})

describe('ulidEventId', () => {
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
