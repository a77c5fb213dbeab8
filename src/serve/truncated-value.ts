// Large values kept by the delivery history stand in as a preview with their size, so that the history stays small.
// The page recognises a TruncatedValue and shows "truncated" with the size; a long text keeps its start and a note.

/** What is kept of a value whose JSON is over the limit: its size and the start of that JSON. */
export interface TruncatedValue {
  truncated: true
  /** The size of the whole value's JSON, in bytes of UTF-8. */
  bytes: number
  /** The first characters of that JSON. */
  preview: string
}

/** A payload, a sent item or an exchange's body over this many bytes is kept truncated. */
export const MAX_KEPT_VALUE_BYTES = 16_384
export const PREVIEW_CHARS = 2_000

/** The value itself when its JSON is small, else its size and a preview. */
export function truncateValue(value: unknown, maxBytes = MAX_KEPT_VALUE_BYTES): unknown {
  if (value === null || typeof value !== 'object')
    return typeof value === 'string' ? truncateText(value, maxBytes) : value
  const text = JSON.stringify(value)
  const bytes = overLimit(text, maxBytes)
  if (bytes === undefined) return value
  const truncated: TruncatedValue = { truncated: true, bytes, preview: startOf(text) }
  return truncated
}

/** The text itself when small, else its start and a note of its size (an exchange's body stays a string). */
export function truncateText(text: string, maxBytes = MAX_KEPT_VALUE_BYTES): string {
  const bytes = overLimit(text, maxBytes)
  if (bytes === undefined) return text
  return `${startOf(text)}… [truncated: ${bytes.toLocaleString('en-US')} bytes in all]`
}

/**
 * The first PREVIEW_CHARS characters, as a string of their own: V8 can make a slice a view that keeps the whole
 * text alive, which would defeat the truncation.
 */
function startOf(text: string): string {
  return Buffer.from(text.slice(0, PREVIEW_CHARS), 'utf8').toString('utf8')
}

/** The size in bytes when over the limit; undefined when within it (most texts are told by their length alone). */
function overLimit(text: string, maxBytes: number): number | undefined {
  if (text.length * 3 <= maxBytes) return undefined
  const bytes = Buffer.byteLength(text, 'utf8')
  return bytes > maxBytes ? bytes : undefined
}
