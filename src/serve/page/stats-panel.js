// @ts-check
// The metrics panel of the deliveries page: the totals the destination reported through its statsContext, as the
// platform would receive them (GET /_stats, polled). Values go in as text; every count is written as formatCount does.
import { el, formatCount } from './dom.js'

const POLL_MS = 2000

/** The panel's cells: the key of the summary each shows, its label, its colour's state. */
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

/**
 * @typedef {object} StatsSummary
 * @property {{ delivered: number, rejected: number, retried: number, refused: number }} events
 * @property {number} requests
 * @property {number} bytes
 * @property {{ p50: number | null, p95: number | null }} answerTimeMs
 * @property {{ count: number, recent: string[] }} warnings
 */

function build() {
  const cells = CELLS.map(([key, label, state]) =>
    el(
      'div',
      { class: state ? `stats-cell stats-${state}` : 'stats-cell' },
      el('dt', {}, label),
      el('dd', { id: `stats-${key}` }, '–')
    )
  )
  const section = el(
    'section',
    { class: 'panel stats-panel', id: 'stats-panel', 'aria-labelledby': 'stats-heading' },
    el('h2', { id: 'stats-heading' }, 'Metrics the platform would see'),
    el('p', { class: 'hint' }, 'Totals of what the destination reported through its statsContext (GET /_stats).'),
    el('dl', { class: 'stats-grid' }, cells),
    el('p', { id: 'stats-warnings', class: 'hint' })
  )
  const deliveries = document.querySelector('section.deliveries')
  if (deliveries && deliveries.parentNode) deliveries.parentNode.insertBefore(section, deliveries)
  else document.body.append(section)
}

/**
 * @param {string} id
 * @param {string} text
 */
function set(id, text) {
  const cell = document.getElementById(id)
  if (cell && cell.textContent !== text) cell.textContent = text
}

/** @param {number | null | undefined} value */
function ms(value) {
  return value === null || value === undefined ? '–' : `${formatCount(value)} ms`
}

/** @param {StatsSummary} summary */
function show(summary) {
  for (const key of /** @type {const} */ (['delivered', 'rejected', 'retried', 'refused'])) {
    set(`stats-${key}`, formatCount(summary.events[key]))
  }
  set('stats-requests', formatCount(summary.requests))
  set('stats-bytes', formatCount(summary.bytes))
  set('stats-p50', ms(summary.answerTimeMs.p50))
  set('stats-p95', ms(summary.answerTimeMs.p95))
  const count = summary.warnings.count
  const last = summary.warnings.recent[summary.warnings.recent.length - 1]
  const text =
    count === 0
      ? 'No warning through the logger.'
      : `${formatCount(count)} warning(s) through the logger; the last: ${last}`
  set('stats-warnings', text)
}

async function refresh() {
  try {
    const response = await fetch('/_stats', { headers: { accept: 'application/json' } })
    if (response.ok) show(await response.json())
  } catch {
    // The server is away; the next poll tries again.
  }
}

build()
void refresh()
setInterval(refresh, POLL_MS)
