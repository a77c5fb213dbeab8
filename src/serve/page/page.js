// The deliveries page: lists what the local server delivered (GET /_deliveries), newest first, and adds each new
// delivery as it arrives over server-sent events (GET /_events), polling GET /_deliveries when the stream is down.
// Only the latest matching deliveries are in the DOM (PAGE_SIZE, more on request), each with the events the filter
// shows (MAX_ROWS of them, all on request), and the JSON of an event or an exchange is built when its disclosure
// opens, so a long history stays fast.
// Plain browser JavaScript, no build step. Every value from a delivery is put in the page as text, never as HTML.
;(function () {
  'use strict'

  const POLL_MS = 3000
  const PAGE_SIZE = 10
  const MAX_ROWS = 50
  /** As many deliveries as the server keeps (MAX_DELIVERIES in src/serve/delivery-log.ts): the oldest go first. */
  const MAX_KEPT = 200
  const ANNOUNCE_DELAY_MS = 400
  const FRESH_MS = 4000

  /** Mirrors isRetryableStatus in src/track-api/error-types.ts: the platform retries these. */
  function isRetryable(status) {
    return status === 408 || status === 429 || (status >= 500 && status <= 599)
  }

  /** 'ok', 'retry' or 'failed': how the platform treats an event with this status. */
  function stateOf(status) {
    if (status >= 200 && status <= 299) return 'ok'
    return isRetryable(status) ? 'retry' : 'failed'
  }

  const STATE_TEXT = { ok: 'delivered', failed: 'failed', retry: 'will be retried' }
  const STATE_ICON = { ok: '✓', failed: '✗', retry: '↻' }

  // id -> { record, elements: { all?, failed? } (each built when first shown), allRows, fresh }
  const deliveries = new Map()
  const knownActions = new Map() // slug -> label
  let eventSource = null
  let pollTimer = null
  let demoBusy = false
  let pendingAnnouncements = []
  let announceTimer = null
  let simRefreshTimer = null
  let shownLimit = PAGE_SIZE
  /** Why the list could not be loaded, or null; undefined until the first load answers. */
  let loadError

  const $ = (id) => document.getElementById(id)

  /** Builds an element: attributes (class, hidden, data-*, aria-*, ...) and children (nodes or text). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag)
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue
      if (name === 'class') node.className = value
      else if (name === 'text') node.textContent = value
      else if (value === true) node.setAttribute(name, '')
      else node.setAttribute(name, String(value))
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue
      node.append(child instanceof Node ? child : document.createTextNode(String(child)))
    }
    return node
  }

  function plural(count, word, words) {
    return `${count} ${count === 1 ? word : words || `${word}s`}`
  }

  function formatJson(value) {
    if (value === undefined) return ''
    if (typeof value === 'string') {
      try {
        return JSON.stringify(JSON.parse(value), null, 2)
      } catch {
        return value
      }
    }
    return JSON.stringify(value, null, 2)
  }

  function formatTime(iso) {
    const date = new Date(iso)
    if (Number.isNaN(date.getTime())) return iso
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
  }

  /** The server keeps large values as { truncated: true, bytes, preview } (src/serve/truncated-value.ts). */
  function isTruncated(value) {
    return (
      value !== null &&
      typeof value === 'object' &&
      value.truncated === true &&
      typeof value.bytes === 'number' &&
      typeof value.preview === 'string'
    )
  }

  /** A scrollable block of JSON; focusable so that keyboard users can scroll it. */
  function jsonBlock(value, label) {
    if (isTruncated(value)) {
      return el(
        'div',
        { class: 'truncated' },
        el(
          'p',
          { class: 'truncated-note' },
          `Truncated: ${value.bytes.toLocaleString('en-US')} bytes in all; the first ${value.preview.length.toLocaleString(
            'en-US'
          )} characters:`
        ),
        el('pre', { class: 'json', tabindex: 0, 'aria-label': label }, `${value.preview}…`)
      )
    }
    return el('pre', { class: 'json', tabindex: 0, 'aria-label': label }, formatJson(value))
  }

  /** A disclosure whose content is built when it first opens. */
  function lazyDetails(attributes, summary, build) {
    const details = el('details', attributes, summary)
    details.addEventListener('toggle', function fill() {
      if (!details.open) return
      details.removeEventListener('toggle', fill)
      details.append(build())
    })
    return details
  }

  function headersText(headers) {
    const lines = Object.entries(headers || {}).map(([name, value]) => `${name}: ${value}`)
    return lines.length ? lines.join('\n') : '(none)'
  }

  // ----- one delivery -------------------------------------------------------------------------------------------

  /** What happened to the delivery as a whole, in words (the colour only repeats it). */
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

  function hasProblems(record) {
    return record.failed > 0 || record.retried > 0
  }

  /** The first of these fields that holds a string or a number. */
  function firstOf(body, names) {
    for (const name of names) {
      const value = body[name]
      if (typeof value === 'string' ? value !== '' : typeof value === 'number') return String(value)
    }
    return ''
  }

  /** A short name for the event a payload holds: its name, and whom or what it is about. */
  function eventLabel(body) {
    if (isTruncated(body)) return `(${body.bytes.toLocaleString('en-US')} bytes, truncated)`
    if (!body || typeof body !== 'object') return ''
    const name = firstOf(body, ['name', 'event', 'metric', 'type'])
    const who = firstOf(body, ['id', 'person_id', 'email', 'userId', 'object_id', 'anonymous_id', 'anonymousId'])
    const short = name.length > 40 ? `${name.slice(0, 37)}…` : name
    if (short && who) return `${short} (${who})`
    return short || who
  }

  function countsList(record) {
    const item = (state, icon, text, count) =>
      el(
        'li',
        { class: `count count-${state}${count === 0 ? ' is-zero' : ''}` },
        el('span', { 'aria-hidden': 'true', class: 'icon' }, icon),
        text
      )
    return el(
      'ul',
      { class: 'counts', 'aria-label': 'Outcome counts' },
      el('li', { class: 'count count-events' }, plural(record.events, 'event')),
      item('ok', '✓', `${record.succeeded} succeeded`, record.succeeded),
      item('failed', '✗', `${record.failed} failed`, record.failed),
      item('retry', '↻', `${record.retried} will be retried`, record.retried)
    )
  }

  function thrownNote(record) {
    const thrown = record.thrown
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

  /** The outcomes the table lists: all of them, or the failed and retried ones under "Failed only". */
  function listedOutcomes(record, failedOnly) {
    return failedOnly ? record.outcomes.filter((outcome) => stateOf(outcome.status) !== 'ok') : record.outcomes
  }

  /**
   * The events table, with the events the filter shows: the first MAX_ROWS of them, and a button for the others,
   * unless `allRows`.
   */
  function eventsTable(record, failedOnly, allRows) {
    const titleId = `delivery-${record.id}-events`
    const table = el(
      'table',
      { class: 'events', 'aria-labelledby': titleId },
      el('caption', { id: titleId, class: 'visually-hidden' }, `Events of delivery ${record.id}`),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', class: 'col-index' }, 'Index'),
          el('th', { scope: 'col', class: 'col-event' }, 'Event'),
          el('th', { scope: 'col', class: 'col-status' }, 'Status'),
          el('th', { scope: 'col', class: 'col-type' }, 'Error type'),
          el('th', { scope: 'col', class: 'col-message' }, 'Message')
        )
      )
    )
    const tbody = el('tbody')
    const outcomes = listedOutcomes(record, failedOnly)
    for (const outcome of allRows ? outcomes : outcomes.slice(0, MAX_ROWS)) {
      const state = stateOf(outcome.status)
      const label = eventLabel(outcome.body) || eventLabel(outcome.event)
      const row = el(
        'tr',
        { class: `event-row state-${state}`, 'data-state': state },
        el('td', { class: 'col-index' }, String(outcome.index)),
        el(
          'td',
          { class: 'col-event' },
          label ||
            (outcome.body === undefined && outcome.event === undefined
              ? el('span', { class: 'muted' }, 'payload not recorded')
              : '—')
        ),
        el(
          'td',
          { class: 'col-status' },
          el(
            'span',
            { class: `chip chip-${state}` },
            el('span', { 'aria-hidden': 'true', class: 'icon' }, STATE_ICON[state]),
            `${outcome.status} ${STATE_TEXT[state]}`
          )
        ),
        el('td', { class: 'col-type' }, outcome.errortype ? el('code', {}, outcome.errortype) : '—'),
        el(
          'td',
          { class: 'col-message' },
          el('span', { class: 'message' }, outcome.errormessage || (state === 'ok' ? 'Delivered' : '—')),
          outcome.errorreporter ? el('span', { class: 'reporter' }, ` (reported by ${outcome.errorreporter})`) : ''
        )
      )
      tbody.append(row)
      if (outcome.body !== undefined || outcome.sent !== undefined || outcome.event !== undefined)
        tbody.append(eventDetailsRow(record, outcome, state))
    }
    table.append(tbody)
    const left = allRows ? 0 : outcomes.length - MAX_ROWS
    if (left <= 0) return table
    return [
      table,
      el(
        'button',
        { type: 'button', class: 'quiet show-all-rows' },
        `Show the other ${plural(left, failedOnly ? 'failed or retried event' : 'event')} (${outcomes.length} in all)`
      )
    ]
  }

  function eventDetailsRow(record, outcome, state) {
    const refused = outcome.body === undefined && outcome.event !== undefined
    const build = () => {
      const sent =
        outcome.sent === undefined
          ? el('p', { class: 'muted' }, 'Nothing was sent for this event: it was refused before the request.')
          : jsonBlock(outcome.sent, `JSON sent for event ${outcome.index} of delivery ${record.id}`)
      const body = refused
        ? jsonBlock(outcome.event, `Event ${outcome.index} of delivery ${record.id} as the server was given it`)
        : outcome.body === undefined
          ? el('p', { class: 'muted' }, 'No payload recorded.')
          : jsonBlock(outcome.body, `Original payload of event ${outcome.index} of delivery ${record.id}`)
      return el(
        'div',
        { class: 'pair' },
        el(
          'section',
          { class: 'pair-item' },
          refused
            ? el('h4', {}, 'The event as given (', el('code', {}, 'payload'), ')')
            : el('h4', {}, 'Original payload (', el('code', {}, 'body'), ')'),
          body
        ),
        el('section', { class: 'pair-item' }, el('h4', {}, 'Sent to Customer.io (', el('code', {}, 'sent'), ')'), sent)
      )
    }
    return el(
      'tr',
      { class: `event-details-row state-${state}`, 'data-state': state },
      el(
        'td',
        { colspan: 5 },
        lazyDetails(
          { class: 'event-details' },
          el(
            'summary',
            {},
            refused ? `The event ${outcome.index} as given` : `Payload and sent JSON of event ${outcome.index}`
          ),
          build
        )
      )
    )
  }

  function exchangeDetails(record, exchange, position, total) {
    const { request, response } = exchange
    const status = `${response.statusCode} ${response.statusMessage || ''}`.trim()
    const label = total > 1 ? `HTTP exchange ${position} of ${total}` : 'HTTP exchange'
    return lazyDetails(
      { class: 'exchange' },
      el(
        'summary',
        {},
        `${label}: `,
        el('code', {}, `${request.method} ${request.url}`),
        ' → ',
        el('span', { class: `chip chip-${stateOf(response.statusCode)}` }, status)
      ),
      () =>
        el(
          'div',
          { class: 'pair' },
          el(
            'section',
            { class: 'pair-item' },
            el('h4', {}, 'Request'),
            el('p', {}, el('code', {}, `${request.method} ${request.url}`)),
            el(
              'pre',
              { class: 'json headers', tabindex: 0, 'aria-label': 'Request headers' },
              headersText(request.headers)
            ),
            request.body === null || request.body === undefined
              ? el('p', { class: 'muted' }, 'No body.')
              : jsonBlock(request.body, `Request body of delivery ${record.id}`)
          ),
          el(
            'section',
            { class: 'pair-item' },
            el('h4', {}, 'Response'),
            el('p', {}, el('code', {}, status)),
            el(
              'pre',
              { class: 'json headers', tabindex: 0, 'aria-label': 'Response headers' },
              headersText(response.headers)
            ),
            response.body === undefined || response.body === null || response.body === ''
              ? el('p', { class: 'muted' }, 'Empty body.')
              : jsonBlock(response.body, `Response body of delivery ${record.id}`)
          )
        )
    )
  }

  /** Under "Failed only", how many delivered events the table leaves out. */
  function filteredNote(record, failedOnly) {
    const hidden = failedOnly ? record.outcomes.filter((outcome) => stateOf(outcome.status) === 'ok').length : 0
    return el(
      'p',
      { class: 'filtered-note', hidden: hidden === 0 },
      hidden ? `${plural(hidden, 'delivered event')} hidden by “Failed only”.` : ''
    )
  }

  function renderDelivery(record, failedOnly, allRows) {
    const overall = overallOf(record)
    const titleId = `delivery-${record.id}-title`
    const article = el(
      'article',
      { class: `delivery state-${overall.state}`, 'aria-labelledby': titleId },
      el(
        'header',
        { class: 'delivery-head' },
        el(
          'h3',
          { id: titleId },
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
          el('span', { 'aria-hidden': 'true', class: 'icon' }, STATE_ICON[overall.state]),
          overall.text
        )
      ),
      countsList(record),
      record.thrown ? thrownNote(record) : null,
      record.outcomes.length ? eventsTable(record, failedOnly, allRows) : null,
      filteredNote(record, failedOnly),
      record.exchanges.map((exchange, index) => exchangeDetails(record, exchange, index + 1, record.exchanges.length)),
      record.exchanges.length === 0 && record.kind !== 'authenticate'
        ? el('p', { class: 'muted' }, 'No HTTP exchange was recorded.')
        : null
    )
    return el('li', { class: 'delivery-item', 'data-id': record.id, 'data-action': record.action }, article)
  }

  // ----- the list -----------------------------------------------------------------------------------------------

  function addDelivery(record, { fresh = false } = {}) {
    if (deliveries.has(record.id)) return false
    deliveries.set(record.id, { record, elements: {}, allRows: false, fresh })
    addActionOption(record.action)
    if (deliveries.size > MAX_KEPT) {
      const oldest = Math.min(...deliveries.keys())
      removeElements(deliveries.get(oldest))
      deliveries.delete(oldest)
      return oldest !== record.id
    }
    return true
  }

  /** Makes the list hold exactly these records, keeping the elements (and their open details) already built. */
  function sync(records, fresh) {
    const ids = new Set(records.map((record) => record.id))
    for (const [id, entry] of deliveries) {
      if (!ids.has(id)) {
        removeElements(entry)
        deliveries.delete(id)
      }
    }
    return records.filter((record) => addDelivery(record, { fresh }))
  }

  function removeElements(entry) {
    for (const element of Object.values(entry.elements)) element.remove()
    entry.elements = {}
  }

  /** The delivery's element for this filter, built when first shown and kept (with its open details) after. */
  function elementOf(entry, failedOnly) {
    const mode = failedOnly ? 'failed' : 'all'
    if (entry.elements[mode]) return entry.elements[mode]
    const element = renderDelivery(entry.record, failedOnly, entry.allRows)
    entry.elements[mode] = element
    if (entry.fresh) {
      entry.fresh = false
      element.classList.add('is-fresh')
      setTimeout(() => element.classList.remove('is-fresh'), FRESH_MS)
    }
    return element
  }

  /** Puts exactly these elements in the list, in order, moving only what changed (so focus and scroll stay). */
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

  /** Lists the latest `shownLimit` deliveries that match the filters; the others are not in the DOM. */
  function applyFilters() {
    const failedOnly = $('failed-only').checked
    const action = $('action-filter').value
    const matching = [...deliveries.values()]
      .filter(({ record }) => (!action || record.action === action) && (!failedOnly || hasProblems(record)))
      .sort((a, b) => b.record.id - a.record.id)
    const shown = matching.slice(0, shownLimit)
    const elements = shown.map((entry) => elementOf(entry, failedOnly))
    placeInList(elements)
    const total = deliveries.size
    const rest = matching.length - shown.length
    $('show-more').hidden = rest <= 0
    $('show-more').textContent = `Show ${Math.min(rest, PAGE_SIZE)} older (${rest} not listed)`
    $('empty').hidden = total > 0 || loadError !== null
    $('no-match').hidden = total === 0 || matching.length > 0
    $('delivery-list').hidden = shown.length === 0
    const summary =
      total === 0
        ? ''
        : matching.length === total
          ? `Showing all ${plural(total, 'delivery', 'deliveries')}.`
          : `Showing ${matching.length} of ${plural(total, 'delivery', 'deliveries')}.`
    $('filter-summary').textContent = rest > 0 ? `${summary} The latest ${shown.length} are listed.` : summary
  }

  function addActionOption(slug, label) {
    if (knownActions.has(slug)) return
    knownActions.set(slug, label || slug)
    const select = $('action-filter')
    select.append(el('option', { value: slug }, label ? `${label} (${slug})` : slug))
  }

  // ----- announcements -----------------------------------------------------------------------------------------

  function describe(record) {
    if (record.thrown) {
      return `#${record.id} ${record.action}: threw ${record.thrown.message}${
        record.thrown.retryable ? ', will be retried' : ''
      }`
    }
    return `#${record.id} ${record.action}: ${plural(record.events, 'event')}, ${record.succeeded} succeeded, ${
      record.failed
    } failed, ${record.retried} will be retried`
  }

  /** Tells screen readers (and everyone) about new deliveries, a few at a time rather than one message each. */
  function announce(records) {
    pendingAnnouncements.push(...records)
    clearTimeout(announceTimer)
    announceTimer = setTimeout(() => {
      const batch = pendingAnnouncements
      pendingAnnouncements = []
      if (!batch.length) return
      const newest = batch.reduce((a, b) => (a.id > b.id ? a : b))
      $('announcer').textContent =
        batch.length === 1
          ? `New delivery ${describe(newest)}.`
          : `${batch.length} new deliveries; the latest is ${describe(newest)}.`
    }, ANNOUNCE_DELAY_MS)
  }

  // ----- live updates -------------------------------------------------------------------------------------------

  function setConnection(mode, text) {
    $('connection').dataset.mode = mode
    $('connection-text').textContent = text
  }

  const LIVE_TEXT = 'Live: new deliveries appear as they arrive'

  /** The latest `limit` deliveries, or every kept one, page by page (GET /_deliveries answers pages). */
  async function load(limit) {
    const records = []
    let before = null
    do {
      const page = await loadPage(limit || 100, before)
      records.push(...page.deliveries)
      before = page.next
    } while (!limit && before !== null)
    return limit ? records.slice(0, limit) : records
  }

  async function loadPage(limit, before) {
    let response
    try {
      response = await fetch(`/_deliveries?limit=${limit}${before === null ? '' : `&before=${before}`}`, {
        headers: { accept: 'application/json' }
      })
    } catch {
      throw new Error('the server is unreachable')
    }
    if (!response.ok) {
      const body = await response.json().catch(() => ({}))
      throw new Error(`GET /_deliveries answered ${response.status}${body.error ? `: ${body.error}` : ''}`)
    }
    return response.json()
  }

  /** A failed load is shown as one: a red status and the reason, never an empty list that looks fine. */
  function showLoadError(error) {
    loadError = error.message
    const banner = $('load-error')
    banner.textContent = `The deliveries could not be loaded: ${error.message}. Retrying every ${POLL_MS / 1000} s…`
    banner.hidden = false
    setConnection('error', 'Deliveries unavailable')
    applyFilters()
  }

  /**
   * Loads the list: all of it, which the page then holds exactly, or the latest `limit` (the first paint, the catch-up
   * after the stream reconnects), which are added to what the page holds.
   */
  async function refresh({ announceNew = true, limit } = {}) {
    let records
    try {
      records = await load(limit)
    } catch (error) {
      showLoadError(error)
      throw error
    }
    // Only the whole list makes the page whole again: a part leaves "Failed only" and the counts short.
    if (!limit) {
      loadError = null
      $('load-error').hidden = true
    }
    const added = limit
      ? records.filter((record) => addDelivery(record, { fresh: announceNew }))
      : sync(records, announceNew)
    applyFilters()
    if (announceNew && added.length) {
      announce(added)
      refreshSimSoon()
    }
    return added
  }

  function startPolling() {
    if (pollTimer) return
    pollTimer = setInterval(() => {
      refresh()
        .then(() => {
          if (eventSource && eventSource.readyState === EventSource.OPEN) {
            setConnection('live', LIVE_TEXT)
            stopPolling()
          } else {
            setConnection('polling', `Live stream unavailable: polling every ${POLL_MS / 1000} s`)
          }
        })
        .catch(() => undefined)
    }, POLL_MS)
  }

  function stopPolling() {
    clearInterval(pollTimer)
    pollTimer = null
  }

  function startLive() {
    if (!('EventSource' in window)) {
      setConnection('polling', `Polling every ${POLL_MS / 1000} s`)
      startPolling()
      return
    }
    eventSource = new EventSource('/_events')
    eventSource.addEventListener('open', () => {
      stopPolling()
      // Catch up on whatever arrived while the stream was down; live only once the list is whole.
      refresh({ limit: PAGE_SIZE })
        .then(() => {
          if (loadError) throw new Error(loadError)
          setConnection('live', LIVE_TEXT)
        })
        .catch(() => startPolling())
    })
    eventSource.addEventListener('message', (message) => {
      let record
      try {
        record = JSON.parse(message.data)
      } catch {
        return
      }
      if (addDelivery(record, { fresh: true })) {
        applyFilters()
        announce([record])
        refreshSimSoon()
      }
    })
    eventSource.addEventListener('error', () => {
      // The browser reconnects by itself (retry: 2000); meanwhile, poll.
      setConnection('polling', `Live stream interrupted: polling every ${POLL_MS / 1000} s`)
      startPolling()
    })
  }

  // ----- demo scenarios -----------------------------------------------------------------------------------------

  function setDemoBusy(busy) {
    demoBusy = busy
    for (const button of $('demo-buttons').querySelectorAll('button')) {
      // aria-disabled rather than disabled, so that the focused button keeps the focus.
      button.setAttribute('aria-disabled', String(busy))
    }
  }

  async function runDemo(key) {
    if (demoBusy) return
    setDemoBusy(true)
    const status = $('demo-status')
    status.textContent = key ? `Running ${key}…` : 'Running every scenario…'
    try {
      // JSON, as the server's guard requires of every POST (a page of another site cannot send it unasked).
      const response = await fetch(key ? `/_demo?scenario=${encodeURIComponent(key)}` : '/_demo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}'
      })
      const body = await response.json()
      if (!response.ok) throw new Error(body.error || `POST /_demo answered ${response.status}`)
      const unexpected = body.filter((result) => !result.asExpected)
      const ran =
        body.length === 1 ? `${body[0].scenario} sent as delivery #${body[0].delivery}` : `Ran ${body.length} scenarios`
      status.textContent = unexpected.length
        ? `${ran}; not as expected: ${unexpected.map((result) => result.scenario).join(', ')}.`
        : `${ran}; every outcome as expected.`
      if (!eventSource || eventSource.readyState !== EventSource.OPEN) await refresh()
    } catch (error) {
      status.textContent = `The demo did not run: ${error.message}`
    } finally {
      setDemoBusy(false)
    }
  }

  async function setUpDemo() {
    const row = $('demo-buttons')
    const runAll = $('run-all')
    runAll.addEventListener('click', () => runDemo(undefined))
    try {
      const scenarios = await (await fetch('/_page/scenarios.json')).json()
      for (const scenario of scenarios) {
        const descriptionId = `scenario-${scenario.key}-description`
        const button = el(
          'button',
          {
            type: 'button',
            class: 'scenario',
            'data-scenario': scenario.key,
            title: scenario.title,
            'aria-describedby': descriptionId
          },
          scenario.key
        )
        button.addEventListener('click', () => runDemo(scenario.key))
        row.insertBefore(button, runAll)
        row.append(
          el(
            'span',
            { id: descriptionId, class: 'visually-hidden' },
            `${scenario.title}. ${plural(scenario.events, 'event')} to ${scenario.action}.`
          )
        )
      }
    } catch {
      $('demo-status').textContent = 'Could not load the demo scenarios.'
    }
  }

  // ----- simulator state ----------------------------------------------------------------------------------------

  async function showSimState() {
    const target = $('sim-state')
    try {
      const response = await fetch('/_sim/state')
      const body = await response.json()
      target.textContent = response.ok ? JSON.stringify(body, null, 2) : body.error || `HTTP ${response.status}`
    } catch (error) {
      target.textContent = `Could not load the simulator's state: ${error.message}`
    }
  }

  function refreshSimSoon() {
    if ($('sim-panel').hidden) return
    clearTimeout(simRefreshTimer)
    simRefreshTimer = setTimeout(showSimState, 300)
  }

  function setUpSimulator() {
    const toggle = $('sim-toggle')
    toggle.addEventListener('click', () => {
      const panel = $('sim-panel')
      const open = panel.hidden
      panel.hidden = !open
      toggle.setAttribute('aria-expanded', String(open))
      toggle.textContent = open ? 'Hide stored state' : 'Show stored state'
      if (open) showSimState()
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

  // ----- start --------------------------------------------------------------------------------------------------

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

  async function loadActions() {
    try {
      const manifest = await (await fetch('/manifest')).json()
      const actions = Object.entries(manifest.actions || {})
      // The manifest's actions first, in its order; any other (authenticate, delete) follows as it appears.
      const select = $('action-filter')
      const selected = select.value
      const extras = [...select.options].slice(1)
      for (const option of extras) option.remove()
      const seen = [...knownActions.keys()]
      knownActions.clear()
      for (const [slug, action] of actions) addActionOption(slug, action.title)
      for (const slug of seen) addActionOption(slug)
      select.value = selected
    } catch {
      // The deliveries still fill the select.
    }
  }

  function start() {
    $('origin').textContent = location.host
    $('curl-example').textContent = curlExample()
    // A filter change is announced once; the count itself is not a live region, as it changes with every delivery.
    const filter = () => {
      shownLimit = PAGE_SIZE
      applyFilters()
      $('announcer').textContent = $('filter-summary').textContent
    }
    $('failed-only').addEventListener('change', filter)
    $('action-filter').addEventListener('change', filter)
    $('clear-deliveries').addEventListener('click', async () => {
      await fetch('/_deliveries', { method: 'DELETE' })
      sync([], false)
      applyFilters()
      $('announcer').textContent = 'The list is cleared.'
    })
    applyFilters()
    setUpDemo()
    setUpSimulator()
    loadActions()
    $('delivery-list').addEventListener('click', (event) => {
      if (!event.target.matches('.show-all-rows')) return
      const entry = deliveries.get(Number(event.target.closest('li.delivery-item').dataset.id))
      entry.allRows = true
      removeElements(entry)
      applyFilters()
      // The focus goes to the first of the events just listed, where the button was.
      const element = entry.elements[$('failed-only').checked ? 'failed' : 'all']
      element?.querySelectorAll('details.event-details summary')[MAX_ROWS]?.focus()
    })
    $('show-more').addEventListener('click', () => {
      shownLimit += PAGE_SIZE
      applyFilters()
    })
    // The latest deliveries first, so that the page paints at once; then the whole history, for the filters.
    refresh({ announceNew: false, limit: PAGE_SIZE })
      .then(() => refresh({ announceNew: false }))
      .catch(() => undefined)
      .finally(startLive)
  }

  start()
})()
