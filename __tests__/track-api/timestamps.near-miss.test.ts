import { isoToUnixSeconds } from '../../src/track-api/timestamps'
import { oracle } from '../__helpers__/iso-8601-oracle'

// Every guard of the ISO-8601 reader, one near-miss each, held to the independent oracle as well;
// timestamps.near-miss.property.test.ts changes one character of valid strings and holds the reader to the same oracle.

describe('isoToUnixSeconds near-misses', () => {
  it.each([
    ['2000-02-29', 951782400],
    ['2024-02-29', 1709164800],
    ['2024-12-31T23:59:59Z', 1735689599],
    ['2024-08-14T24:00:00Z', 1723680000],
    ['2024-08-14T24:00Z', 1723680000],
    ['2016-12-31T23:59:60Z', 1483228800],
    ['2024-08-14T20:36:48z', 1723667808],
    ['2024-08-14t20:36:48Z', 1723667808],
    ['2024-08-14T20:36:48,5Z', 1723667808],
    ['2024-08-14T20:36:48.123456789Z', 1723667808],
    ['2024-08-14T23:59:48+23:59', 1723593648],
    ['2024-08-14T20:36:48-00:00', 1723667808],
    ['2024-08-14T20:36:48+0000', 1723667808],
    ['0000-03-01', -62162035200]
  ])('reads %s as %d', (text, seconds) => {
    expect(isoToUnixSeconds(text)).toBe(seconds)
    expect(oracle(text)).toBe(seconds)
  })

  it.each([
    ['1900-02-29', 'not a leap year (divisible by 100)'],
    ['2100-02-29', 'not a leap year (divisible by 100)'],
    ['2023-02-29', 'not a leap year'],
    ['2024-04-31', 'April has 30 days'],
    ['2024-00-10', 'month 0'],
    ['2024-13-01', 'month 13'],
    ['2024-08-00', 'day 0'],
    ['2024-08-32', 'day 32'],
    ['2O24-08-14', 'a letter O inside the year'],
    ['abcd-08-14', 'no digits in the year'],
    ['2024-0a-14', 'a letter in the month'],
    ['2024-08-1a', 'a letter in the day'],
    ['2024/08/14', 'slashes'],
    ['2024-08/14', 'a slash before the day'],
    ['2024_08-14', 'an underscore before the month'],
    ['2024-8-14', 'a one-digit month'],
    ['2024-08-14T', 'a separator and no time'],
    ['2024-08-14X20:36:48Z', 'an unknown separator'],
    ['2024-08-14T20-36-48Z', 'dashes in the time'],
    ['2024-08-14T20:3648Z', 'no colon before the seconds'],
    ['2024-08-14T2036Z', 'a basic-format time'],
    ['2024-08-14T20:60:00Z', 'minute 60'],
    ['2024-08-14T20:36:61Z', 'second 61'],
    ['2024-08-14T25:00:00Z', 'hour 25'],
    ['2024-08-14T24:01:00Z', 'hour 24 and a minute'],
    ['2024-08-14T24:00:01Z', 'hour 24 and a second'],
    ['2024-08-14T20:36:48.Z', 'a dot with no fraction digits'],
    ['2024-08-14T20:36:48.', 'a dot at the end'],
    ['2024-08-14T20:36:48.1234567890Z', 'ten fraction digits'],
    ['2024-08-14T20:36:48+24:00', 'offset hour 24'],
    ['2024-08-14T20:36:48+05:60', 'offset minute 60'],
    ['2024-08-14T20:36:48X02:00', 'an unknown offset sign'],
    ['2024-08-14T20:36:48+2:00', 'a one-digit offset hour'],
    ['2024-08-14T20:36:48+02:0', 'a one-digit offset minute'],
    ['2024-08-14T20:36:48+02', 'an offset without minutes'],
    ['2024-08-14T20:36:48Zx', 'text after Z'],
    ['2024-08-14T20:36:48+02:00x', 'text after the offset'],
    ['2024-08-14T20:36x', 'text after the minutes'],
    ['2024-08-14x', 'text after the date'],
    ['2024-08-1', 'a date too short'],
    ['２０２４-08-14', 'non-ASCII digits']
  ])('refuses %s (%s)', (text) => {
    expect(isoToUnixSeconds(text)).toBeUndefined()
    expect(oracle(text)).toBeUndefined()
  })
})
