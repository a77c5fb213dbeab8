import fc from 'fast-check'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { readAnyDate } from '../../src/track-api/any-date'

dayjs.extend(utc)

describe('readAnyDate', () => {
  // A text with an offset reads the same under any zone, so dayjs.utc (what the published destination calls) is the
  // oracle here whatever this machine's zone: the offset must be read wherever it stands, whatever follows it.
  it('reads an offset after a space as dayjs.utc does, whatever follows it', () => {
    const date = fc.constantFrom('2019/01/01 10:00', 'Jan 1 2019 10:00', '01/01/2019 10:00:30', 'Tue Jan 01 2019 10:00')
    const offset = fc
      .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom('', '00', ':30', '45'))
      .map(([sign, hours, minutes]) => `${sign}${String(hours).padStart(minutes === '' ? 1 : 2, '0')}${minutes}`)
    const tail = fc.constantFrom('', ' (CET)', '.', ' (Central European Time)')
    fc.assert(
      fc.property(date, offset, tail, (text, zone, after) => {
        const input = `${text} ${zone}${after}`
        const read = dayjs.utc(input)
        expect(readAnyDate(input)).toBe(read.isValid() ? read.unix() : undefined)
      }),
      { numRuns: 300 }
    )
  })
})
