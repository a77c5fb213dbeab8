import nock from 'nock'
import { fixedEvent, US, newTestDestination } from './destination'
import { mappingFor } from './runner'

// Three trackEvent events, the items they become, and the outcome of each when delivered: the batch the tests of
// Customer.io's answers send through actions-core's executeBatch.

export const TRACKED = [
  fixedEvent({ type: 'track', event: 'First', userId: 'u-1', properties: {} }),
  fixedEvent({ type: 'track', event: 'Second', userId: 'u-2', properties: {} }),
  fixedEvent({ type: 'track', event: 'Third', userId: 'u-3', properties: {} })
]

const item = (name: string, user: string) => ({
  type: 'person',
  action: 'event',
  identifiers: { id: user },
  name,
  id: 'msg-0001',
  timestamp: 1723667808,
  attributes: { anonymous_id: 'anonId1234' }
})

/** The item each of TRACKED becomes. */
export const SENT = [item('First', 'u-1'), item('Second', 'u-2'), item('Third', 'u-3')]

/** The payload of the ith event, as its outcome carries it. */
export const bodyOf = (i: number) => expect.objectContaining({ name: SENT[i].name, id: SENT[i].identifiers.id })

/** The outcome of the ith event, delivered. */
export const delivered = (i: number) => ({ status: 200, sent: SENT[i], body: bodyOf(i) })

/** Sends the first events of TRACKED as one batch that Customer.io answers with `reply`; checks that it was sent. */
export async function sendTracked(reply: (scope: nock.Interceptor) => nock.Scope, events = TRACKED) {
  const scope = reply(nock(US.host).post('/api/v2/batch', { batch: SENT.slice(0, events.length) }))
  const result = await newTestDestination().executeBatch('trackEvent', {
    events,
    settings: US.settings,
    mapping: mappingFor('trackEvent')
  })
  expect(scope.isDone()).toBe(true)
  return result
}
