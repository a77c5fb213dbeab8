// The local server's own statsContext and logger: what the platform would receive from the destination, kept in
// memory and summed up for GET /_stats and the page's panel (delivered / rejected / retried, requests, bytes, answer
// times).
import type { Logger, StatsContext } from '@segment/actions-core'
import { METRICS } from '../track-api/delivery-stats'

type StatsClient = StatsContext['statsClient']

/** How many answer times are kept for the percentiles, and how many warnings for the panel. */
const MAX_SAMPLES = 10_000
const MAX_WARNINGS = 20

/** One metric name with one set of tags, as the platform would aggregate it. */
export interface MetricSeries {
  type: 'counter' | 'histogram' | 'gauge'
  name: string
  tags: string[]
  /** How many times it was reported, and the sum of the values (the last value for a gauge). */
  count: number
  sum: number
}

export interface StatsSummary {
  events: { delivered: number; rejected: number; retried: number; refused: number }
  requests: number
  bytes: number
  /** Customer.io's answer times in milliseconds, nearest-rank percentiles; null before the first answer. */
  answerTimeMs: { count: number; p50: number | null; p95: number | null }
  /** The logger's warnings, newest last (at most 20), and how many there were in all. */
  warnings: { count: number; recent: string[] }
  series: MetricSeries[]
}

export interface StatsCollector {
  /** Handed to Destination.executeBatch / Action.execute as the platform's would be. */
  statsContext: StatsContext
  logger: Logger
  summary(): StatsSummary
  reset(): void
}

/** `onWarning` also gets every warning (the server prints it). */
export function createStatsCollector(onWarning: (line: string) => void = () => undefined): StatsCollector {
  const series = new Map<string, MetricSeries>()
  let answerTimes: number[] = []
  let warnings: string[] = []
  let warningCount = 0

  function record(type: MetricSeries['type'], name: string, value: number, tags: string[] = []): void {
    const key = `${type} ${name} ${tags.join(',')}`
    const entry = series.get(key) ?? { type, name, tags: [...tags], count: 0, sum: 0 }
    entry.count += 1
    entry.sum = type === 'gauge' ? value : entry.sum + value
    series.set(key, entry)
    if (name === METRICS.answerTime) {
      answerTimes.push(value)
      if (answerTimes.length > MAX_SAMPLES) answerTimes = answerTimes.slice(-MAX_SAMPLES)
    }
  }

  const statsClient: StatsClient = {
    incr: (name, value = 1, tags) => record('counter', name, value, tags),
    histogram: (name, value = 0, tags) => record('histogram', name, value, tags),
    set: (name, value, tags) => record('gauge', name, value, tags),
    observe: () => undefined,
    _name: (name) => name,
    _tags: (tags = []) => tags
  }

  function warn(...message: string[]): void {
    const line = message.join(' ')
    warningCount += 1
    warnings = [...warnings, line].slice(-MAX_WARNINGS)
    onWarning(line)
  }

  const logger: Logger = {
    level: 'warn',
    name: 'customerio-actions serve',
    debug: () => undefined,
    info: () => undefined,
    log: () => undefined,
    warn,
    error: warn,
    crit: warn,
    withTags: () => undefined
  }

  return {
    statsContext: { statsClient, tags: ['destination:actions-customerio', 'source:serve'] },
    logger,
    summary: () => summarize([...series.values()], answerTimes, warningCount, warnings),
    reset: () => {
      series.clear()
      answerTimes = []
      warnings = []
      warningCount = 0
    }
  }
}

export function summarize(
  series: MetricSeries[],
  answerTimes: readonly number[],
  warningCount: number,
  warnings: readonly string[]
): StatsSummary {
  const total = (name: string) =>
    series.filter((entry) => entry.name === name && entry.type === 'counter').reduce((sum, e) => sum + e.sum, 0)
  const sorted = [...answerTimes].sort((a, b) => a - b)
  return {
    events: {
      delivered: total(METRICS.delivered),
      rejected: total(METRICS.rejected),
      retried: total(METRICS.retried),
      refused: total(METRICS.refused)
    },
    requests: total(METRICS.requests),
    bytes: series.filter((entry) => entry.name === METRICS.requestBytes).reduce((sum, e) => sum + e.sum, 0),
    answerTimeMs: { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) },
    warnings: { count: warningCount, recent: [...warnings] },
    series: series.map((entry) => ({ ...entry, tags: [...entry.tags] }))
  }
}

/** Nearest-rank percentile of sorted values; null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}
