// The metrics panel of the deliveries page: the totals the destination reported through its statsContext, as the
// platform would receive them (GET /_stats, polled). Plain browser JavaScript, no build step; values go in as text.
;(function () {
  'use strict'

  const POLL_MS = 2000

  /** The panel's cells, by the key of the summary they show. */
  const CELLS = [
    ['delivered', 'delivered', 'ok'],
    ['rejected', 'rejected', 'failed'],
    ['retried', 'to be retried', 'retry'],
    ['refused', 'refused before sending', 'failed'],
    ['requests', 'requests', ''],
    ['bytes', 'bytes sent', ''],
    ['p50', 'answer time p50', ''],
    ['p95', 'answer time p95', '']
  ]

  function build() {
    const section = document.createElement('section')
    section.className = 'panel stats-panel'
    section.id = 'stats-panel'
    section.setAttribute('aria-labelledby', 'stats-heading')
    const heading = document.createElement('h2')
    heading.id = 'stats-heading'
    heading.textContent = 'Metrics the platform would see'
    const hint = document.createElement('p')
    hint.className = 'hint'
    hint.textContent = 'Totals of what the destination reported through its statsContext (GET /_stats).'
    const list = document.createElement('dl')
    list.className = 'stats-grid'
    for (const [key, label, state] of CELLS) {
      const cell = document.createElement('div')
      cell.className = state ? `stats-cell stats-${state}` : 'stats-cell'
      const value = document.createElement('dd')
      value.id = `stats-${key}`
      value.textContent = '–'
      const name = document.createElement('dt')
      name.textContent = label
      cell.append(name, value)
      list.append(cell)
    }
    const warnings = document.createElement('p')
    warnings.id = 'stats-warnings'
    warnings.className = 'hint'
    section.append(heading, hint, list, warnings)
    const deliveries = document.querySelector('section.deliveries')
    if (deliveries && deliveries.parentNode) deliveries.parentNode.insertBefore(section, deliveries)
    else document.body.append(section)
  }

  function set(key, text) {
    const cell = document.getElementById(`stats-${key}`)
    if (cell && cell.textContent !== text) cell.textContent = text
  }

  function ms(value) {
    return value === null || value === undefined ? '–' : `${value} ms`
  }

  function show(summary) {
    set('delivered', String(summary.events.delivered))
    set('rejected', String(summary.events.rejected))
    set('retried', String(summary.events.retried))
    set('refused', String(summary.events.refused))
    set('requests', String(summary.requests))
    set('bytes', summary.bytes.toLocaleString('en-US'))
    set('p50', ms(summary.answerTimeMs.p50))
    set('p95', ms(summary.answerTimeMs.p95))
    const count = summary.warnings.count
    const last = summary.warnings.recent[summary.warnings.recent.length - 1]
    const text =
      count === 0 ? 'No warning through the logger.' : `${count} warning(s) through the logger; the last: ${last}`
    const warnings = document.getElementById('stats-warnings')
    if (warnings && warnings.textContent !== text) warnings.textContent = text
  }

  async function refresh() {
    try {
      const response = await fetch('/_stats', { headers: { accept: 'application/json' } })
      if (response.ok) show(await response.json())
    } catch {
      // The server is away; the next poll tries again.
    }
  }

  function start() {
    build()
    refresh()
    setInterval(refresh, POLL_MS)
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
