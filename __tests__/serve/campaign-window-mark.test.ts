// The local server's history marks each delivered event that Customer.io received outside its 72-hour campaign window;
// the multistatus of POST /<action> never carries the mark.
import { useRunningServer } from './__helpers__/running-server'
import { MAX_KEPT_VALUE_BYTES } from '../../src/serve/truncated-value'

jest.setTimeout(30_000)

const running = useRunningServer({ resetBeforeEach: true })
const HOUR_MS = 3_600_000

function track(event: string, ageMs: number, properties: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'track', event, userId: 'user-1', timestamp: new Date(Date.now() - ageMs).toISOString(), properties }
}

interface Node {
  status: number
  campaignWindow?: string
  sent?: unknown
}

describe("the history's campaign-window mark", () => {
  it('marks the delivered events over 72 hours old, not a fresh one nor a failed one, and not in the multistatus', async () => {
    const answer = await running.post('/trackEvent', {
      payload: [
        track('Backfilled', 240 * HOUR_MS),
        track('Fresh', HOUR_MS),
        track('x'.repeat(101), 240 * HOUR_MS),
        track('Just inside', 71 * HOUR_MS)
      ]
    })
    const { multistatus } = answer.json as { multistatus: Node[] }
    expect(multistatus.map((node) => node.status)).toEqual([200, 200, 400, 200])
    expect(multistatus.filter((node) => 'campaignWindow' in node)).toEqual([])
    const [record] = running.serving.server.deliveries.list()
    expect(record.outcomes.map((outcome) => [outcome.status, outcome.campaignWindow])).toEqual([
      [200, 'outside'],
      [200, undefined],
      [400, undefined],
      [200, undefined]
    ])
    const listing = (await running.get('/_deliveries')).json as { deliveries: { outcomes: Node[] }[] }
    const [listed] = listing.deliveries
    expect(listed.outcomes.map((outcome) => outcome.campaignWindow ?? null)).toEqual(['outside', null, null, null])
  })

  it('marks an old event whose sent item the history keeps truncated', async () => {
    const big = track('Backfilled big', 240 * HOUR_MS, { note: 'n'.repeat(MAX_KEPT_VALUE_BYTES + 100) })
    await running.post('/trackEvent', { payload: [big] })
    const [outcome] = running.serving.server.deliveries.list()[0].outcomes
    expect(JSON.stringify(outcome.sent)).not.toContain('"timestamp"')
    expect([outcome.status, outcome.campaignWindow]).toEqual([200, 'outside'])
  })

  it('marks an old event sent on the single path', async () => {
    await running.post('/trackEvent', { payload: track('Backfilled alone', 240 * HOUR_MS) })
    const [outcome] = running.serving.server.deliveries.list()[0].outcomes
    expect([outcome.status, outcome.campaignWindow]).toEqual([200, 'outside'])
  })
})
