import { applyItem } from '../../../src/serve/simulator/apply-item'
import { MAX_LOGGED_REQUESTS, recordRequest, type RequestLogEntry } from '../../../src/serve/simulator/runtime'
import { createSimulatorState, trimSimulatorState, type StateLimits } from '../../../src/serve/simulator/state'
import { startSimulator } from '../../../src/serve/simulator'

const LIMITS: StateLimits = { people: 2, objects: 1, events: 3, deliveries: 2 }

describe('trimSimulatorState', () => {
  it('keeps the latest events and deliveries, and the people and objects stored last', () => {
    const state = createSimulatorState()
    for (let i = 1; i <= 5; i++) {
      applyItem(state, { type: 'person', action: 'event', identifiers: { id: `u-${i}` }, name: `E${i}` })
      applyItem(state, { type: 'person', action: 'identify', identifiers: { id: `u-${i}` }, attributes: { i } })
      applyItem(state, { type: 'delivery', action: 'event', identifiers: { id: `d-${i}` }, name: 'opened' })
    }
    applyItem(state, {
      type: 'object',
      action: 'identify',
      identifiers: { object_type_id: '1', object_id: 'old' },
      cio_relationships: [{ identifiers: { id: 'u-5' } }]
    })
    applyItem(state, { type: 'object', action: 'identify', identifiers: { object_type_id: '1', object_id: 'new' } })
    trimSimulatorState(state, LIMITS)
    expect(state.events.map((event) => event.name)).toEqual(['E3', 'E4', 'E5'])
    expect(state.deliveries.map((delivery) => delivery.delivery_id)).toEqual(['d-4', 'd-5'])
    expect(Object.keys(state.people)).toEqual(['id:u-4', 'id:u-5'])
    expect(Object.keys(state.objects)).toEqual(['1:new'])
    // The dropped object's side of the relationship goes with it.
    expect(state.people['id:u-5'].relationships).toEqual({})
    expect(state.counters).toEqual({
      requests: 0,
      itemsAccepted: 0,
      itemsRejected: 0,
      updatesSkipped: 0,
      duplicatesIgnored: 0
    })
  })
})

describe('recordRequest', () => {
  it('keeps the latest MAX_LOGGED_REQUESTS requests', () => {
    const runtime = { log: [] as RequestLogEntry[] }
    for (let i = 0; i < MAX_LOGGED_REQUESTS + 5; i++) {
      recordRequest(runtime, { method: 'POST', path: `/r${i}`, status: 200, bytes: 0 })
    }
    expect(runtime.log).toHaveLength(MAX_LOGGED_REQUESTS)
    expect(runtime.log[0].path).toBe('/r5')
  })
})

describe('the running simulator', () => {
  it('stores at most its limit of events however many it accepts', async () => {
    const simulator = await startSimulator({ siteId: 's', apiKey: 'k' })
    try {
      const batch = Array.from({ length: 600 }, (_, i) => ({
        type: 'person',
        action: 'event',
        identifiers: { id: `u-${i}` },
        name: 'Viewed'
      }))
      for (let round = 0; round < 3; round++) {
        const response = await fetch(`${simulator.url}/api/v2/batch`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Basic ${Buffer.from('s:k').toString('base64')}`
          },
          body: JSON.stringify({ batch })
        })
        expect(response.status).toBe(200)
      }
      expect(simulator.state.counters.itemsAccepted).toBe(1800)
      expect(simulator.state.events).toHaveLength(1000)
      expect(Object.keys(simulator.state.people)).toHaveLength(0)
    } finally {
      await simulator.close()
    }
  })
})
