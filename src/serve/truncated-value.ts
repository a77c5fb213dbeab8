// Pure: large or deep values kept by the delivery history (and shown of the simulator's state) stand in as their size
// and their beginning, so that what the server keeps and sends stays small. The page recognises a TruncatedValue and
// shows "truncated" with the size; a long text keeps its start and a note.
//
// The limit counts the bytes the value takes in an answer (json-bytes.ts: indented as deep as a kept value sits), and
// a value nested deeper than MAX_KEPT_DEPTH is truncated whatever its size: indentation grows with depth, so a deep
// value that is small as compact JSON could otherwise be large in an answer.
import { answerBytes, depthOf, jsonStringBytes } from './json-bytes'

/** What is kept of a value over the limits: its size and the start of its JSON. */
export interface TruncatedValue {
  truncated: true
  /** The size of the whole value's compact JSON, in bytes of UTF-8. */
  bytes: number
  /** The first characters of that JSON. */
  preview: string
}

/**
 * A payload, a sent item or an exchange's body over this many bytes in an answer is kept truncated. A truncated one
 * takes at most PREVIEW_CHARS characters of JSON, at most 6 bytes each once escaped (about 12 KB), so every kept
 * value takes at most this many bytes in an answer.
 */
export const MAX_KEPT_VALUE_BYTES = 16_384
export const PREVIEW_CHARS = 2_000
/** A value nested deeper than this (an object or array in an object… this many levels) is kept truncated. */
export const MAX_KEPT_DEPTH = 16
/**
 * How many levels deep a kept value sits in an answer at most: GET /_deliveries → deliveries → a delivery →
 * exchanges → an exchange → its response → its body. The measure indents the value's lines that deep.
 */
export const KEPT_VALUE_LEVEL = 6

/** The value itself when small and shallow enough, else its size and a preview. */
export function truncateValue(value: unknown, maxBytes = MAX_KEPT_VALUE_BYTES, level = KEPT_VALUE_LEVEL): unknown {
  if (typeof value === 'string') return truncateText(value, maxBytes)
  if (value === null || typeof value !== 'object') return value
  if (depthOf(value, MAX_KEPT_DEPTH + 1) <= MAX_KEPT_DEPTH && answerBytes(value, level, maxBytes) <= maxBytes) {
    return value
  }
  const text = JSON.stringify(value)
  const truncated: TruncatedValue = { truncated: true, bytes: Buffer.byteLength(text), preview: startOf(text) }
  return truncated
}

/** The text itself when small, else its start and a note of its size (an exchange's body stays a string). */
export function truncateText(text: string, maxBytes = MAX_KEPT_VALUE_BYTES): string {
  // A character takes at most 6 bytes as a JSON string (a \u escape); most texts are told apart by length alone.
  if (text.length * 6 + 2 <= maxBytes || jsonStringBytes(text) <= maxBytes) return text
  const bytes = Buffer.byteLength(text, 'utf8')
  return `${startOf(text)}… [truncated: ${bytes.toLocaleString('en-US')} bytes in all]`
}

/**
 * The first PREVIEW_CHARS characters, as a string of their own: V8 can make a slice a view that keeps the whole
 * text alive, which would defeat the truncation.
 */
function startOf(text: string): string {
  return Buffer.from(text.slice(0, PREVIEW_CHARS), 'utf8').toString('utf8')
}

/**
 * The bytes of values one delivery keeps in all, as an answer sends them: a batch of many events would otherwise
 * keep MAX_KEPT_VALUE_BYTES three times per event. Once spent, each further value is kept as its size alone.
 */
export const MAX_DELIVERY_VALUE_BYTES = 4_000_000

export interface ValueKeeper {
  value(value: unknown): unknown
  text(text: string): string
}

/** Keeps the values of one delivery, each within `valueBytes`, all within `totalBytes`. */
export function valueKeeper(valueBytes = MAX_KEPT_VALUE_BYTES, totalBytes = MAX_DELIVERY_VALUE_BYTES): ValueKeeper {
  let spent = 0
  const within = (size: number) => {
    if (spent + size > totalBytes) return false
    spent += size
    return true
  }
  return {
    value(value) {
      if (typeof value === 'string') return this.text(value)
      const kept = truncateValue(value, valueBytes)
      if (value === null || typeof value !== 'object' || within(answerBytes(kept, KEPT_VALUE_LEVEL))) return kept
      const size: TruncatedValue = { truncated: true, bytes: Buffer.byteLength(JSON.stringify(value)), preview: '' }
      return size
    },
    text(text) {
      const kept = truncateText(text, valueBytes)
      if (within(jsonStringBytes(kept))) return kept
      return `… [not kept: ${Buffer.byteLength(text, 'utf8').toLocaleString('en-US')} bytes]`
    }
  }
}
