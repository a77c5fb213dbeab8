// The fields this package adds to Segment's catalog change nothing at their defaults: a mapping without them (as
// Segment's published destination has it) and a mapping with their defaults put the same bytes on the wire.
import nock from 'nock'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import { CATALOG_ADDITIONS } from '../src/fields/catalog-additions'
import { fixedEvent, newTestDestination, REGIONS } from './__helpers__/destination'
import { mappingFor } from './__helpers__/runner'

const EVENTS: Record<string, SegmentEvent> = {
  createUpdatePerson: fixedEvent({
    type: 'identify',
    userId: 'u-123',
    traits: { email: 'ana@example.com', plan: 'pro', _update: false }
  }),
  trackEvent: fixedEvent({ type: 'track', event: 'Order Completed', userId: 'u-123', properties: { total: 42.5 } }),
  trackPageView: fixedEvent({ type: 'page', userId: 'u-123', properties: { url: 'https://shop.example.com/cart' } }),
  trackScreenView: fixedEvent({ type: 'screen', name: 'Checkout', userId: null, anonymousId: 'a-9f2' })
}

/** The action's default mapping without the additions: what a mapping written for the catalog holds. */
function catalogMapping(action: string): JSONObject {
  const mapping = mappingFor(action)
  for (const name of Object.keys(CATALOG_ADDITIONS[action])) delete mapping[name]
  return mapping
}

/** The raw bodies the single and the batch path post for the event under a mapping. */
async function bodiesSent(action: string, mapping: JSONObject): Promise<string[]> {
  const { host, settings } = REGIONS[0]
  const bodies: string[] = []
  nock(host)
    .post(/\/api\/v2\/(entity|batch)/, (body) => (bodies.push(JSON.stringify(body)), true))
    .times(2)
    .reply(200, {})
  const destination = newTestDestination()
  await destination.testAction(action, { event: EVENTS[action], settings, mapping })
  await destination.executeBatch(action, { events: [EVENTS[action]], settings, mapping })
  return bodies
}

describe.each(Object.keys(CATALOG_ADDITIONS))('%s', (action) => {
  it('sends exactly the same with the additions at their defaults as without them', async () => {
    const without = await bodiesSent(action, catalogMapping(action))
    const withDefaults = await bodiesSent(action, mappingFor(action))
    expect(Object.keys(mappingFor(action))).toEqual(expect.arrayContaining(Object.keys(CATALOG_ADDITIONS[action])))
    expect(without).toHaveLength(2)
    expect(withDefaults).toEqual(without)
  })

  it('sends something else with each addition on, so the comparison can tell', async () => {
    const on = Object.fromEntries(Object.keys(CATALOG_ADDITIONS[action]).map((name) => [name, true]))
    const without = await bodiesSent(action, catalogMapping(action))
    expect(await bodiesSent(action, { ...catalogMapping(action), ...on })).not.toEqual(without)
  })
})
