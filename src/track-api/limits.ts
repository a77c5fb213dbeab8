// Customer.io's size limits (../shared/track-api.md §3). "kb" in the docs is ambiguous, so count decimal bytes:
// an item of 32,000 bytes and a request of 500,000 bytes are the largest this destination sends.

export const MAX_ITEM_BYTES = 32_000
export const MAX_REQUEST_BYTES = 500_000
/** Documented per-person and per-object limits, checked by the simulator. */
export const MAX_ID_BYTES = 150
export const MAX_ATTRIBUTE_NAME_BYTES = 150
export const MAX_ATTRIBUTE_VALUE_BYTES = 1_000
export const MAX_UNIQUE_ATTRIBUTES = 300
export const MAX_EVENT_NAME_BYTES = 100
export const MAX_EVENT_DATA_BYTES = 100_000

/** `{"batch":[` + `]}`, and a comma between two items. */
const ENVELOPE_BYTES = '{"batch":[]}'.length
const SEPARATOR_BYTES = 1

/** An item already serialized once: its JSON text and that text's size in bytes. */
export interface SerializedItem {
  json: string
  bytes: number
}

export function serializeItem(item: unknown): SerializedItem {
  const json = JSON.stringify(item)
  return { json, bytes: Buffer.byteLength(json) }
}

/** The message for an item that is too large to send, with its size and the limit. */
export function itemTooLargeMessage(bytes: number): string {
  return `The item is ${bytes} bytes as JSON; Customer.io accepts at most ${MAX_ITEM_BYTES} bytes per item.`
}

export function isItemTooLarge(item: SerializedItem): boolean {
  return item.bytes > MAX_ITEM_BYTES
}

/**
 * Splits items (each no larger than MAX_ITEM_BYTES) into consecutive groups whose encoded request body
 * `{"batch":[…]}` stays within MAX_REQUEST_BYTES. Returns the positions of the items in each group, in order.
 */
export function splitIntoRequests(items: readonly SerializedItem[], maxRequestBytes = MAX_REQUEST_BYTES): number[][] {
  const groups: number[][] = []
  let current: number[] = []
  let size = ENVELOPE_BYTES
  items.forEach((item, position) => {
    // An item always opens a request of its own; it joins one only when it and its comma still fit.
    if (current.length > 0 && size + SEPARATOR_BYTES + item.bytes > maxRequestBytes) {
      groups.push(current)
      current = []
      size = ENVELOPE_BYTES
    }
    size += item.bytes + (current.length > 0 ? SEPARATOR_BYTES : 0)
    current.push(position)
  })
  if (current.length > 0) groups.push(current)
  return groups
}

/** The request body for a group of serialized items: the same bytes that were counted. */
export function encodeBatchBody(items: readonly SerializedItem[]): string {
  return `{"batch":[${items.map((item) => item.json).join(',')}]}`
}
