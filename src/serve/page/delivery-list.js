// @ts-check
// The list of deliveries: the latest that match the filters, PAGE_SIZE at a time, the others not in the DOM. When the
// page holds too few (a filter, "Show older"), it loads older pages from the server until it has enough or the oldest.
import { $, el, field, formatCount, plural } from './dom.js'
import { renderDelivery } from './delivery-view.js'
import { MAX_ROWS } from './events-table.js'
import { history, loadOlder, removeElements } from './history.js'
/** @typedef {import('./history.js').Entry} Entry */

/** How many deliveries are listed at first, and how many more each "Show older" lists. */
export const PAGE_SIZE = 10
/** How many deliveries a request for older ones asks for while a filter is on (the filter leaves some out). */
const FILTERED_PAGE = 50
const FRESH_MS = 4000

let shownLimit = PAGE_SIZE
/** Why the list is not whole (its load failed), or null. */
let loadError = /** @type {string | null} */ (null)
let filling = false
/** The actions the filter offers (after "All actions"). */
const listedActions = new Set()

function filters() {
  return { failedOnly: field('failed-only').checked, action: field('action-filter').value }
}

/**
 * The delivery's element for this filter, built when first shown and kept (with its open details) after.
 * @param {Entry} entry
 * @param {boolean} failedOnly
 */
function elementOf(entry, failedOnly) {
  const mode = failedOnly ? 'failed' : 'all'
  const built = entry.elements[mode]
  if (built) return built
  const element = renderDelivery(entry.record, failedOnly, entry.allRows)
  entry.elements[mode] = element
  if (entry.fresh) {
    entry.fresh = false
    element.classList.add('is-fresh')
    setTimeout(() => element.classList.remove('is-fresh'), FRESH_MS)
  }
  return element
}

/**
 * Puts exactly these elements in the list, in order, moving only what changed (so focus and scroll stay).
 * @param {HTMLElement[]} elements
 */
function placeInList(elements) {
  const list = $('delivery-list')
  let cursor = list.firstElementChild
  for (const element of elements) {
    if (element === cursor) {
      cursor = cursor.nextElementSibling
      continue
    }
    list.insertBefore(element, cursor)
  }
  while (cursor) {
    const next = cursor.nextElementSibling
    cursor.remove()
    cursor = next
  }
}

/** The held deliveries that match the filters, newest first. */
function matchingEntries() {
  const { failedOnly, action } = filters()
  const problems = (/** @type {Entry} */ { record }) => record.failed > 0 || record.retried > 0
  return [...history.entries.values()]
    .filter((entry) => (!action || entry.record.action === action) && (!failedOnly || problems(entry)))
    .sort((a, b) => b.record.id - a.record.id)
}

/**
 * The line under the filters and the "Show older" button, from what is held and what the server keeps.
 * @param {number} matching
 * @param {number} listed
 */
function describeList(matching, listed) {
  const { failedOnly, action } = filters()
  const held = history.entries.size
  const total = Math.max(history.kept ?? held, held)
  const whole = history.next === null || history.next === undefined
  const filtered = failedOnly || action !== ''
  const known = !filtered ? total : whole ? matching : undefined
  const deliveries = plural(total, 'delivery', 'deliveries')
  const summary =
    total === 0
      ? ''
      : known === total
        ? `Showing all ${deliveries}.`
        : known !== undefined
          ? `Showing ${formatCount(known)} of ${deliveries}.`
          : `Showing ${formatCount(matching)} of the latest ${formatCount(held)} of ${deliveries}.`
  const unlisted = known === undefined ? matching - listed : known - listed
  $('filter-summary').textContent = unlisted > 0 ? `${summary} The latest ${formatCount(listed)} are listed.` : summary
  const more = $('show-more')
  more.hidden = unlisted <= 0 && whole
  more.textContent =
    known === undefined
      ? `Show older (${formatCount(total - held)} not loaded yet)`
      : `Show ${formatCount(Math.min(unlisted, PAGE_SIZE))} older (${formatCount(unlisted)} not listed)`
}

/** Lists the latest `shownLimit` held deliveries that match the filters; loads older ones when too few are held. */
export function renderList() {
  const { failedOnly } = filters()
  const matching = matchingEntries()
  const shown = matching.slice(0, shownLimit)
  placeInList(shown.map((entry) => elementOf(entry, failedOnly)))
  const total = history.entries.size
  for (const { record } of history.entries.values()) addActionOption(record.action)
  $('empty').hidden = total > 0 || loadError !== null || history.next === undefined
  $('no-match').hidden = total === 0 || matching.length > 0
  $('delivery-list').hidden = shown.length === 0
  describeList(matching.length, shown.length)
  if (shown.length < shownLimit && history.next !== null && history.next !== undefined) void fillList()
}

/** Loads older pages until the filters match `shownLimit` deliveries or the page holds the oldest. */
async function fillList() {
  if (filling) return
  filling = true
  const section = $('deliveries-section')
  section.setAttribute('aria-busy', 'true')
  try {
    const { failedOnly, action } = filters()
    const wanted = shownLimit - matchingEntries().length
    await loadOlder(failedOnly || action ? FILTERED_PAGE : Math.max(wanted, 1))
  } catch (error) {
    $('filter-summary').textContent = `Older deliveries could not be loaded: ${/** @type {Error} */ (error).message}`
    return
  } finally {
    filling = false
    section.removeAttribute('aria-busy')
  }
  renderList()
}

/**
 * Why the list is not whole, or null once it loaded again.
 * @param {string | null} reason
 */
export function setLoadError(reason) {
  loadError = reason
  renderList()
}

/** A filter change lists the first PAGE_SIZE again, and is announced once. */
function onFilterChange() {
  shownLimit = PAGE_SIZE
  renderList()
  $('announcer').textContent = $('filter-summary').textContent
}

/** @param {Event} event */
function onShowAllRows(event) {
  const target = /** @type {HTMLElement} */ (event.target)
  if (!target.matches('.show-all-rows')) return
  const item = /** @type {HTMLElement} */ (target.closest('li.delivery-item'))
  const entry = history.entries.get(Number(item.dataset.id))
  if (!entry) return
  entry.allRows = true
  removeElements(entry)
  renderList()
  // The focus goes to the first of the events just listed, where the button was.
  const element = entry.elements[filters().failedOnly ? 'failed' : 'all']
  const summaries = element?.querySelectorAll('details.event-details summary')
  const first = /** @type {HTMLElement | undefined} */ (summaries?.[MAX_ROWS])
  first?.focus()
}

/**
 * Adds an action to the action filter, once.
 * @param {string} slug
 * @param {string} [label]
 */
export function addActionOption(slug, label) {
  if (listedActions.has(slug)) return
  listedActions.add(slug)
  field('action-filter').append(el('option', { value: slug }, label ? `${label} (${slug})` : slug))
}

/**
 * The action filter's options: these actions first (the manifest's, in its order), then any other already listed.
 * @param {[string, string][]} actions slug and title
 */
export function setActionOptions(actions) {
  const select = field('action-filter')
  const selected = select.value
  const seen = [...listedActions]
  for (const option of [...select.options].slice(1)) option.remove()
  listedActions.clear()
  for (const [slug, title] of actions) addActionOption(slug, title)
  for (const slug of seen) addActionOption(slug)
  select.value = selected
}

export function setUpList() {
  field('failed-only').addEventListener('change', onFilterChange)
  field('action-filter').addEventListener('change', onFilterChange)
  $('delivery-list').addEventListener('click', onShowAllRows)
  $('show-more').addEventListener('click', () => {
    shownLimit += PAGE_SIZE
    renderList()
  })
}
