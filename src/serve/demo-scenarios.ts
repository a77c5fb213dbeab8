// Pure: the demo's scenarios, each a batch that shows a kind of outcome. Their events are dated relative to the run
// (an hour before it, within Customer.io's 72-hour campaign window), except the backfill's, which are 10 days old.
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { FaultMode } from './simulator'

export interface ExpectedOutcome {
  status: number
  errortype?: string
}

/** What the simulator counts across a batch's first try and its retry. */
export interface RetryCounts {
  /** Events the first try stored, although its answer was lost. */
  storedOnFirstTry: number
  /** Events of the retry that the simulator ignored: an event with the same ULID id was stored. */
  duplicatesIgnored: number
  /** Events of the retry stored again: copies of events the first try stored. */
  storedTwice: number
}

export interface DemoScenario {
  key: string
  title: string
  action: string
  events: SegmentEvent[]
  mapping?: JSONObject
  /** A fault the simulator applies to this scenario's requests, and to no other. */
  fault?: FaultMode
  /**
   * The outcome each event must get, or that the batch is thrown back for the platform to retry: with that HTTP
   * status, or 'no answer' (retryable, with no status: the connection failed).
   */
  expected: ExpectedOutcome[] | { thrown: number | 'no answer' }
  /** The platform's retry: the same batch sent again, with no fault, after the first try was thrown retryably. */
  retry?: { expected: ExpectedOutcome[]; simulator: RetryCounts }
}

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** How old the backfill's events are when sent: well outside the 72-hour campaign window. */
export const BACKFILL_AGE_DAYS = 10

/** A timestamp with nanoseconds, as some sources send them: the whole second of `ms`, then `.123456789`. */
function isoWithNanoseconds(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}.123456789Z`
}

function track(
  at: string,
  event: string,
  userId: string | null,
  properties: JSONObject = {},
  extra: Partial<SegmentEvent> = {}
): SegmentEvent {
  return {
    type: 'track',
    event,
    userId,
    anonymousId: `anon-${userId ?? 'visitor'}`,
    messageId: `msg-${event.length}-${userId ?? 'anon'}`,
    timestamp: at,
    properties,
    ...extra
  }
}

function identify(at: string, userId: string, traits: JSONObject): SegmentEvent {
  return {
    type: 'identify',
    userId,
    anonymousId: `anon-${userId}`,
    messageId: `msg-id-${userId}`,
    timestamp: at,
    traits
  }
}

const TOO_LONG_NAME = `Checkout Step Viewed ${'x'.repeat(100)}`
const TOO_LONG_VALUE = 'y'.repeat(1200)
const ALL_DELIVERED = (count: number): ExpectedOutcome[] => Array.from({ length: count }, () => ({ status: 200 }))
const PARTIAL_EXPECTED: ExpectedOutcome[] = [
  { status: 200 },
  { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' },
  { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' },
  { status: 200 }
]

/** The scenarios of a run at `runAtMs`; only their events' dates and the retries' message ids depend on it. */
export function demoScenarios(runAtMs: number): DemoScenario[] {
  const at = isoWithNanoseconds(runAtMs - HOUR_MS)
  const placedAt = isoWithNanoseconds(runAtMs - HOUR_MS - 2000)
  const order: JSONObject = { total: 42.5, currency: 'EUR', placed_at: placedAt, items: [{ sku: 'A-1', qty: 2 }] }
  const partial = [
    track(at, 'Order Completed', 'user-1', order),
    track(at, TOO_LONG_NAME, 'user-2', { step: 2 }),
    track(at, 'Order Refunded', 'user-3', { total: 10 }, { timestamp: 'next tuesday' }),
    track(at, 'Product Viewed', null, { sku: 'B-7' })
  ]
  return [
    ...outcomeScenarios(at, order, partial),
    backfillScenario(isoWithNanoseconds(runAtMs - BACKFILL_AGE_DAYS * DAY_MS)),
    ...retryScenarios(at, runAtMs)
  ]
}

function outcomeScenarios(at: string, order: JSONObject, partial: SegmentEvent[]): DemoScenario[] {
  return [
    {
      key: 'all-succeed',
      title: 'Every event succeeds: Customer.io answers 200 {}',
      action: 'trackEvent',
      events: [
        track(at, 'Order Completed', 'user-1', order),
        track(at, 'Signed Up', 'ana@example.com'),
        track(at, 'Page Scrolled', null)
      ],
      expected: ALL_DELIVERED(3)
    },
    {
      key: 'some-fail-json',
      title: 'Some fail, some succeed: a 207 answered as JSON',
      action: 'trackEvent',
      events: partial,
      expected: PARTIAL_EXPECTED
    },
    {
      key: 'some-fail-string',
      title: 'Some fail, some succeed: the same 207 answered as a JSON string (text/plain)',
      action: 'trackEvent',
      events: partial,
      fault: 'text-207',
      expected: PARTIAL_EXPECTED
    },
    {
      key: 'all-fail',
      title: 'Every event fails: each attribute value is over 1,000 bytes',
      action: 'createUpdatePerson',
      events: ['user-1', 'user-2', 'user-3'].map((userId) => identify(at, userId, { bio: TOO_LONG_VALUE })),
      expected: Array.from({ length: 3 }, () => ({ status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' }))
    },
    {
      key: 'unattributed',
      title: 'Errors without batch_index: no event is reported delivered, all are retried',
      action: 'trackEvent',
      events: [track(at, 'Order Completed', 'user-1', order), track(at, TOO_LONG_NAME, 'user-2')],
      fault: 'unindexed',
      expected: Array.from({ length: 2 }, () => ({ status: 502, errortype: 'BAD_GATEWAY' }))
    },
    {
      key: 'unavailable',
      title: 'Customer.io is unavailable (503): the batch is thrown back and the platform retries it',
      action: 'trackEvent',
      events: [track(at, 'Order Completed', 'user-1', order), track(at, 'Signed Up', 'user-2')],
      fault: '503',
      expected: { thrown: 503 }
    }
  ]
}

function backfillScenario(tenDaysAgo: string): DemoScenario {
  return {
    key: 'backfill',
    title: `A backfill: events ${BACKFILL_AGE_DAYS} days old are delivered (200) but cannot trigger campaigns`,
    action: 'trackEvent',
    events: ['user-4', 'user-5', 'user-6'].map((userId) =>
      track(tenDaysAgo, 'Order Completed', userId, { total: 18 }, { messageId: `msg-backfill-${userId}` })
    ),
    expected: ALL_DELIVERED(3)
  }
}

/** The retries' message ids carry the run's time: no run's retry meets the events of another run. */
function retryScenarios(at: string, run: number): DemoScenario[] {
  const events = (label: string) =>
    ['Cart Viewed', 'Checkout Started', 'Order Completed'].map((name, index) =>
      track(at, name, 'user-7', { step: index + 1 }, { messageId: `msg-${label}-${run}-${index + 1}` })
    )
  const lost = 'the answer is lost after Customer.io stored the batch, and the platform retries it'
  return [
    {
      key: 'retry-ulid',
      title: `Retries that cannot duplicate: ${lost}; with ulid_event_id, the retry's events are ignored as duplicates`,
      action: 'trackEvent',
      events: events('retry-ulid'),
      mapping: { ulid_event_id: true },
      fault: 'lost-answer',
      expected: { thrown: 'no answer' },
      retry: { expected: ALL_DELIVERED(3), simulator: { storedOnFirstTry: 3, duplicatesIgnored: 3, storedTwice: 0 } }
    },
    {
      key: 'retry-message-id',
      title: `The same retry without ulid_event_id (the default): the ids are message ids, so each event is stored twice`,
      action: 'trackEvent',
      events: events('retry-message-id'),
      fault: 'lost-answer',
      expected: { thrown: 'no answer' },
      retry: { expected: ALL_DELIVERED(3), simulator: { storedOnFirstTry: 3, duplicatesIgnored: 0, storedTwice: 3 } }
    }
  ]
}
