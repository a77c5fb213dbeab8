import { convertNestedTimestamps, definedAttributes } from '../../src/track-api/attributes'

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

  it('returns the same object when nothing needs converting, undefined values nested in it included', () => {
    const input = { a: 'x', b: [1, { c: 'y' }], d: { e: undefined, f: 2 } }
    expect(convertNestedTimestamps(input)).toBe(input)
  })

  it('never changes the caller’s arrays: a converted array is a copy', () => {
    const dates = ['2024-08-14T20:36:48Z', 'x']
    expect(convertNestedTimestamps({ dates })).toStrictEqual({ dates: [1723667808, 'x'] })
    expect(dates).toStrictEqual(['2024-08-14T20:36:48Z', 'x'])
  })

  it('never changes the caller’s nested objects: a converted object is a copy, its keys in their order', () => {
    const order = { id: 'o-1', at: '2024-08-14T20:36:48Z', sku: 'A-1' }
    const converted = convertNestedTimestamps({ order })
    expect(converted).toStrictEqual({ order: { id: 'o-1', at: 1723667808, sku: 'A-1' } })
    expect(Object.keys(converted.order)).toStrictEqual(['id', 'at', 'sku'])
    expect(order).toStrictEqual({ id: 'o-1', at: '2024-08-14T20:36:48Z', sku: 'A-1' })
  })

  it('keeps "__proto__" an own key of a nested object whose dates it converts', () => {
    const input = JSON.parse('{"nested": {"__proto__": "2024-08-14T20:36:48Z", "a": "2024-08-14T20:36:48Z"}}') as {
      nested: Record<string, unknown>
    }
    const converted = convertNestedTimestamps(input)
    expect(JSON.stringify(converted)).toBe('{"nested":{"__proto__":1723667808,"a":1723667808}}')
    expect(Object.getPrototypeOf(converted.nested)).toBe(Object.prototype)
    expect(JSON.stringify(input)).toBe('{"nested":{"__proto__":"2024-08-14T20:36:48Z","a":"2024-08-14T20:36:48Z"}}')
  })
})

describe('definedAttributes', () => {
  it('sets the overrides over the record, with no key for an undefined override', () => {
    const result = definedAttributes({ a: 1, b: 2 }, false, { b: 3, c: undefined, d: 4 })
    expect(result).toStrictEqual({ a: 1, b: 3, d: 4 })
  })

  it('keeps "__proto__" an own key when an override sets it over the record’s', () => {
    const record = JSON.parse('{"__proto__": 1, "a": 2}') as Record<string, unknown>
    const overrides = JSON.parse('{"__proto__": 3}') as Record<string, unknown>
    const result = definedAttributes(record, false, overrides)
    expect(JSON.stringify(result)).toBe('{"__proto__":3,"a":2}')
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
    // An ordinary data property, as plain assignment makes for any other key.
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')).toStrictEqual({
      value: 3,
      writable: true,
      enumerable: true,
      configurable: true
    })
  })
})
