// ./bin/run serve's own statsContext and logger: the collector, GET /_stats, and the demo's totals (the page's panel: stats-panel.test.ts).
import { METRICS } from '../../src/track-api/delivery-stats'
import { main } from '../../src/serve/cli'
import { createStatsCollector, percentile, type StatsSummary } from '../../src/serve/stats-collector'
import { useRunningServer } from './__helpers__/running-server'

jest.setTimeout(60_000)

describe('the stats collector', () => {
  it('sums counters, bytes and answer times as the platform would, and keeps the logger’s warnings', () => {
    const printed: string[] = []
    const stats = createStatsCollector((line) => printed.push(line))
    const client = stats.statsContext.statsClient
    client.incr(METRICS.delivered, 3, ['action:trackEvent'])
    client.incr(METRICS.delivered, 2, ['action:trackEvent'])
    client.incr(METRICS.rejected, 1, ['error_type:BAD_REQUEST'])
    client.incr(METRICS.retried, 4, ['status:503'])
    client.incr(METRICS.refused, 1)
    client.incr(METRICS.requests, 1, ['status:200'])
    client.incr(METRICS.requests, 1, ['status:503'])
    client.histogram(METRICS.requestBytes, 1000)
    client.histogram(METRICS.requestBytes, 250)
    for (const ms of [5, 1, 4, 2, 3, 100, 6, 7, 8, 9]) client.histogram(METRICS.answerTime, ms)
    stats.logger.warn('not confirmed')
    expect(printed).toEqual(['not confirmed'])
    const summary = stats.summary()
    expect(summary).toMatchObject({
      events: { delivered: 5, rejected: 1, retried: 4, refused: 1 },
      requests: 2,
      bytes: 1250,
      answerTimeMs: { count: 10, p50: 5, p95: 100 },
      warnings: { count: 1, recent: ['not confirmed'] }
    })
    expect(summary.series).toContainEqual({
      type: 'counter',
      name: METRICS.delivered,
      tags: ['action:trackEvent'],
      count: 2,
      sum: 5
    })
    stats.reset()
    expect(stats.summary()).toMatchObject({ requests: 0, answerTimeMs: { count: 0, p50: null, p95: null } })
  })

  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull()
    expect(percentile([7], 95)).toBe(7)
    expect(percentile([1, 2, 3, 4], 50)).toBe(2)
    expect(percentile([1, 2, 3, 4], 95)).toBe(4)
  })
})

describe('GET /_stats on ./bin/run serve --max-request-bytes', () => {
  const running = useRunningServer({ options: { port: '0', 'max-request-bytes': '3000' } })

  it('answers the totals of what the destination reported, a 413 recovery included', async () => {
    const big = (name: string) => ({
      type: 'track',
      event: name,
      userId: `user-${name}`,
      properties: { a: 'x'.repeat(900) }
    })
    const answer = await running.post('/trackEvent', { payload: [big('A'), big('B'), big('C'), big('D')] })
    const { multistatus } = answer.json as { multistatus: { status: number }[] }
    expect(multistatus.map((node) => node.status)).toEqual([200, 200, 200, 200])
    const summary = (await running.get('/_stats')).json as StatsSummary
    // 4 items of about 1,000 bytes against 3,000: refused whole, then two halves of two.
    expect(summary).toMatchObject({
      events: { delivered: 4, rejected: 0, retried: 0, refused: 0 },
      requests: 3,
      answerTimeMs: { count: 3 },
      warnings: { count: 0 }
    })
    const sent = running.serving.simulator?.requests.reduce((sum, entry) => sum + entry.bytes, 0)
    expect(summary.bytes).toBe(sent)
    expect(summary.series).toContainEqual({
      type: 'counter',
      name: METRICS.halved,
      tags: ['destination:actions-customerio', 'source:serve', 'action:trackEvent', 'region:US'],
      count: 1,
      sum: 1
    })
  })
})

describe('./bin/run demo', () => {
  it('ends with the metrics totals', async () => {
    const lines: string[] = []
    expect(await main(['demo'], (line) => lines.push(line))).toBe(0)
    const totals = lines[lines.length - 1].trimStart().split('\n')
    expect(totals[0]).toBe('Metrics reported through statsContext (GET /_stats on ./bin/run serve):')
    // The retry scenarios' first tries (3 events each) are thrown retryably; their retries are delivered.
    expect(totals[1]).toBe('  events     16 delivered, 5 rejected, 10 to be retried, 2 refused before sending')
    expect(totals[2]).toMatch(/^ {2}requests {3}11 to the Track API, [\d,]+ bytes sent$/)
    expect(totals[3]).toMatch(/^ {2}answers {4}p50 \d+ ms, p95 \d+ ms \(11 timed\)$/)
    // One for the answer Customer.io did not vouch for; one for the backfill, whose events are 10 days old when
    // sent (outside the campaign window). The other scenarios' events are an hour old.
    expect(totals[4]).toBe('  warnings   2 through the logger')
  })
})
