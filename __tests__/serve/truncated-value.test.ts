import { PREVIEW_CHARS, truncateText, truncateValue } from '../../src/serve/truncated-value'

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
