// Pure: how many bytes of UTF-8 a value takes as the local server's answers write it, counted without building the
// text. The count is of JSON.stringify(value, null, 2) with the value's lines indented `level` steps further, as they
// are where the value sits inside an answer: an indented answer sends exactly that, a compact one less.

/** Spaces per step of indentation in the measure (JSON.stringify's `space` argument). */
export const INDENT = 2

/**
 * The bytes of the value's indented JSON at `level` steps of indentation, or a number over `stopAbove` as soon as the
 * count passes it (so a large value costs no more than the limit to measure). 0 when JSON leaves the value out
 * (undefined, a function).
 */
export function answerBytes(value: unknown, level = 0, stopAbove = Infinity): number {
  const count = { bytes: 0, stopAbove }
  measure(value, level, count)
  return count.bytes
}

/** The bytes of a string as a JSON string: its quotes and escapes included. */
export function jsonStringBytes(text: string): number {
  // Every character takes at least one byte and at most six (a \u escape): most texts are told apart by length alone.
  return Buffer.byteLength(JSON.stringify(text))
}

/** How deep a value nests (0 for a primitive, 1 for a flat object or array), counted up to `stopAt` only. */
export function depthOf(value: unknown, stopAt: number): number {
  if (value === null || typeof value !== 'object') return 0
  if (stopAt <= 1) return 1
  let deepest = 0
  for (const element of Object.values(jsonForm(value) as object)) {
    deepest = Math.max(deepest, depthOf(element, stopAt - 1))
    if (deepest >= stopAt - 1) break
  }
  return deepest + 1
}

interface Count {
  bytes: number
  stopAbove: number
}

function measure(value: unknown, level: number, count: Count): void {
  if (count.bytes > count.stopAbove) return
  const json = jsonForm(value)
  if (json === null || typeof json !== 'object') {
    count.bytes += primitiveBytes(json)
    return
  }
  const padding = INDENT * (level + 1)
  let members = 0
  if (Array.isArray(json)) {
    for (const element of json) {
      count.bytes += padding + (members++ === 0 ? 0 : 1) + 1
      if (isLeftOut(jsonForm(element))) count.bytes += 4
      else measure(element, level + 1, count)
      if (count.bytes > count.stopAbove) return
    }
  } else {
    for (const [key, element] of Object.entries(json)) {
      if (isLeftOut(jsonForm(element))) continue
      count.bytes += padding + (members++ === 0 ? 0 : 1) + 1 + jsonStringBytes(key) + 2
      measure(element, level + 1, count)
      if (count.bytes > count.stopAbove) return
    }
  }
  // The brackets, and for a non-empty one the line break and indentation before the closing one.
  count.bytes += 2 + (members === 0 ? 0 : 1 + INDENT * level)
}

/** What JSON.stringify writes for a value: its toJSON() when it has one (a Date), else the value. */
function jsonForm(value: unknown): unknown {
  const candidate = value as { toJSON?: unknown } | null
  return typeof candidate?.toJSON === 'function' ? (candidate.toJSON as () => unknown)() : value
}

function isLeftOut(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

function primitiveBytes(value: unknown): number {
  if (typeof value === 'string') return jsonStringBytes(value)
  if (isLeftOut(value)) return 0
  // Numbers (non-finite ones are null), booleans and null are ASCII.
  return (JSON.stringify(value) as string).length
}
