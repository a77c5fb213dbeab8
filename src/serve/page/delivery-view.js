// @ts-check
// One delivery as an article: what happened to it as a whole, its counts, the error it threw, its events and its HTTP
// exchanges. Every state and count is the server's.
import { el, formatCount, formatTime, headersText, jsonBlock, lazyDetails, plural } from './dom.js'
import { eventsTable } from './events-table.js'
/** @typedef {import('./contract.js').DeliveryRecord} DeliveryRecord */
/** @typedef {import('./contract.js').Exchange} Exchange */

const OVERALL_ICON = { ok: '✓', failed: '✗', retry: '↻' }

/**
 * What happened to the delivery as a whole, in words (the colour only repeats it).
 * @param {DeliveryRecord} record
 * @returns {{ state: 'ok' | 'failed' | 'retry', text: string }}
 */
function overallOf(record) {
  if (record.thrown) {
    return record.thrown.retryable
      ? { state: 'retry', text: 'Thrown back: will be retried' }
      : { state: 'failed', text: 'Thrown: failed' }
  }
  if (record.failed === 0 && record.retried === 0) return { state: 'ok', text: 'Delivered' }
  if (record.succeeded === 0 && record.failed === 0) return { state: 'retry', text: 'All to be retried' }
  if (record.succeeded === 0) return { state: 'failed', text: 'All failed' }
  return { state: 'failed', text: 'Partly failed' }
}

/** @param {DeliveryRecord} record */
function countsList(record) {
  /**
   * @param {string} state
   * @param {string} icon
   * @param {string} text
   * @param {number} count
   */
  const item = (state, icon, text, count) =>
    el(
      'li',
      { class: `count count-${state}${count === 0 ? ' is-zero' : ''}` },
      el('span', { 'aria-hidden': 'true', class: 'icon' }, icon),
      `${formatCount(count)} ${text}`
    )
  return el(
    'ul',
    { class: 'counts', 'aria-label': 'Outcome counts' },
    el('li', { class: 'count count-events' }, plural(record.events, 'event')),
    item('ok', '✓', 'succeeded', record.succeeded),
    item('failed', '✗', 'failed', record.failed),
    item('retry', '↻', 'will be retried', record.retried)
  )
}

/**
 * @param {DeliveryRecord} record
 * @param {import('./contract.js').Thrown} thrown
 */
function thrownNote(record, thrown) {
  const consequence = thrown.retryable
    ? `Retryable: the platform retries all ${plural(record.events, 'event')}.`
    : `Not retryable: all ${plural(record.events, 'event')} failed.`
  return el(
    'p',
    { class: `thrown thrown-${thrown.retryable ? 'retry' : 'failed'}` },
    el('strong', {}, 'The call threw'),
    thrown.status ? ` (status ${thrown.status})` : '',
    ': ',
    el('span', { class: 'thrown-message' }, thrown.message),
    el('br'),
    consequence
  )
}

/**
 * One side of an exchange: its first line, its headers and its body.
 * @param {string} title
 * @param {string} line
 * @param {Record<string, string> | undefined} headers
 * @param {HTMLElement} body
 */
function exchangeSide(title, line, headers, body) {
  return el(
    'section',
    { class: 'pair-item' },
    el('h4', {}, title),
    el('p', {}, el('code', {}, line)),
    el('pre', { class: 'json headers', tabindex: 0, 'aria-label': `${title} headers` }, headersText(headers)),
    body
  )
}

/**
 * An HTTP exchange in a disclosure; its status is shown as the answer's, not classified (the events say what it meant).
 * @param {DeliveryRecord} record
 * @param {Exchange} exchange
 * @param {number} position
 * @param {number} total
 */
function exchangeDetails(record, exchange, position, total) {
  const { request, response } = exchange
  const status = `${response.statusCode} ${response.statusMessage || ''}`.trim()
  const label = total > 1 ? `HTTP exchange ${position} of ${total}` : 'HTTP exchange'
  const answered = response.statusCode >= 200 && response.statusCode <= 299 ? 'ok' : 'answer'
  const summary = el(
    'summary',
    {},
    `${label}: `,
    el('code', {}, `${request.method} ${request.url}`),
    ' → ',
    el('span', { class: `chip chip-${answered}` }, status)
  )
  const noBody = (/** @type {unknown} */ body) => body === undefined || body === null || body === ''
  return lazyDetails({ class: 'exchange' }, summary, () =>
    el(
      'div',
      { class: 'pair' },
      exchangeSide(
        'Request',
        `${request.method} ${request.url}`,
        request.headers,
        noBody(request.body)
          ? el('p', { class: 'muted' }, 'No body.')
          : jsonBlock(request.body, `Request body of delivery ${record.id}`)
      ),
      exchangeSide(
        'Response',
        status,
        response.headers,
        noBody(response.body)
          ? el('p', { class: 'muted' }, 'Empty body.')
          : jsonBlock(response.body, `Response body of delivery ${record.id}`)
      )
    )
  )
}

/**
 * Under "Failed only", how many delivered events the table leaves out.
 * @param {DeliveryRecord} record
 * @param {boolean} failedOnly
 */
function filteredNote(record, failedOnly) {
  const hidden = failedOnly ? record.outcomes.filter((outcome) => outcome.state === 'delivered').length : 0
  return el(
    'p',
    { class: 'filtered-note', hidden: hidden === 0 },
    hidden ? `${plural(hidden, 'delivered event')} hidden by “Failed only”.` : ''
  )
}

/** @param {DeliveryRecord} record */
function deliveryHead(record) {
  const overall = overallOf(record)
  return el(
    'header',
    { class: 'delivery-head' },
    el(
      'h3',
      { id: `delivery-${record.id}-title` },
      el('span', { class: 'delivery-id' }, `#${record.id}`),
      ' ',
      el('code', { class: 'action' }, record.action),
      ' ',
      el('span', { class: 'kind' }, record.kind)
    ),
    el('time', { datetime: record.at, title: record.at }, formatTime(record.at)),
    el(
      'span',
      { class: `chip chip-${overall.state} overall` },
      el('span', { 'aria-hidden': 'true', class: 'icon' }, OVERALL_ICON[overall.state]),
      overall.text
    )
  )
}

/**
 * The delivery's list item.
 * @param {DeliveryRecord} record
 * @param {boolean} failedOnly
 * @param {boolean} allRows
 */
export function renderDelivery(record, failedOnly, allRows) {
  const { exchanges } = record
  const article = el(
    'article',
    { class: `delivery state-${overallOf(record).state}`, 'aria-labelledby': `delivery-${record.id}-title` },
    deliveryHead(record),
    countsList(record),
    record.thrown ? thrownNote(record, record.thrown) : null,
    record.outcomes.length ? eventsTable(record, failedOnly, allRows) : null,
    filteredNote(record, failedOnly),
    exchanges.map((exchange, index) => exchangeDetails(record, exchange, index + 1, exchanges.length)),
    exchanges.length === 0 && record.kind !== 'authenticate'
      ? el('p', { class: 'muted' }, 'No HTTP exchange was recorded.')
      : null
  )
  return el('li', { class: 'delivery-item', 'data-id': record.id, 'data-action': record.action }, article)
}
