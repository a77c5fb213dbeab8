// Two rules of Customer.io's document that make an accepted operation change nothing: an identify with
// `attributes._update: true` updates existing people only, and an event whose ULID `id` was already received is a
// duplicate. Both are answered 200 like any accepted item; the state records them in `ignored` and the counters.
import { isUlid } from '../../track-api/ulid'
import type { Attributes, BatchItem, PersonIdentifiers } from '../../track-api/types'
import type { IgnoredRecord, SimulatorState } from './state'

/** `attributes._update: true`: update the person if they exist, create no one. */
export function isUpdateOnly(item: BatchItem): boolean {
  return item.attributes?._update === true
}

/** The attributes to store: `_update` is an instruction, not an attribute of the person. */
export function storedAttributes(attributes: Attributes | undefined): Attributes | undefined {
  if (attributes === undefined || !Object.hasOwn(attributes, '_update')) return attributes
  const rest = { ...attributes }
  delete rest._update
  return rest
}

/** Whether an event with this ULID `id` is stored already (ULIDs compared without regard to case). */
export function isDuplicateEvent(state: SimulatorState, id: string | undefined): boolean {
  if (id === undefined || !isUlid(id)) return false
  const wanted = id.toUpperCase()
  return state.events.some((event) => event.id !== undefined && event.id.toUpperCase() === wanted)
}

/** Records an operation that was accepted and ignored, and counts it. */
export function recordIgnored(
  state: SimulatorState,
  reason: IgnoredRecord['reason'],
  item: BatchItem,
  identifiers: PersonIdentifiers
): void {
  state.ignored.push({ reason, action: item.action, identifiers, ...(item.id === undefined ? {} : { id: item.id }) })
  if (reason === 'no_person_matched') state.counters.updatesSkipped += 1
  else state.counters.duplicatesIgnored += 1
}
