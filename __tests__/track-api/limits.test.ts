import {
  MAX_ITEM_BYTES,
  encodeBatchBody,
  isItemTooLarge,
  itemTooLargeMessage,
  serializeItem,
  splitIntoRequests
} from '../../src/track-api/limits'

const itemOfBytes = (bytes: number) => {
  // {"p":"…"} is 8 bytes of envelope around the padding.
  const item = serializeItem({ p: 'x'.repeat(bytes - 8) })
  expect(item.bytes).toBe(bytes)
  return item
}

describe('serializeItem', () => {
  it('counts bytes of UTF-8, not characters', () => {
    expect(serializeItem({ name: 'é🇺🇸' })).toEqual({ json: '{"name":"é🇺🇸"}', bytes: 21 })
  })
})

describe('isItemTooLarge', () => {
  it('accepts exactly 32,000 bytes and refuses one more', () => {
    expect(isItemTooLarge(itemOfBytes(MAX_ITEM_BYTES))).toBe(false)
    expect(isItemTooLarge(itemOfBytes(MAX_ITEM_BYTES + 1))).toBe(true)
    expect(itemTooLargeMessage(32001)).toBe(
      'The item is 32001 bytes as JSON; Customer.io accepts at most 32000 bytes per item.'
    )
  })
})

describe('splitIntoRequests', () => {
  it('keeps a batch under the limit in one request', () => {
    expect(splitIntoRequests([itemOfBytes(100), itemOfBytes(100)], 1000)).toEqual([[0, 1]])
  })

  it('splits consecutive items so that every encoded body stays within the limit', () => {
    const items = Array.from({ length: 7 }, () => itemOfBytes(300))
    const groups = splitIntoRequests(items, 1000)
    expect(groups).toEqual([[0, 1, 2], [3, 4, 5], [6]])
    for (const group of groups) {
      expect(Buffer.byteLength(encodeBatchBody(group.map((i) => items[i])))).toBeLessThanOrEqual(1000)
    }
  })

  it('fills a request up to exactly the limit', () => {
    // 12 bytes of envelope + 494 + 1 comma + 493 = 1000
    expect(splitIntoRequests([itemOfBytes(494), itemOfBytes(493), itemOfBytes(10)], 1000)).toEqual([[0, 1], [2]])
  })

  it('returns no groups for no items', () => {
    expect(splitIntoRequests([], 1000)).toEqual([])
  })
})

describe('encodeBatchBody', () => {
  it('joins the serialized items into the batch envelope', () => {
    const body = encodeBatchBody([serializeItem({ a: 1 }), serializeItem({ b: 'é' })])
    expect(body).toBe('{"batch":[{"a":1},{"b":"é"}]}')
    expect(JSON.parse(body)).toEqual({ batch: [{ a: 1 }, { b: 'é' }] })
  })
})
