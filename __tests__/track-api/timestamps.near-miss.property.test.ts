import fc from 'fast-check'
import { isoToUnixSeconds } from '../../src/track-api/timestamps'
import { oracle } from '../__helpers__/iso-8601-oracle'

// Changes one character of a valid string and holds the reader to the independent oracle.
describe('isoToUnixSeconds near-misses', () => {
  it('agrees with the oracle after one character of a valid string is replaced, removed or added', () => {
    const valid = fc
      .record({
        seconds: fc.integer({ min: -62135596800, max: 253402214400 }),
        withTime: fc.boolean(),
        withSeconds: fc.boolean(),
        fraction: fc.constantFrom('', '.5', ',25', '.123456789'),
        zone: fc.constantFrom('', 'Z', 'z', '+05:30', '-0800', '+23:59')
      })
      .map(({ seconds, withTime, withSeconds, fraction, zone }) => {
        const iso = new Date(seconds * 1000).toISOString()
        if (!withTime) return iso.slice(0, 10)
        return iso.slice(0, 16) + (withSeconds ? iso.slice(16, 19) + fraction : '') + zone
      })
    const character = fc.constantFrom(...'0123456789-:.,+TtZzX O/'.split(''))
    fc.assert(
      fc.property(valid, fc.nat(), character, fc.constantFrom('replace', 'remove', 'add'), (text, at, c, how) => {
        const i = at % text.length
        const changed =
          how === 'replace'
            ? text.slice(0, i) + c + text.slice(i + 1)
            : how === 'remove'
              ? text.slice(0, i) + text.slice(i + 1)
              : text.slice(0, i) + c + text.slice(i)
        expect(isoToUnixSeconds(changed)).toBe(oracle(changed))
      }),
      { numRuns: 4000 }
    )
  })
})
