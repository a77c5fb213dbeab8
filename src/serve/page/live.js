// @ts-check
// The page's connection to the server: the live stream (GET /_events, a record per new delivery) and, while it is
// down or a load failed, a poll of the latest page every POLL_MS. The page says "Live" as soon as the stream is open;
// a failed load says so instead, with its reason, until a load succeeds.
import { $, sentence } from './dom.js'
import { addLive, loadLatest } from './history.js'
import { PAGE_SIZE, setLoadError } from './delivery-list.js'
/** @typedef {import('./contract.js').DeliveryRecord} DeliveryRecord */

const POLL_MS = 3000
const LIVE_TEXT = 'Live: new deliveries appear as they arrive'

/** @type {EventSource | undefined} */
let eventSource
/** @type {ReturnType<typeof setInterval> | undefined} */
let pollTimer
/** Why the last load failed, or null. */
let failure = /** @type {string | null} */ (null)
/** Called with the deliveries new to the page (from the stream, a catch-up or a poll). */
let onNew = (/** @type {DeliveryRecord[]} */ _records) => {}

/**
 * @param {string} mode live, polling, connecting or error (the colour of the dot)
 * @param {string} text
 */
function setConnection(mode, text) {
  $('connection').dataset.mode = mode
  $('connection-text').textContent = text
}

function streamOpen() {
  return eventSource !== undefined && eventSource.readyState === EventSource.OPEN
}

/** The connection's line once a load or the stream's state changed. */
function showConnection() {
  if (failure !== null) setConnection('error', 'Deliveries unavailable')
  else if (streamOpen()) setConnection('live', LIVE_TEXT)
  else if (!eventSource) setConnection('polling', `Polling every ${POLL_MS / 1000} s`)
  else setConnection('polling', `Live stream interrupted: polling every ${POLL_MS / 1000} s`)
}

/**
 * Loads the latest page: the first load (nothing announced), a catch-up or a poll. A failure is shown as one: a red
 * status and the reason, never an empty list that looks fine; polling retries it.
 * @param {boolean} announceNew
 */
export async function catchUp(announceNew = true) {
  try {
    const added = await loadLatest(PAGE_SIZE, announceNew)
    failure = null
    $('load-error').hidden = true
    setLoadError(null)
    if (announceNew && added.length) onNew(added)
  } catch (error) {
    failure = /** @type {Error} */ (error).message
    const banner = $('load-error')
    banner.textContent = `The deliveries could not be loaded: ${sentence(failure)} Retrying every ${POLL_MS / 1000} s…`
    banner.hidden = false
    setLoadError(failure)
    startPolling()
  }
  showConnection()
}

function startPolling() {
  if (pollTimer) return
  pollTimer = setInterval(async () => {
    await catchUp()
    if (failure === null && streamOpen()) stopPolling()
  }, POLL_MS)
}

function stopPolling() {
  clearInterval(pollTimer)
  pollTimer = undefined
}

/** @param {MessageEvent} message */
function onMessage(message) {
  let record
  try {
    record = JSON.parse(message.data)
  } catch {
    return
  }
  if (addLive(record)) onNew([record])
}

/**
 * Opens the live stream, then loads the latest page (the stream first, so that no delivery falls between the two).
 * @param {(records: DeliveryRecord[]) => void} onNewDeliveries
 */
export function startLive(onNewDeliveries) {
  onNew = onNewDeliveries
  if (!('EventSource' in window)) {
    void catchUp(false)
    startPolling()
    return
  }
  const source = new EventSource('/_events')
  eventSource = source
  let loaded = false
  const loadOnce = () => {
    if (loaded) return false
    loaded = true
    void catchUp(false)
    return true
  }
  source.addEventListener('open', () => {
    showConnection()
    // A reconnection catches up on what arrived while the stream was down.
    if (!loadOnce() && failure === null) void catchUp()
    if (failure === null) stopPolling()
  })
  source.addEventListener('message', onMessage)
  source.addEventListener('error', () => {
    // The browser reconnects by itself (retry: 2000); meanwhile, poll.
    loadOnce()
    showConnection()
    startPolling()
  })
}

/** Whether the live stream is open (otherwise, whoever changes the list asks for a catch-up). */
export function isLive() {
  return streamOpen()
}
