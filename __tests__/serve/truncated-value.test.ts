import { answerBytes, depthOf } from '../../src/serve/json-bytes'
import {
  KEPT_VALUE_LEVEL,
  MAX_KEPT_DEPTH,
  MAX_KEPT_VALUE_BYTES,
  PREVIEW_CHARS,
  truncateText,
  truncateValue
} from '../../src/serve/truncated-value'

describe('truncateValue', () => {
  it('keeps a value whose JSON is within the limit as it is', () => {
    const value = { name: 'Order Completed', total: 42.5 }
    expect(truncateValue(value, 100)).toBe(value)
    expect(truncateValue(undefined, 1)).toBeUndefined()
    expect(truncateValue(7, 1)).toBe(7)
  })

  it('keeps a larger one as its size in bytes of JSON and the start of that JSON', () => {
    const value = { bio: 'é'.repeat(3000) }
    const json = JSON.stringify(value)
    expect(truncateValue(value, 1000)).toEqual({
      truncated: true,
      bytes: Buffer.byteLength(json),
      preview: json.slice(0, PREVIEW_CHARS)
    })
  })

  it('keeps a long string a string, its start and a note of its size', () => {
    const text = 'x'.repeat(PREVIEW_CHARS * 2)
    expect(truncateValue(text, 100)).toBe(`${'x'.repeat(PREVIEW_CHARS)}… [truncated: 4,000 bytes in all]`)
    expect(truncateText('short', 100)).toBe('short')
  })
})

/** An array nested `depth` levels around 1. */
function chain(depth: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

describe('answerBytes', () => {
  const values: [string, unknown][] = [
    ['a number', 42.5],
    ['a string with escapes and non-ASCII', 'é "quoted" \\ \n \u0001 \ud800 ✓'],
    ['an empty object and array', { a: {}, b: [] }],
    ['members JSON leaves out or writes as null', { a: undefined, b: [undefined, () => 1, NaN, Infinity], c: null }],
    ['an object of only left-out members', { a: undefined }],
    ['a date', { at: new Date(0) }],
    ['nested objects and arrays', { person: { id: 'u-1', tags: ['a', 'b'], devices: [{ token: 't', n: 1 }] } }],
    ['a deep chain', chain(40)]
  ]

  it.each(values)('counts %s as JSON.stringify(value, null, 2) writes it, at any level', (_name, value) => {
    for (const level of [0, 1, 6]) {
      const text = (JSON.stringify(value, null, 2) as string).replace(/\n/g, `\n${' '.repeat(2 * level)}`)
      expect(answerBytes(value, level)).toBe(Buffer.byteLength(text))
    }
  })

  it('stops counting soon after the limit', () => {
    const big = Array.from({ length: 10_000 }, (_, index) => ({ index }))
    const counted = answerBytes(big, 0, 1_000)
    expect(counted).toBeGreaterThan(1_000)
    expect(counted).toBeLessThan(1_100)
  })

  it('tells the depth of a value, counting no further than asked', () => {
    expect([depthOf(1, 5), depthOf({}, 5), depthOf({ a: [1] }, 5), depthOf(chain(95), 17)]).toEqual([0, 1, 2, 17])
  })
})

describe('truncateValue of deep values', () => {
  it('keeps a value deeper than MAX_KEPT_DEPTH as its size and beginning, however small', () => {
    const deep = chain(MAX_KEPT_DEPTH + 1)
    const json = JSON.stringify(deep)
    expect(truncateValue(deep)).toEqual({ truncated: true, bytes: json.length, preview: json })
    expect(truncateValue(chain(MAX_KEPT_DEPTH))).toEqual(chain(MAX_KEPT_DEPTH))
  })

  it('counts a value as an indented answer sends it, where it sits: small as compact JSON is not enough', () => {
    // 40 properties, each an array of 16 levels: 1,591 bytes of compact JSON, 41,924 once indented at its place.
    const properties = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`k${index}`, chain(16)]))
    expect(Buffer.byteLength(JSON.stringify(properties))).toBeLessThan(MAX_KEPT_VALUE_BYTES / 10)
    expect(truncateValue(properties)).toMatchObject({ truncated: true })
  })

  it('takes at most MAX_KEPT_VALUE_BYTES in an answer once truncated, whatever the value', () => {
    const values = [
      { text: '"\\'.repeat(20_000) },
      { text: '✓'.repeat(20_000) },
      '\u0001'.repeat(20_000),
      chain(95),
      Array.from({ length: 500 }, () => chain(30))
    ]
    for (const value of values) {
      expect(answerBytes(truncateValue(value), KEPT_VALUE_LEVEL)).toBeLessThanOrEqual(MAX_KEPT_VALUE_BYTES)
    }
  })
})
