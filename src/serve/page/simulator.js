// @ts-check
// The simulator's panel: what the Track API simulator stored (GET /_sim/state), shown on request and refreshed after
// new deliveries while it is open. Without a simulator (--live), the demo and the panel are turned off.
import { $ } from './dom.js'

/** @type {ReturnType<typeof setTimeout> | undefined} */
let refreshTimer

async function showSimState() {
  const target = $('sim-state')
  try {
    const response = await fetch('/_sim/state')
    const body = await response.json()
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
