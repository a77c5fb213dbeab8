import { MAX_REQUEST_BYTES, encodeBatchBody, serializeItem, splitIntoRequests } from '../../src/track-api/limits'

// The request limit, byte for byte: `{"batch":[` + items joined by commas + `]}` is what is sent and what is counted.
const itemOfBytes = (bytes: number) => {
  const item = serializeItem({ p: 'x'.repeat(bytes - 8) })
  expect(item.bytes).toBe(bytes)
  return item
}

/** n items whose encoded request body is exactly `total` bytes: envelope 12, a comma between two items. */
const itemsFilling = (n: number, total: number) => {
  const payload = total - 12 - (n - 1)
  const each = Math.floor(payload / n)
  return Array.from({ length: n }, (_, i) => itemOfBytes(i === n - 1 ? payload - each * (n - 1) : each))
}

const bodyBytes = (items: ReturnType<typeof itemOfBytes>[]) => Buffer.byteLength(encodeBatchBody(items), 'utf8')

describe('splitIntoRequests at the 500,000-byte limit', () => {
  it('sends a body of exactly 500,000 bytes as one request', () => {
    const items = itemsFilling(16, MAX_REQUEST_BYTES)
    expect(bodyBytes(items)).toBe(500_000)
    expect(splitIntoRequests(items)).toEqual([Array.from({ length: 16 }, (_, i) => i)])
  })

  it('splits a body of 500,001 bytes, and every part stays within the limit', () => {
    const items = itemsFilling(16, MAX_REQUEST_BYTES + 1)
    expect(bodyBytes(items)).toBe(500_001)
    const groups = splitIntoRequests(items)
    expect(groups).toEqual([Array.from({ length: 15 }, (_, i) => i), [15]])
    for (const group of groups) expect(bodyBytes(group.map((i) => items[i]))).toBeLessThanOrEqual(MAX_REQUEST_BYTES)
  })

  it('counts the comma between two items: one byte over the limit splits them', () => {
    // 12 + 494 + 1 + 493 = 1000 fits; 12 + 494 + 1 + 494 = 1001 does not.
    expect(splitIntoRequests([itemOfBytes(494), itemOfBytes(493)], 1000)).toEqual([[0, 1]])
    expect(splitIntoRequests([itemOfBytes(494), itemOfBytes(494)], 1000)).toEqual([[0], [1]])
  })

  it('counts the envelope: a single item fills a request of its size plus 12 bytes', () => {
    expect(splitIntoRequests([itemOfBytes(988), itemOfBytes(10)], 1000)).toEqual([[0], [1]])
    expect(splitIntoRequests([itemOfBytes(977), itemOfBytes(10)], 1000)).toEqual([[0, 1]])
  })

  it('starts each new request with no separator, so the second part fills to the limit too', () => {
    const items = [itemOfBytes(988), itemOfBytes(494), itemOfBytes(493), itemOfBytes(8)]
    const groups = splitIntoRequests(items, 1000)
    expect(groups).toEqual([[0], [1, 2], [3]])
    expect(groups.map((group) => bodyBytes(group.map((i) => items[i])))).toEqual([1000, 1000, 20])
  })

  it('puts an item larger than the request limit in a request of its own', () => {
    expect(splitIntoRequests([itemOfBytes(10), itemOfBytes(2000), itemOfBytes(10)], 1000)).toEqual([[0], [1], [2]])
    expect(splitIntoRequests([itemOfBytes(2000), itemOfBytes(10)], 1000)).toEqual([[0], [1]])
  })
})
