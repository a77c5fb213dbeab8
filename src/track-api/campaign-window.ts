// Pure: Customer.io's campaign window. Its OpenAPI document: "If you associate an event with a person within 72 hours
// of the timestamp on the event, you can trigger campaigns from the event." An older event is stored, and shows in the
// person's activity and in segments, but triggers no campaign. The destination delivers such an event as any other
// (its outcome stays 200); this module says which events they are, for the metric, the warning, the local server's
// history and the simulator: the one source of the rule.

export const CAMPAIGN_WINDOW_HOURS = 72
export const CAMPAIGN_WINDOW_SECONDS = CAMPAIGN_WINDOW_HOURS * 3_600

/** The person actions Customer.io stores as events: custom events, page and screen views, and content events. */
const EVENT_ACTIONS: ReadonlySet<unknown> = new Set(['event', 'page', 'screen', 'viewed_content', 'clicked_content'])

/**
 * Whether an item (as built, or as an outcome's `sent`) is a person's event whose timestamp is more than 72 hours
 * before `sentAtMs`, the time of sending in milliseconds since the epoch. The timestamp is whole unix seconds, so the
 * time of sending is counted in whole seconds too: an event exactly 72 hours old is inside the window ("within 72
 * hours"), one 72 hours and 1 second old is outside. An event without a timestamp is stamped by Customer.io when it
 * arrives, so it is inside; so is an event dated after the time of sending.
 */
export function isOutsideCampaignWindow(item: unknown, sentAtMs: number): boolean {
  if (typeof item !== 'object' || item === null) return false
  const { type, action, timestamp } = item as { type?: unknown; action?: unknown; timestamp?: unknown }
  if (type !== 'person' || !EVENT_ACTIONS.has(action) || typeof timestamp !== 'number') return false
  return Math.floor(sentAtMs / 1000) - timestamp > CAMPAIGN_WINDOW_SECONDS
}

/**
 * The warning of a call some of whose delivered events are outside the window: how many of its `total` events, and
 * the oldest timestamp (ISO-8601, UTC). It names two counts and one date, never a value of an event, so it is short
 * whatever the batch. Undefined when there are none.
 */
export function campaignWindowWarning(outsideTimestamps: readonly number[], total: number): string | undefined {
  if (outsideTimestamps.length === 0) return undefined
  const count = outsideTimestamps.length
  const events = `${count} of ${total} ${total === 1 ? 'event' : 'events'}`
  const oldest = isoSeconds(outsideTimestamps.reduce((least, timestamp) => Math.min(least, timestamp)))
  const hours = CAMPAIGN_WINDOW_HOURS
  return count === 1
    ? `[actions-customerio] ${events} was delivered more than ${hours} hours after its timestamp (${oldest}): ` +
        'Customer.io stores it, but it cannot trigger campaigns.'
    : `[actions-customerio] ${events} were delivered more than ${hours} hours after their timestamps ` +
        `(the oldest: ${oldest}): Customer.io stores them, but they cannot trigger campaigns.`
}

/** `2026-11-20T10:00:00Z`, or the number itself when it is beyond the dates JavaScript can write. */
function isoSeconds(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000)
  return Number.isNaN(date.getTime()) ? String(unixSeconds) : date.toISOString().replace('.000Z', 'Z')
}
