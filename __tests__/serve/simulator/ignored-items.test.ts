// The simulator's two rules that accept an operation and change nothing, over real sockets, on both paths: an
// identify with `_update: true` for nobody it knows, and an event whose ULID it has already stored.
import { startSimulator, type Simulator } from '../../../src/serve/simulator'
import { API_KEY, SITE_ID, callSimulator, postBatch } from '../__helpers__/simulator-client'
import { OUTSIDE_CAMPAIGN_WINDOW } from '../../../src/serve/simulator/campaign-window'

const ULID = '01J599PZR039MZHJXZSZP67HD2'
const updateU1 = {
  type: 'person',
  action: 'identify',
  identifiers: { id: 'u-1' },
  attributes: { plan: 'pro', _update: true }
}
const orderEvent = (id: string) => ({
  type: 'person',
  action: 'event',
  identifiers: { id: 'u-1' },
  name: 'Order Completed',
  id,
  timestamp: 1723667808
})

let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ siteId: SITE_ID, apiKey: API_KEY })
})

afterEach(() => sim.close())

/** Each path posts the items its own way: one /entity request per item, or one /batch request for all. */
const PATHS = [
  {
    path: 'entity',
    post: async (items: object[]) => {
      const statuses: number[] = []
      for (const item of items)
        statuses.push((await callSimulator(sim, 'POST', '/api/v2/entity', { body: item })).status)
      return statuses
    }
  },
  {
    path: 'batch',
    post: async (items: object[]) => {
      const answer = await postBatch(sim, items)
      expect(answer.json).toEqual({})
      return items.map(() => answer.status)
    }
  }
]

describe.each(PATHS)('$path', ({ post }) => {
  it('answers 200 to an update-only identify of nobody, creates no one and says why', async () => {
    expect(await post([updateU1])).toEqual([200])
    expect(sim.state.people).toEqual({})
    expect(sim.state.ignored).toEqual([{ reason: 'no_person_matched', action: 'identify', identifiers: { id: 'u-1' } }])
    expect(sim.state.counters).toMatchObject({ itemsAccepted: 1, updatesSkipped: 1, duplicatesIgnored: 0 })
  })

  it('updates a person who exists, without storing _update as an attribute', async () => {
    const create = { type: 'person', action: 'identify', identifiers: { id: 'u-1' }, attributes: { seats: 5 } }
    expect(await post([create, updateU1])).toEqual([200, 200])
    expect(sim.state.people['id:u-1'].attributes).toEqual({ seats: 5, plan: 'pro' })
    expect(sim.state.ignored).toEqual([])
    expect(sim.state.counters.updatesSkipped).toBe(0)
  })

  it('answers 200 to an event whose ULID it has stored, and ignores it as a duplicate', async () => {
    expect(await post([orderEvent(ULID), orderEvent(ULID), orderEvent(ULID.toLowerCase())])).toEqual([200, 200, 200])
    expect(sim.state.events).toEqual([
      {
        action: 'event',
        identifiers: { id: 'u-1' },
        name: 'Order Completed',
        id: ULID,
        timestamp: 1723667808,
        attributes: {},
        campaigns: OUTSIDE_CAMPAIGN_WINDOW
      }
    ])
    expect(sim.state.ignored).toEqual([
      { reason: 'duplicate_event_id', action: 'event', identifiers: { id: 'u-1' }, id: ULID },
      { reason: 'duplicate_event_id', action: 'event', identifiers: { id: 'u-1' }, id: ULID.toLowerCase() }
    ])
    expect(sim.state.counters).toMatchObject({ itemsAccepted: 3, duplicatesIgnored: 2, updatesSkipped: 0 })
  })

  it('stores every event whose id is not a ULID, as nothing documents their de-duplication', async () => {
    expect(await post([orderEvent('msg-0001'), orderEvent('msg-0001')])).toEqual([200, 200])
    expect(sim.state.events.map((event) => event.id)).toEqual(['msg-0001', 'msg-0001'])
    expect(sim.state.ignored).toEqual([])
  })
})

it('empties what it ignored on reset', async () => {
  await postBatch(sim, [updateU1])
  sim.reset()
  expect(sim.state.ignored).toEqual([])
  expect(sim.state.counters).toMatchObject({ updatesSkipped: 0, duplicatesIgnored: 0 })
})
