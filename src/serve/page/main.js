// @ts-check
// The deliveries page of ./bin/run serve: lists what the local server delivered, newest first, a page at a time
// (GET /_deliveries), and adds each new delivery as it arrives (GET /_events). This module starts the parts.
import { announce } from './announcer.js'
import { setUpDemo } from './demo.js'
import { $ } from './dom.js'
import { renderList, setActionOptions, setUpList } from './delivery-list.js'
import { clearHistory } from './history.js'
import { catchUp, isLive, startLive } from './live.js'
import { refreshSimSoon, setUpSimulator } from './simulator.js'
/** @typedef {import('./contract.js').DeliveryRecord} DeliveryRecord */

function curlExample() {
  const body = JSON.stringify({
    payload: [
      { type: 'track', event: 'Order Completed', userId: 'user-1', properties: { total: 42.5 } },
      { type: 'track', event: 'x'.repeat(120), userId: 'user-2' },
      { type: 'track', event: 'Signed Up', anonymousId: 'anon-7' }
    ]
  })
  return `curl -s -X POST ${location.origin}/trackEvent -H 'content-type: application/json' -d '${body}'`
}

/** The action filter lists the manifest's actions, in its order. */
async function loadActions() {
  try {
    const manifest = await (await fetch('/manifest')).json()
    /** @type {[string, { title: string }][]} */
    const actions = Object.entries(manifest.actions || {})
    setActionOptions(actions.map(([slug, action]) => [slug, action.title]))
  } catch {
    // The deliveries still fill the select.
  }
}

async function clearDeliveries() {
  await fetch('/_deliveries', { method: 'DELETE' })
  clearHistory()
  renderList()
  $('announcer').textContent = 'The list is cleared.'
}

/** @param {DeliveryRecord[]} records */
function onNewDeliveries(records) {
  renderList()
  announce(records)
  refreshSimSoon()
}

function start() {
  $('origin').textContent = location.host
  $('curl-example').textContent = curlExample()
  $('clear-deliveries').addEventListener('click', clearDeliveries)
  setUpList()
  renderList()
  startLive(onNewDeliveries)
  void setUpDemo(async () => {
    if (!isLive()) await catchUp()
  })
  setUpSimulator()
  void loadActions()
}

start()
