// Pure: a call's payloads turned into items ready to send, each serialized once; an event whose mapping throws, or
// whose item is over Customer.io's item limit, is refused before sending with the reason.
import { buildBatchItem } from './build-item'
import type { ItemSpec } from './build-item'
import { refusedOutcome, thrownMessage } from './event-outcomes'
import type { EventOutcome } from './event-outcomes'
import { isItemTooLarge, itemTooLargeMessage, serializeItem } from './limits'
import type { SerializedItem } from './limits'
import type { BatchItem } from './types'

/** Maps one payload to the item it becomes; it may throw for bad input, which fails that event alone. */
export type ItemMapper<P> = (payload: P) => ItemSpec

export type PreparedItem = { ok: true; item: BatchItem; serialized: SerializedItem } | { ok: false; message: string }

export function prepareItem<P>(payload: P, toItem: ItemMapper<P>): PreparedItem {
  let item: BatchItem
  try {
    item = buildBatchItem(toItem(payload))
  } catch (error) {
    return { ok: false, message: thrownMessage(error) }
  }
  const serialized = serializeItem(item)
  if (isItemTooLarge(serialized)) return { ok: false, message: itemTooLargeMessage(serialized.bytes) }
  return { ok: true, item, serialized }
}

/** An item ready to send, and the index of its payload. */
export interface ReadyItem {
  index: number
  item: BatchItem
  serialized: SerializedItem
}

/** The items ready to send, in order, and the outcome of each event refused, at its index. */
export function prepareBatch<P>(
  payloads: readonly P[],
  toItem: ItemMapper<P>
): { ready: ReadyItem[]; refused: EventOutcome[] } {
  const ready: ReadyItem[] = []
  const refused: EventOutcome[] = []
  payloads.forEach((payload, index) => {
    const prepared = prepareItem(payload, toItem)
    if (prepared.ok) ready.push({ index, item: prepared.item, serialized: prepared.serialized })
    else refused[index] = refusedOutcome(prepared.message)
  })
  return { ready, refused }
}
