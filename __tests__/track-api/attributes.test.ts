import { convertNestedTimestamps } from '../../src/track-api/attributes'

describe('convertNestedTimestamps', () => {
  it('converts ISO dates and date-times nested in objects and arrays and leaves other strings alone', () => {
    const input = {
      signed_up: '2024-08-14T20:36:48.6527521Z',
      plan: 'pro',
      birthday: '1990-05-01',
      version: '2024.08.14',
      count: 3,
      orders: [{ at: '2024-08-14T22:36:48+02:00', sku: 'A-1' }, 'not a date', '2024-08-14T20:36:48Z'],
      sql: '2024-08-14 20:36:48',
      digits: '1712345678',
      nested: { deeper: { when: '2024-08-14T20:36:48.652752123Z', flag: true, nothing: null } }
    }
    expect(convertNestedTimestamps(input)).toEqual({
      signed_up: 1723667808,
      plan: 'pro',
      birthday: 641520000,
      version: '2024.08.14',
      count: 3,
      orders: [{ at: 1723667808, sku: 'A-1' }, 'not a date', 1723667808],
      sql: '2024-08-14 20:36:48',
      digits: '1712345678',
      nested: { deeper: { when: 1723667808, flag: true, nothing: null } }
    })
    expect(input.signed_up).toBe('2024-08-14T20:36:48.6527521Z')
  })

  it('returns the same object when nothing needs converting', () => {
    const input = { a: 'x', b: [1, { c: 'y' }] }
    expect(convertNestedTimestamps(input)).toBe(input)
  })
})
