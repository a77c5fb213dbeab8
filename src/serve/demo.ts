// The demo: batches that show every kind of outcome (demo-scenarios.ts), sent through the real pipeline
// (Destination.executeBatch) to the simulator, with the platform's retry where a scenario has one, and a readable
// table of each event's outcome.
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { DeliveryRecord } from './delivery-log'
import { demoScenarios, type DemoScenario, type RetryCounts } from './demo-scenarios'
import type { FaultMode } from './simulator'

export { demoScenarios } from './demo-scenarios'
export type { DemoScenario, ExpectedOutcome, RetryCounts } from './demo-scenarios'

export interface DemoTarget {
  /** Runs one batch whose requests, and only those, get `fault` (none when undefined, whatever the run's fault). */
  runBatch(
    action: string,
    events: SegmentEvent[],
    mapping: JSONObject | undefined,
    fault: FaultMode | undefined
  ): Promise<DeliveryRecord>
  /** What the simulator holds of these event ids: the id of each stored event that has one, and ignored items. */
  simulatorRecords(ids: string[]): SimulatorRecords
}

export interface SimulatorRecords {
  /** The id of each stored event whose id is one of them, once per stored copy. */
  storedIds: string[]
  /** The ignored items (duplicates) whose id is one of them. */
  ignored: number
}

export interface DemoResult {
  scenario: DemoScenario
  /** The first try's delivery. */
  record: DeliveryRecord
  /** The platform's retry, for a scenario that has one and whose first try was thrown retryably. */
  retry?: { record: DeliveryRecord; counts: RetryCounts }
  asExpected: boolean
}

export async function runDemo(
  target: DemoTarget,
  scenarios: DemoScenario[] = demoScenarios(Date.now())
): Promise<DemoResult[]> {
  const results: DemoResult[] = []
  for (const scenario of scenarios) {
    const record = await target.runBatch(scenario.action, scenario.events, scenario.mapping, scenario.fault)
    const asExpected = matchesExpected(record, scenario.expected)
    if (scenario.retry === undefined || record.thrown?.retryable !== true) {
      results.push({ scenario, record, asExpected: asExpected && scenario.retry === undefined })
      continue
    }
    const retried = await target.runBatch(scenario.action, scenario.events, scenario.mapping, undefined)
    const counts = retryCounts(retried, target.simulatorRecords(sentIds(retried)))
    const retryAsExpected =
      matchesExpected(retried, scenario.retry.expected) &&
      (Object.keys(counts) as (keyof RetryCounts)[]).every((key) => counts[key] === scenario.retry?.simulator[key])
    results.push({ scenario, record, retry: { record: retried, counts }, asExpected: asExpected && retryAsExpected })
  }
  return results
}

/** The event ids a delivery sent, in order. */
function sentIds(record: DeliveryRecord): string[] {
  return record.outcomes.flatMap(({ sent }) => {
    const id = typeof sent === 'object' && sent !== null ? (sent as { id?: unknown }).id : undefined
    return typeof id === 'string' ? [id] : []
  })
}

/**
 * The counts of a first try and its retry, from the retry's delivery and what the simulator holds of its ids: the
 * retry stored each event it delivered that the simulator did not ignore; the first try stored the other copies.
 */
export function retryCounts(retry: DeliveryRecord, held: SimulatorRecords): RetryCounts {
  const delivered = retry.outcomes.filter((outcome) => outcome.status === 200).length
  const storedByRetry = delivered - held.ignored
  return {
    storedOnFirstTry: held.storedIds.length - storedByRetry,
    duplicatesIgnored: held.ignored,
    storedTwice: held.storedIds.length - new Set(held.storedIds).size
  }
}

export function matchesExpected(record: DeliveryRecord, expected: DemoScenario['expected']): boolean {
  if (!Array.isArray(expected)) {
    if (expected.thrown !== 'no answer') return record.thrown?.status === expected.thrown
    return record.thrown?.retryable === true && record.thrown.status === undefined
  }
  if (record.thrown || record.outcomes.length !== expected.length) return false
  return expected.every(
    (want, index) =>
      record.outcomes[index].status === want.status &&
      (want.errortype === undefined || record.outcomes[index].errortype === want.errortype)
  )
}

/** What a retry scenario's two tries did, in one line. */
export function retryLine(counts: RetryCounts): string {
  return (
    `first try: the answer was lost after Customer.io stored ${plural(counts.storedOnFirstTry, 'event')}; ` +
    `retry: ${plural(counts.duplicatesIgnored, 'duplicate')} ignored, ${counts.storedTwice} stored twice`
  )
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** One table per batch: index, event, status, error type, message; a retry's first try and counts before its table. */
export function formatResult(result: DemoResult, width = 100): string {
  const { scenario, retry } = result
  const lines = [
    `${result.asExpected ? '✓' : '✗'} ${scenario.title}`,
    `  ${scenario.action}, ${scenario.events.length} events`
  ]
  const thrown = result.record.thrown
  if (thrown) {
    lines.push(`  ${retry ? 'first try ' : ''}thrown: ${thrown.message}${thrown.retryable ? RETRYABLE : ''}`)
  }
  if (retry) lines.push(`  ${retryLine(retry.counts)}`)
  const shown = retry?.record ?? result.record
  if (shown.thrown) return lines.join('\n')
  lines.push(...formatTable(['#', 'event', 'status', 'error type', 'message'], outcomeRows(scenario, shown), width))
  lines.push(`  ${shown.succeeded} delivered, ${shown.failed} failed, ${shown.retried} to be retried`)
  return lines.join('\n')
}

const RETRYABLE = ' (retryable: the platform retries the batch)'
const OUTSIDE_WINDOW = 'delivered; cannot trigger campaigns (over 72 h old)'

function outcomeRows(scenario: DemoScenario, record: DeliveryRecord): string[][] {
  return record.outcomes.map((outcome) => [
    String(outcome.index),
    eventLabel(scenario.events[outcome.index]),
    String(outcome.status),
    outcome.errortype ?? '',
    outcome.errormessage ?? (outcome.campaignWindow === 'outside' ? OUTSIDE_WINDOW : 'delivered')
  ])
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
