// @ts-check
// The events table of one delivery: a row per event with the state the server gave it, and the event's payload and
// the JSON sent in a disclosure built when it opens.
import { el, jsonBlock, lazyDetails, plural, formatCount, isTruncated } from './dom.js'
import { STATE_LOOK } from './states.js'
/** @typedef {import('./contract.js').DeliveryRecord} DeliveryRecord */
/** @typedef {import('./contract.js').Outcome} Outcome */

/** The mark of a delivered event received more than 72 hours after its timestamp. */
export const OUTSIDE_CAMPAIGN_WINDOW = 'stored; cannot trigger campaigns (over 72 h old)'

/** How many events of a delivery are listed until the user asks for all. */
export const MAX_ROWS = 50

/**
 * The first of these fields that holds a string or a number.
 * @param {Record<string, unknown>} body
 * @param {string[]} names
 */
function firstOf(body, names) {
  for (const name of names) {
    const value = body[name]
    if (typeof value === 'string' ? value !== '' : typeof value === 'number') return String(value)
  }
  return ''
}

/**
 * A short name for the event a payload holds: its name, and whom or what it is about.
 * @param {unknown} body
 */
function eventLabel(body) {
  if (isTruncated(body)) return `(${formatCount(body.bytes)} bytes, truncated)`
  if (!body || typeof body !== 'object') return ''
  const fields = /** @type {Record<string, unknown>} */ (body)
  const name = firstOf(fields, ['name', 'event', 'metric', 'type'])
  const who = firstOf(fields, ['id', 'person_id', 'email', 'userId', 'object_id', 'anonymous_id', 'anonymousId'])
  const short = name.length > 40 ? `${name.slice(0, 37)}…` : name
  if (short && who) return `${short} (${who})`
  return short || who
}

/**
 * The outcomes the table lists: all of them, or the failed and retried ones under "Failed only".
 * @param {DeliveryRecord} record
 * @param {boolean} failedOnly
 */
export function listedOutcomes(record, failedOnly) {
  return failedOnly ? record.outcomes.filter((outcome) => outcome.state !== 'delivered') : record.outcomes
}

function tableHead() {
  return el(
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
}

/** @param {Outcome} outcome */
function eventRow(outcome) {
  const look = STATE_LOOK[outcome.state]
  const label = eventLabel(outcome.body) || eventLabel(outcome.event)
  const unrecorded = outcome.body === undefined && outcome.event === undefined
  return el(
    'tr',
    { class: `event-row state-${look.css}`, 'data-state': outcome.state },
    el('td', { class: 'col-index' }, String(outcome.index)),
    el(
      'td',
      { class: 'col-event' },
      label || (unrecorded ? el('span', { class: 'muted' }, 'payload not recorded') : '—')
    ),
    el(
      'td',
      { class: 'col-status' },
      el(
        'span',
        { class: `chip chip-${look.css}` },
        el('span', { 'aria-hidden': 'true', class: 'icon' }, look.icon),
        `${outcome.status} ${look.text}`
      )
    ),
    el('td', { class: 'col-type' }, outcome.errortype ? el('code', {}, outcome.errortype) : '—'),
    el(
      'td',
      { class: 'col-message' },
      el('span', { class: 'message' }, outcome.errormessage || (outcome.state === 'delivered' ? 'Delivered' : '—')),
      outcome.errorreporter ? el('span', { class: 'reporter' }, ` (reported by ${outcome.errorreporter})`) : '',
      outcome.campaignWindow === 'outside' ? el('span', { class: 'campaign-window' }, OUTSIDE_CAMPAIGN_WINDOW) : ''
    )
  )
}

/**
 * The payload (or the event as given, for one refused before sending) beside the JSON sent.
 * @param {DeliveryRecord} record
 * @param {Outcome} outcome
 * @param {boolean} refused
 */
function eventPair(record, outcome, refused) {
  const where = `event ${outcome.index} of delivery ${record.id}`
  const sent =
    outcome.sent === undefined
      ? el('p', { class: 'muted' }, 'Nothing was sent for this event: it was refused before the request.')
      : jsonBlock(outcome.sent, `JSON sent for ${where}`)
  const body = refused
    ? jsonBlock(outcome.event, `Event ${outcome.index} of delivery ${record.id} as the server was given it`)
    : outcome.body === undefined
      ? el('p', { class: 'muted' }, 'No payload recorded.')
      : jsonBlock(outcome.body, `Original payload of ${where}`)
  const heading = refused
    ? el('h4', {}, 'The event as given (', el('code', {}, 'payload'), ')')
    : el('h4', {}, 'Original payload (', el('code', {}, 'body'), ')')
  return el(
    'div',
    { class: 'pair' },
    el('section', { class: 'pair-item' }, heading, body),
    el('section', { class: 'pair-item' }, el('h4', {}, 'Sent to Customer.io (', el('code', {}, 'sent'), ')'), sent)
  )
}

/**
 * @param {DeliveryRecord} record
 * @param {Outcome} outcome
 */
function eventDetailsRow(record, outcome) {
  const refused = outcome.body === undefined && outcome.event !== undefined
  const summary = el(
    'summary',
    {},
    refused ? `The event ${outcome.index} as given` : `Payload and sent JSON of event ${outcome.index}`
  )
  return el(
    'tr',
    { class: `event-details-row state-${STATE_LOOK[outcome.state].css}`, 'data-state': outcome.state },
    el(
      'td',
      { colspan: 5 },
      lazyDetails({ class: 'event-details' }, summary, () => eventPair(record, outcome, refused))
    )
  )
}

/**
 * The events table, with the events the filter shows: the first MAX_ROWS of them, and a button for the others,
 * unless `allRows`.
 * @param {DeliveryRecord} record
 * @param {boolean} failedOnly
 * @param {boolean} allRows
 * @returns {HTMLElement[]}
 */
export function eventsTable(record, failedOnly, allRows) {
  const titleId = `delivery-${record.id}-events`
  const caption = el('caption', { id: titleId, class: 'visually-hidden' }, `Events of delivery ${record.id}`)
  const table = el('table', { class: 'events', 'aria-labelledby': titleId }, caption, tableHead())
  const tbody = el('tbody')
  const outcomes = listedOutcomes(record, failedOnly)
  for (const outcome of allRows ? outcomes : outcomes.slice(0, MAX_ROWS)) {
    tbody.append(eventRow(outcome))
    if (outcome.body !== undefined || outcome.sent !== undefined || outcome.event !== undefined)
      tbody.append(eventDetailsRow(record, outcome))
  }
  table.append(tbody)
  const left = allRows ? 0 : outcomes.length - MAX_ROWS
  if (left <= 0) return [table]
  const what = plural(left, failedOnly ? 'failed or retried event' : 'event')
  const button = el(
    'button',
    { type: 'button', class: 'quiet show-all-rows' },
    `Show the other ${what} (${formatCount(outcomes.length)} in all)`
  )
  return [table, button]
}
