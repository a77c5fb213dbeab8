// @ts-check
// The simulator's panel: what the Track API simulator stored (GET /_sim/state), shown on request and refreshed after
// new deliveries while it is open. Without a simulator (--live), the demo and the panel are turned off.
import { $, el, plural } from './dom.js'
/** @typedef {import('./contract.js').SimState} SimState */
/** @typedef {import('./contract.js').SimIgnored} SimIgnored */

/** @type {Record<SimIgnored['reason'], string>} */
const IGNORED_WHY = {
  no_person_matched: 'update skipped: no person matched',
  duplicate_event_id: 'duplicate ignored: an event with this ULID id was stored'
}

/**
 * One line for an ignored item: why, what and whom.
 * @param {SimIgnored} item
 */
function ignoredLine(item) {
  const who = Object.entries(item.identifiers || {})
    .map(([kind, value]) => `${kind} ${String(value)}`)
    .join(', ')
  return `${IGNORED_WHY[item.reason] || item.reason}: ${item.action}${item.id ? ` ${item.id}` : ''} (${who})`
}

/**
 * The lines above the JSON: the account's region, the updates skipped, the duplicates ignored and the events that
 * would not trigger campaigns, counted, then each ignored item of the page the server sent (its newest).
 * @param {SimState} state
 */
function summaryLines(state) {
  const counters = state.counters
  const outside = (state.events || []).filter((event) => event.campaigns?.triggersCampaigns === false)
  const shown = (state.events || []).length
  return [
    el(
      'li',
      { 'data-count': 'account-region' },
      `account region: ${state.accountRegion.toUpperCase()} (POST /authenticate refuses another accountRegion, naming this one)`
    ),
    el(
      'li',
      { 'data-count': 'updates-skipped' },
      `${plural(counters.updatesSkipped, 'update')} skipped (no person matched)`
    ),
    el(
      'li',
      { 'data-count': 'duplicates-ignored' },
      `${plural(counters.duplicatesIgnored, 'duplicate event')} ignored (same ULID id)`
    ),
    el(
      'li',
      { 'data-count': 'outside-campaign-window' },
      `${outside.length} of the latest ${plural(shown, 'event')} stored but cannot trigger campaigns (over 72 h old)` +
        outside.map((event) => ` · ${event.name || event.action}`).join('')
    ),
    ...(state.ignored || []).map((item) =>
      el('li', { class: 'ignored-item', 'data-reason': item.reason }, ignoredLine(item))
    )
  ]
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let refreshTimer

async function showSimState() {
  const target = $('sim-state')
  try {
    const response = await fetch('/_sim/state')
    const body = await response.json()
    $('sim-summary').replaceChildren(...(response.ok ? summaryLines(body) : []))
    target.textContent = response.ok ? JSON.stringify(body, null, 2) : body.error || `HTTP ${response.status}`
  } catch (error) {
    target.textContent = `Could not load the simulator's state: ${/** @type {Error} */ (error).message}`
  }
}

/** Refreshes the open panel shortly, once for a burst of deliveries. */
export function refreshSimSoon() {
  if ($('sim-panel').hidden) return
  clearTimeout(refreshTimer)
  refreshTimer = setTimeout(showSimState, 300)
}

export function setUpSimulator() {
  const toggle = /** @type {HTMLButtonElement} */ ($('sim-toggle'))
  toggle.addEventListener('click', () => {
    const panel = $('sim-panel')
    const open = panel.hidden
    panel.hidden = !open
    toggle.setAttribute('aria-expanded', String(open))
    toggle.textContent = open ? 'Hide stored state' : 'Show stored state'
    if (open) void showSimState()
  })
  $('sim-refresh').addEventListener('click', showSimState)
  // Sending to Customer.io for real (--live): no simulator, so no demo.
  fetch('/_sim/state')
    .then((response) => {
      if (response.status !== 404) return
      $('demo-hint').textContent =
        'The demo needs the simulator, and this server sends to Customer.io for real (--live).'
      for (const button of $('demo-buttons').querySelectorAll('button')) button.disabled = true
      toggle.disabled = true
    })
    .catch(() => undefined)
}
