// @ts-check
// Tells screen readers (and everyone) about new deliveries, a few at a time rather than one message each.
import { $, formatCount, plural } from './dom.js'
/** @typedef {import('./contract.js').DeliveryRecord} DeliveryRecord */

const ANNOUNCE_DELAY_MS = 400

/** @type {DeliveryRecord[]} */
let pending = []
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer

/** @param {DeliveryRecord} record */
function describe(record) {
  if (record.thrown) {
    return `#${record.id} ${record.action}: threw ${record.thrown.message}${
      record.thrown.retryable ? ', will be retried' : ''
    }`
  }
  const { succeeded, failed, retried } = record
  const counts = `${formatCount(succeeded)} succeeded, ${formatCount(failed)} failed, ${formatCount(retried)}`
  return `#${record.id} ${record.action}: ${plural(record.events, 'event')}, ${counts} will be retried`
}

/**
 * Announces these new deliveries with any others that arrive within ANNOUNCE_DELAY_MS.
 * @param {DeliveryRecord[]} records
 */
export function announce(records) {
  pending.push(...records)
  clearTimeout(timer)
  timer = setTimeout(() => {
    const batch = pending
    pending = []
    if (!batch.length) return
    const newest = batch.reduce((a, b) => (a.id > b.id ? a : b))
    $('announcer').textContent =
      batch.length === 1
        ? `New delivery ${describe(newest)}.`
        : `${batch.length} new deliveries; the latest is ${describe(newest)}.`
  }, ANNOUNCE_DELAY_MS)
}
