// What the destination sends so that Customer.io can ignore what it must, with nock: with ulid_event_id, a batch sent
// again (a retry) carries the same ULIDs, which Customer.io stores once; with update_only, an identify carries
// `_update: true`, which Customer.io applies only to a person who exists. Each event's outcome is 200 either way.
// The simulator applying those rules to what the destination sends: __tests__/serve/simulator/destination-ignored.test.ts.
import nock from 'nock'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import { executeBatchExpecting } from '../__helpers__/batch-outcomes'
import { US, fixedEvent, newTestDestination } from '../__helpers__/destination'
import { mappingFor } from '../__helpers__/runner'
import type { BatchItem } from '../../src/track-api/types'

const ORDERS: SegmentEvent[] = [
  fixedEvent({ type: 'track', event: 'Order Completed', userId: 'u-1', messageId: 'msg-0001', properties: {} }),
  fixedEvent({ type: 'track', event: 'Order Completed', userId: 'u-1', messageId: 'msg-0002', properties: {} })
]
/** The ULIDs of msg-0001 and msg-0002 at 2024-08-14T20:36:48Z (ulid.test.ts checks the first by hand). */
const ULIDS = ['01J599PZR039MZHJXZSZP67HD2', '01J599PZR00KD2S5E529HA9CZQ']

/** The item of an order with the given event id. */
const order = (id: string): BatchItem => ({
  type: 'person',
  action: 'event',
  identifiers: { id: 'u-1' },
  name: 'Order Completed',
  id,
  timestamp: 1723667808,
  attributes: { anonymous_id: 'anonId1234' }
})

/** Sends the orders as a batch, expecting exactly the items with these ids; returns each order's outcome. */
function sendOrders(ids: string[], mapping: JSONObject) {
  return executeBatchExpecting('trackEvent', ORDERS, ids.map(order), { status: 200, body: {} }, mapping)
}

/** Sends one event through the single path; returns the body of its one POST /api/v2/entity. */
async function sendSingle(actionKey: string, event: SegmentEvent, mapping: JSONObject): Promise<unknown> {
  let posted: unknown
  const scope = nock(US.host)
    .post('/api/v2/entity', (body) => ((posted = body), true))
    .reply(200, {})
  await newTestDestination().testAction(actionKey, {
    event,
    settings: US.settings,
    mapping: mappingFor(actionKey, mapping)
  })
  expect(scope.isDone()).toBe(true)
  return posted
}

/** The outcome of the nth order, delivered as the item with this id; its payload keeps the message id. */
const delivered = (id: string, nth: number) => ({
  status: 200,
  sent: order(id),
  body: expect.objectContaining({ event_id: ORDERS[nth].messageId })
})

describe('a batch sent again (a retry)', () => {
  it('with ulid_event_id: both sendings carry the same ULIDs, each delivered', async () => {
    const first = await sendOrders(ULIDS, { ulid_event_id: true })
    const retry = await sendOrders(ULIDS, { ulid_event_id: true })
    expect(first).toEqual(ULIDS.map(delivered))
    expect(retry).toEqual(first)
  })

  it('with the defaults: both sendings carry the message ids', async () => {
    for (let sending = 0; sending < 2; sending++) {
      expect(await sendOrders(['msg-0001', 'msg-0002'], {})).toEqual(['msg-0001', 'msg-0002'].map(delivered))
    }
  })

  it('on the single path: the same ULID each time', async () => {
    for (let sending = 0; sending < 2; sending++) {
      expect(await sendSingle('trackEvent', ORDERS[0], { ulid_event_id: true })).toEqual(order(ULIDS[0]))
    }
  })
})

describe('update_only', () => {
  const identify = fixedEvent({ type: 'identify', userId: 'u-9', anonymousId: null, traits: { plan: 'pro' } })
  const updateOnly = (attributes: JSONObject): BatchItem => ({
    type: 'person',
    action: 'identify',
    identifiers: { id: 'u-9' },
    timestamp: 1723667808,
    attributes
  })

  it('batch: the identify carries _update: true, and is delivered', async () => {
    const item = updateOnly({ plan: 'pro', _update: true })
    const outcomes = await executeBatchExpecting(
      'createUpdatePerson',
      [identify],
      [item],
      { status: 200, body: {} },
      { update_only: true }
    )
    expect(outcomes.map((outcome) => [outcome.status, (outcome as { sent?: unknown }).sent])).toEqual([[200, item]])
  })

  it('single: an identify without it creates or updates, one with it carries _update: true', async () => {
    const seats = fixedEvent({ type: 'identify', userId: 'u-9', anonymousId: null, traits: { seats: 5 } })
    expect(await sendSingle('createUpdatePerson', seats, {})).toEqual(updateOnly({ seats: 5 }))
    expect(await sendSingle('createUpdatePerson', identify, { update_only: true })).toEqual(
      updateOnly({ plan: 'pro', _update: true })
    )
  })
})
