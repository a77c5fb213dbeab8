// update_only and ulid_event_id end to end, over real sockets: the destination sends to the simulator, which applies
// Customer.io's documented rules. Each event's outcome stays 200; the simulator's state says what was ignored and why.
// The bodies the destination sends for them, with nock: __tests__/track-api/ignored-by-customerio.test.ts.
import { createTestIntegration, type SegmentEvent } from '@segment/actions-core'
import { createDestination } from '../../../src'
import { startSimulator, type Simulator } from '../../../src/serve/simulator'
import type { Settings } from '../../../src/generated-types'
import { fixedEvent } from '../../__helpers__/destination'
import { mappingFor } from '../../__helpers__/runner'

const SETTINGS = { siteId: 'rules-site', apiKey: 'rules-key-21', accountRegion: 'US 🇺🇸' }

let simulator: Simulator
let destination: ReturnType<typeof createTestIntegration<Settings>>

beforeAll(async () => {
  simulator = await startSimulator({ siteId: SETTINGS.siteId, apiKey: SETTINGS.apiKey })
  destination = createTestIntegration(createDestination({ hosts: { US: simulator.url, EU: simulator.url } }))
})

afterAll(() => simulator.close())

beforeEach(() => simulator.reset())

const ORDERS: SegmentEvent[] = [
  fixedEvent({ type: 'track', event: 'Order Completed', userId: 'u-1', messageId: 'msg-0001', properties: {} }),
  fixedEvent({ type: 'track', event: 'Order Completed', userId: 'u-1', messageId: 'msg-0002', properties: {} })
]
/** The ULIDs of msg-0001 and msg-0002 at 2024-08-14T20:36:48Z (track-api/ulid.test.ts checks the first by hand). */
const ULIDS = ['01J599PZR039MZHJXZSZP67HD2', '01J599PZR00KD2S5E529HA9CZQ']

function sendOrders(ulid: boolean) {
  const mapping = mappingFor('trackEvent', { ulid_event_id: ulid })
  return destination.executeBatch('trackEvent', { events: ORDERS, settings: SETTINGS, mapping })
}

describe('a batch sent again (a retry)', () => {
  it('with ulid_event_id: delivered twice, stored once, the second sending ignored as duplicates', async () => {
    const first = await sendOrders(true)
    const retry = await sendOrders(true)
    expect([...first, ...retry].map((outcome) => outcome.status)).toEqual([200, 200, 200, 200])
    expect(retry.map((outcome) => (outcome as unknown as { sent: { id: string } }).sent.id)).toEqual(ULIDS)
    expect(simulator.state.events.map((event) => event.id)).toEqual(ULIDS)
    expect(simulator.state.ignored).toEqual(
      ULIDS.map((id) => ({ reason: 'duplicate_event_id', action: 'event', identifiers: { id: 'u-1' }, id }))
    )
    expect(simulator.state.counters).toMatchObject({ itemsAccepted: 4, duplicatesIgnored: 2 })
  })

  it('with the defaults: the message ids are sent, and each event is stored twice', async () => {
    await sendOrders(false)
    await sendOrders(false)
    expect(simulator.state.events.map((event) => event.id)).toEqual(['msg-0001', 'msg-0002', 'msg-0001', 'msg-0002'])
    expect(simulator.state.ignored).toEqual([])
  })

  it('on the single path: the same ULID, stored once', async () => {
    const mapping = mappingFor('trackEvent', { ulid_event_id: true })
    for (let sending = 0; sending < 2; sending++) {
      await destination.testAction('trackEvent', { event: ORDERS[0], settings: SETTINGS, mapping })
    }
    expect(simulator.state.events.map((event) => event.id)).toEqual([ULIDS[0]])
    expect(simulator.state.counters.duplicatesIgnored).toBe(1)
  })
})

describe('update_only', () => {
  const identify = fixedEvent({ type: 'identify', userId: 'u-9', anonymousId: null, traits: { plan: 'pro' } })
  const mapping = mappingFor('createUpdatePerson', { update_only: true })

  it('batch: a person who does not exist is not created, and the state says no person matched', async () => {
    const outcomes = await destination.executeBatch('createUpdatePerson', {
      events: [identify],
      settings: SETTINGS,
      mapping
    })
    expect(outcomes.map((outcome) => [outcome.status, (outcome as { sent?: unknown }).sent])).toEqual([
      [
        200,
        {
          type: 'person',
          action: 'identify',
          identifiers: { id: 'u-9' },
          timestamp: 1723667808,
          attributes: { plan: 'pro', _update: true }
        }
      ]
    ])
    expect(simulator.state.people).toEqual({})
    expect(simulator.state.ignored).toEqual([
      { reason: 'no_person_matched', action: 'identify', identifiers: { id: 'u-9' } }
    ])
    expect(simulator.state.counters.updatesSkipped).toBe(1)
  })

  it('single: a person who exists is updated', async () => {
    const create = mappingFor('createUpdatePerson')
    await destination.testAction('createUpdatePerson', {
      event: fixedEvent({ type: 'identify', userId: 'u-9', anonymousId: null, traits: { seats: 5 } }),
      settings: SETTINGS,
      mapping: create
    })
    await destination.testAction('createUpdatePerson', { event: identify, settings: SETTINGS, mapping })
    expect(simulator.state.people['id:u-9'].attributes).toEqual({ seats: 5, plan: 'pro' })
    expect(simulator.state.ignored).toEqual([])
  })
})
