import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { readAnyDate } from '../../src/track-api/any-date'
import { TIME_ZONES, evaluateInTimeZone } from '../__helpers__/time-zone'

dayjs.extend(utc)

// Every form gives the same seconds whatever the machine's zone: a zone-less date is read as UTC, as Segment's
// published destination reads it on its UTC machines.
const CASES: Array<[string, string, number]> = [
  ['a zone named GMT', 'Tue, 01 Jan 2019 00:00:00 GMT', 1546300800],
  ['an offset after the time', 'Tue, 01 Jan 2019 10:00:00 +0200', 1546329600],
  ['an offset after a space', '2019/01/01 10:00 -05:00', 1546354800],
  ['an offset of hours alone after a space', '2019/01/01 10:00 +01', 1546333200],
  ['an offset after a space, then a zone name in parentheses', '2019/01/01 10:00 +0100 (CET)', 1546333200],
  ['an offset after a space, then a full stop', '2019/01/01 10:00 -05:00.', 1546354800],
  ['an offset right after the seconds', '2019/01/01 10:00:00+01:00', 1546333200],
  ['an offset right after a fraction, without a colon', '2019/01/01 10:00:00.250+0100', 1546333200],
  ['a negative offset right after the seconds', 'Jan 1 2019 10:00:00-05:00', 1546354800],
  ['the zone named UT', 'Tue, 01 Jan 2019 00:00:00 UT', 1546300800],
  ['a US zone name', 'January 1, 2019 10:00 EST', 1546354800],
  ['a zone-less date of a form Date reads', '01/01/2019', 1546300800],
  ['a zone-less time US daylight saving skips, a form Date reads', '03/10/2024 02:30', 1710037800],
  ['a zone-less time with milliseconds, a form dayjs reads itself', '2019/01/01T10:00:30.750', 1546336830],
  ['a zone-less time US daylight saving skips, a form dayjs reads itself', '2019/03/10T02:30', 1552185000],
  ['a zone-less time that does not read with UTC named after it', '+002019-01-01T10:00:00', 1546336800]
]

describe('readAnyDate', () => {
  it.each(CASES)('reads %s (%p) as %d', (_name, text, seconds) => {
    expect(readAnyDate(text)).toBe(seconds)
  })

  it.each(TIME_ZONES)('reads them all the same under TZ=%s', (zone) => {
    // Read here too: the child's lines are then covered by this test, so a mutation run runs it for them.
    expect(CASES.map(([, text]) => readAnyDate(text))).toEqual(CASES.map(([, , seconds]) => seconds))
    const read = evaluateInTimeZone(
      zone,
      { anyDate: require.resolve('../../src/track-api/any-date') },
      `${JSON.stringify(CASES.map(([, text]) => text))}.map((text) => anyDate.readAnyDate(text))`
    )
    expect(read).toEqual(CASES.map(([, , seconds]) => seconds))
  })

  it.each(['next tuesday', 'GMT', 'soon UTC', '2019-13-45 GMT', ''])('reads %p as nothing', (text) => {
    expect(readAnyDate(text)).toBeUndefined()
  })
})

describe('readAnyDate at the end of the dates', () => {
  // East of UTC a zone-less time just before the last date reads locally, while the same wall-clock time in UTC lies
  // past it.
  it('reads a zone-less wall-clock time past the last date as nothing under TZ=Asia/Kolkata', () => {
    const texts = ['+275760-09-13T03:00:00', '+275760-09-13T00:00:00', '+275760-09-12T23:59:59']
    const read = evaluateInTimeZone(
      'Asia/Kolkata',
      { anyDate: require.resolve('../../src/track-api/any-date') },
      `${JSON.stringify(texts)}.map((text) => String(anyDate.readAnyDate(text)))`
    )
    expect(read).toEqual(['undefined', '8640000000000', '8639999999999'])
  })
})
