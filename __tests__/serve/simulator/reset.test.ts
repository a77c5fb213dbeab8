import { startSimulator, type Simulator } from '../../../src/serve/simulator'
import { API_KEY, postBatch, SITE_ID } from './simulator-client'

let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ siteId: SITE_ID, apiKey: API_KEY })
})

afterEach(() => sim.close())

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5000) throw new Error('the simulator never received the request')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('Simulator.reset', () => {
  // A `slow` request that outlived its client used to land in the state after the next test's reset, so a test run
  // under load saw another test's events.
  it('cuts a slow request still waiting, so nothing from before the reset lands after it', async () => {
    sim.setFault({ mode: 'slow', delayMs: 200 }, 1)
    const pending = postBatch(sim, [{ type: 'person', action: 'identify', identifiers: { id: 'before' } }])
    await until(() => sim.requests.length === 1)
    sim.reset()
    await expect(pending).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(sim.state.people).toEqual({})
    expect(sim.state.counters).toEqual({ requests: 0, itemsAccepted: 0, itemsRejected: 0 })
    expect(sim.requests).toEqual([])
  })
})
