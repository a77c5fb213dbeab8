// The demo: batches that show every kind of outcome, sent through the real pipeline (Destination.executeBatch) to the
// simulator, and a readable table of each event's outcome.
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { DeliveryRecord } from './delivery-log'
import type { FaultMode } from './simulator'

export interface ExpectedOutcome {
  status: number
  errortype?: string
}

export interface DemoScenario {
  key: string
  title: string
  action: string
  events: SegmentEvent[]
  mapping?: JSONObject
  /** A fault the simulator applies to this scenario's requests, and to no other. */
  fault?: FaultMode
  /** The outcome each event must get, or that the batch is thrown back for the platform to retry. */
  expected: ExpectedOutcome[] | { thrown: number }
}

export interface DemoTarget {
  /** Runs one batch whose requests, and only those, get `fault` (none when undefined, whatever the run's fault). */
  runBatch(
    action: string,
    events: SegmentEvent[],
    mapping: JSONObject | undefined,
    fault: FaultMode | undefined
  ): Promise<DeliveryRecord>
}

export interface DemoResult {
  scenario: DemoScenario
  record: DeliveryRecord
  asExpected: boolean
}

const AT = '2026-11-27T09:30:00.123456789Z'

function track(
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
    timestamp: AT,
    properties,
    ...extra
  }
}

function identify(userId: string, traits: JSONObject): SegmentEvent {
  return {
    type: 'identify',
    userId,
    anonymousId: `anon-${userId}`,
    messageId: `msg-id-${userId}`,
    timestamp: AT,
    traits
  }
}

const ORDER = { total: 42.5, currency: 'EUR', placed_at: '2026-11-27T09:29:58.5Z', items: [{ sku: 'A-1', qty: 2 }] }
const TOO_LONG_NAME = `Checkout Step Viewed ${'x'.repeat(100)}`
const TOO_LONG_VALUE = 'y'.repeat(1200)

const PARTIAL_EVENTS = [
  track('Order Completed', 'user-1', ORDER),
  track(TOO_LONG_NAME, 'user-2', { step: 2 }),
  track('Order Refunded', 'user-3', { total: 10 }, { timestamp: 'next tuesday' }),
  track('Product Viewed', null, { sku: 'B-7' })
]
const PARTIAL_EXPECTED: ExpectedOutcome[] = [
  { status: 200 },
  { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' },
  { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' },
  { status: 200 }
]

export const DEMO_SCENARIOS: DemoScenario[] = [
  {
    key: 'all-succeed',
    title: 'Every event succeeds: Customer.io answers 200 {}',
    action: 'trackEvent',
    events: [
      track('Order Completed', 'user-1', ORDER),
      track('Signed Up', 'ana@example.com'),
      track('Page Scrolled', null)
    ],
    expected: [{ status: 200 }, { status: 200 }, { status: 200 }]
  },
  {
    key: 'some-fail-json',
    title: 'Some fail, some succeed: a 207 answered as JSON',
    action: 'trackEvent',
    events: PARTIAL_EVENTS,
    expected: PARTIAL_EXPECTED
  },
  {
    key: 'some-fail-string',
    title: 'Some fail, some succeed: the same 207 answered as a JSON string (text/plain)',
    action: 'trackEvent',
    events: PARTIAL_EVENTS,
    fault: 'text-207',
    expected: PARTIAL_EXPECTED
  },
  {
    key: 'all-fail',
    title: 'Every event fails: each attribute value is over 1,000 bytes',
    action: 'createUpdatePerson',
    events: [
      identify('user-1', { bio: TOO_LONG_VALUE }),
      identify('user-2', { bio: TOO_LONG_VALUE }),
      identify('user-3', { bio: TOO_LONG_VALUE })
    ],
    expected: [
      { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' },
      { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' },
      { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' }
    ]
  },
  {
    key: 'unattributed',
    title: 'Errors without batch_index: no event is reported delivered, all are retried',
    action: 'trackEvent',
    events: [track('Order Completed', 'user-1', ORDER), track(TOO_LONG_NAME, 'user-2')],
    fault: 'unindexed',
    expected: [
      { status: 502, errortype: 'BAD_GATEWAY' },
      { status: 502, errortype: 'BAD_GATEWAY' }
    ]
  },
  {
    key: 'unavailable',
    title: 'Customer.io is unavailable (503): the batch is thrown back and the platform retries it',
    action: 'trackEvent',
    events: [track('Order Completed', 'user-1', ORDER), track('Signed Up', 'user-2')],
    fault: '503',
    expected: { thrown: 503 }
  }
]

export async function runDemo(target: DemoTarget, scenarios: DemoScenario[] = DEMO_SCENARIOS): Promise<DemoResult[]> {
  const results: DemoResult[] = []
  for (const scenario of scenarios) {
    const record = await target.runBatch(scenario.action, scenario.events, scenario.mapping, scenario.fault)
    results.push({ scenario, record, asExpected: matchesExpected(record, scenario.expected) })
  }
  return results
}

export function matchesExpected(record: DeliveryRecord, expected: DemoScenario['expected']): boolean {
  if (!Array.isArray(expected)) return record.thrown?.status === expected.thrown
  if (record.thrown || record.outcomes.length !== expected.length) return false
  return expected.every(
    (want, index) =>
      record.outcomes[index].status === want.status &&
      (want.errortype === undefined || record.outcomes[index].errortype === want.errortype)
  )
}

/** One table per batch: index, event, status, error type, message. */
export function formatResult(result: DemoResult, width = 100): string {
  const { scenario, record } = result
  const lines = [
    `${result.asExpected ? '✓' : '✗'} ${scenario.title}`,
    `  ${scenario.action}, ${scenario.events.length} events`
  ]
  if (record.thrown) {
    lines.push(
      `  thrown: ${record.thrown.message}${record.thrown.retryable ? ' (retryable: the platform retries the batch)' : ''}`
    )
    return lines.join('\n')
  }
  const rows = record.outcomes.map((outcome) => [
    String(outcome.index),
    eventLabel(scenario.events[outcome.index]),
    String(outcome.status),
    outcome.errortype ?? '',
    outcome.errormessage ?? 'delivered'
  ])
  lines.push(...formatTable(['#', 'event', 'status', 'error type', 'message'], rows, width))
  lines.push(`  ${record.succeeded} delivered, ${record.failed} failed, ${record.retried} to be retried`)
  return lines.join('\n')
}

function eventLabel(event: SegmentEvent | undefined): string {
  if (!event) return ''
  const name = event.type === 'track' ? (event.event ?? '') : event.type
  return `${name.length > 24 ? `${name.slice(0, 21)}...` : name} (${event.userId ?? 'anonymous'})`
}

function formatTable(header: string[], rows: string[][], width: number): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)))
  const fixed = widths.slice(0, -1).reduce((sum, w) => sum + w + 3, 2)
  widths[widths.length - 1] = Math.max(20, Math.min(widths[widths.length - 1], width - fixed))
  const render = (cells: string[]) =>
    '  ' +
    cells
      .map((cell, column) => clip(cell, widths[column]).padEnd(widths[column]))
      .join(' | ')
      .trimEnd()
  return [render(header), '  ' + widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(render)]
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text
}
