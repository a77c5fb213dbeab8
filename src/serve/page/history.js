// @ts-check
// What the page holds of the server's delivery history: the pages it loaded (GET /_deliveries?limit=N&before=ID) and
// the deliveries the live stream brought since. It loads what is shown and older pages on demand, so that a page load
// costs the same whatever the server keeps. No DOM here but dropping a delivery's elements.
/** @typedef {import('./contract.js').DeliveryRecord} DeliveryRecord */
/** @typedef {import('./contract.js').HistoryPage} HistoryPage */

/**
 * @typedef {object} Entry
 * @property {DeliveryRecord} record
 * @property {Partial<Record<'all' | 'failed', HTMLElement>>} elements built when first shown, per filter
 * @property {boolean} allRows every event listed, not the first rows only
 * @property {boolean} fresh new since the page loaded: highlighted when first shown
 */

export const history = {
  /** @type {Map<number, Entry>} by id */
  entries: new Map(),
  /** How many deliveries the server keeps, as of its last answer and the stream since; undefined before the first. */
  kept: /** @type {number | undefined} */ (undefined),
  /** @type {number | undefined} */
  maxKept: undefined,
  /** The `before` of the next older page: undefined before the first load, null when the page holds the oldest. */
  next: /** @type {number | null | undefined} */ (undefined)
}

/**
 * GET /_deliveries with these query parameters.
 * @param {Record<string, number>} query
 * @returns {Promise<HistoryPage>}
 */
export async function fetchPage(query) {
  const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)]))
  let response
  try {
    response = await fetch(`/_deliveries?${search}`, { headers: { accept: 'application/json' } })
  } catch {
    throw new Error('the server is unreachable')
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}))
    const reason = typeof body.error === 'string' ? `: ${body.error}` : ''
    throw new Error(`GET /_deliveries answered ${response.status}${reason}`)
  }
  return response.json()
}

/** @param {Entry} entry */
export function removeElements(entry) {
  for (const element of Object.values(entry.elements)) element.remove()
  entry.elements = {}
}

/** @param {number} id */
function drop(id) {
  const entry = history.entries.get(id)
  if (!entry) return
  removeElements(entry)
  history.entries.delete(id)
}

/** The ids held, newest first. */
function heldIds() {
  return [...history.entries.keys()].sort((a, b) => b - a)
}

/**
 * Holds the record unless it is held already; keeps no more than the server keeps. True when it was added.
 * @param {DeliveryRecord} record
 * @param {boolean} fresh
 */
function hold(record, fresh) {
  if (history.entries.has(record.id)) return false
  history.entries.set(record.id, { record, elements: {}, allRows: false, fresh })
  const { maxKept } = history
  if (maxKept === undefined || history.entries.size <= maxKept) return true
  const oldest = heldIds().slice(maxKept)
  for (const id of oldest) drop(id)
  return !oldest.includes(record.id)
}

/**
 * A delivery from the live stream. True when it is new to the page.
 * @param {DeliveryRecord} record
 */
export function addLive(record) {
  const added = hold(record, true)
  if (added && history.kept !== undefined) history.kept = Math.min(history.kept + 1, history.maxKept ?? Infinity)
  return added
}

/**
 * Whether the latest page and what the page holds are no longer one list: the server kept nothing (cleared), or the
 * page shares no delivery with what is held and there are older ones between them. Then the page holds that page only.
 * @param {HistoryPage} page
 */
function breaksContinuity(page) {
  const held = heldIds()
  if (held.length === 0 || history.next === undefined) return false
  if (page.deliveries.length === 0) return true
  const newest = page.deliveries[0].id
  const oldest = page.deliveries[page.deliveries.length - 1].id
  if (held.some((id) => id >= oldest && id <= newest)) return false
  return page.next !== null && held.some((id) => id < oldest)
}

/**
 * Loads the latest `limit` deliveries (the first load, a catch-up, a poll); returns those new to the page.
 * @param {number} limit
 * @param {boolean} fresh whether new ones are highlighted and announced
 */
export async function loadLatest(limit, fresh) {
  const page = await fetchPage({ limit })
  const first = history.next === undefined
  if (breaksContinuity(page)) {
    const ids = new Set(page.deliveries.map((record) => record.id))
    for (const id of heldIds()) if (!ids.has(id)) drop(id)
    history.next = page.next
  } else if (first) history.next = page.next
  history.kept = page.kept
  history.maxKept = page.maxKept
  return page.deliveries.filter((record) => hold(record, fresh && !first))
}

/**
 * Loads the next older page, of at most `limit` deliveries; nothing when the page holds the oldest.
 * @param {number} limit
 */
export async function loadOlder(limit) {
  const before = history.next
  if (before === null || before === undefined) return []
  const page = await fetchPage({ limit, before })
  // A catch-up may have started over meanwhile: this page then belongs to a list the page no longer holds.
  if (history.next !== before) return []
  history.next = page.next
  history.kept = page.kept
  history.maxKept = page.maxKept
  return page.deliveries.filter((record) => hold(record, false))
}

/** After DELETE /_deliveries: the page holds nothing, and the server keeps nothing. */
export function clearHistory() {
  for (const id of heldIds()) drop(id)
  history.kept = 0
  history.next = null
}
