// The metrics totals as the demo prints them: what the platform would have received from the destination.
import type { StatsSummary } from './stats-collector'

export function formatStatsSummary(summary: StatsSummary): string {
  const { events, answerTimeMs } = summary
  const ms = (value: number | null) => (value === null ? '–' : `${value} ms`)
  return [
    'Metrics reported through statsContext (GET /_stats on ./bin/run serve):',
    `  events     ${events.delivered} delivered, ${events.rejected} rejected, ${events.retried} to be retried, ${events.refused} refused before sending`,
    `  requests   ${summary.requests} to the Track API, ${summary.bytes.toLocaleString('en-US')} bytes sent`,
    `  answers    p50 ${ms(answerTimeMs.p50)}, p95 ${ms(answerTimeMs.p95)} (${answerTimeMs.count} timed)`,
    `  warnings   ${summary.warnings.count} through the logger`
  ].join('\n')
}
