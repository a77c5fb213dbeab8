// The demo's scenarios: their dates, and what the backfill and the retries do through the local server to the simulator.
import { demoScenarios } from '../../src/serve/demo'
import type { StatsSummary } from '../../src/serve/stats-collector'
import { METRICS } from '../../src/track-api/delivery-stats'
import { useRunningServer } from './__helpers__/running-server'

jest.setTimeout(30_000)

const running = useRunningServer({ resetBeforeEach: true })
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/

async function runScenario(key: string): Promise<unknown> {
  running.serving.server.stats.reset()
  const answer = await running.post(`/_demo?scenario=${key}`, {})
  expect(answer.status).toBe(200)
  return answer.json
}

describe('the demo scenarios', () => {
  it('date their events an hour before the run, and the backfill’s ten days before it', () => {
    const runAt = Date.UTC(2026, 11, 3, 10, 0, 0, 500)
    const dates = demoScenarios(runAt).map(({ key, events }) => [key, [...new Set(events.map((e) => e.timestamp))]])
    const hourBefore = '2026-12-03T09:00:00.123456789Z'
    expect(dates).toEqual([
      ['all-succeed', [hourBefore]],
      ['some-fail-json', [hourBefore, 'next tuesday']],
      ['some-fail-string', [hourBefore, 'next tuesday']],
      ['all-fail', [hourBefore]],
      ['unattributed', [hourBefore]],
      ['unavailable', [hourBefore]],
      ['backfill', ['2026-11-23T10:00:00.123456789Z']],
      ['retry-ulid', [hourBefore]],
      ['retry-message-id', [hourBefore]]
    ])
  })

  it('backfill: every event delivered 200, counted outside the campaign window, and one warning', async () => {
    const [result] = (await runScenario('backfill')) as { asExpected: boolean; delivery: number }[]
    expect(result.asExpected).toBe(true)
    const record = running.serving.server.deliveries.list()[0]
    expect(record.outcomes.map((outcome) => outcome.status)).toEqual([200, 200, 200])
    const summary = (await running.get('/_stats')).json as StatsSummary
    expect(summary.warnings.count).toBe(1)
    expect(summary.series.filter((series) => series.name === METRICS.outsideCampaignWindow)).toEqual([
      expect.objectContaining({ type: 'counter', count: 1, sum: 3 })
    ])
    expect(running.serving.simulator?.state.events.map((event) => event.campaigns?.triggersCampaigns)).toEqual([
      false,
      false,
      false
    ])
  })

  it('retry-ulid: the answer is lost after 3 events were stored; the retry is delivered and all 3 are duplicates', async () => {
    const answer = await runScenario('retry-ulid')
    const [retry, firstTry] = running.serving.server.deliveries.list()
    expect(answer).toEqual([
      {
        scenario: 'retry-ulid',
        title: expect.stringContaining('with ulid_event_id'),
        asExpected: true,
        delivery: retry.id,
        firstTry: firstTry.id,
        retry: {
          storedOnFirstTry: 3,
          duplicatesIgnored: 3,
          storedTwice: 0,
          summary:
            'first try: the answer was lost after Customer.io stored 3 events; retry: 3 duplicates ignored, 0 stored twice'
        }
      }
    ])
    expect(retry.id).toBe(firstTry.id + 1)
    expect(firstTry.thrown).toEqual({ message: expect.stringContaining('socket hang up'), retryable: true })
    expect([firstTry.events, firstTry.retried, firstTry.outcomes]).toEqual([3, 3, []])
    expect(retry.outcomes.map((outcome) => [outcome.status, outcome.state])).toEqual([
      [200, 'delivered'],
      [200, 'delivered'],
      [200, 'delivered']
    ])
    const state = running.serving.simulator!.state
    const ids = state.events.map((event) => event.id)
    expect(state.events.map((event) => event.name)).toEqual(['Cart Viewed', 'Checkout Started', 'Order Completed'])
    for (const id of ids) expect(id).toMatch(ULID)
    expect(new Set(ids).size).toBe(3)
    expect(state.ignored).toEqual(
      ids.map((id) => ({ reason: 'duplicate_event_id', action: 'event', identifiers: { id: 'user-7' }, id }))
    )
    expect(state.counters).toEqual({
      requests: 2,
      itemsAccepted: 6,
      itemsRejected: 0,
      updatesSkipped: 0,
      duplicatesIgnored: 3
    })
  })

  it('retry-message-id: without ulid_event_id, the retry stores each event a second time under its message id', async () => {
    const [result] = (await runScenario('retry-message-id')) as {
      asExpected: boolean
      retry: Record<string, unknown>
    }[]
    expect(result.asExpected).toBe(true)
    expect(result.retry).toEqual({
      storedOnFirstTry: 3,
      duplicatesIgnored: 0,
      storedTwice: 3,
      summary:
        'first try: the answer was lost after Customer.io stored 3 events; retry: 0 duplicates ignored, 3 stored twice'
    })
    const state = running.serving.simulator!.state
    const ids = state.events.map((event) => String(event.id))
    expect(ids.map((id) => id.replace(/-\d+-/, '-<run>-'))).toEqual([
      'msg-retry-message-id-<run>-1',
      'msg-retry-message-id-<run>-2',
      'msg-retry-message-id-<run>-3',
      'msg-retry-message-id-<run>-1',
      'msg-retry-message-id-<run>-2',
      'msg-retry-message-id-<run>-3'
    ])
    expect(ids.slice(3)).toEqual(ids.slice(0, 3))
    expect(state.ignored).toEqual([])
    expect(state.counters.duplicatesIgnored).toBe(0)
  })
})
