// The local server's routes into the destination, as Segment's actions CLI has them (GET /manifest,
// POST /authenticate, POST /delete, POST /<action>), and the delivery history's and the stats' routes. Each handler
// gets a call its check (call-checks.ts) passed, hands it to DestinationCalls and answers.
import { sendJson } from './answer'
import { checkActionCall, checkAuthenticateCall, checkDeleteCall, type ActionCall } from './call-checks'
import { deliveriesAnswer, deliveryAnswer, type Answer } from './delivery-pages'
import { manifestOf } from './destination-calls'
import { route, type Call, type Route } from './route-table'

export const DESTINATION_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/manifest',
    handle: ({ response, server }) => sendJson(response, 200, manifestOf(server.definition))
  },
  route({
    method: 'POST',
    path: '/authenticate',
    check: checkAuthenticateCall,
    handle: async ({ response, server }, settings) => sendJson(response, 200, await server.calls.authenticate(settings))
  }),
  route({
    method: 'POST',
    path: '/delete',
    check: checkDeleteCall,
    handle: async ({ response, server }, { person, settings }) =>
      sendJson(response, 200, await server.calls.deletePerson(person, settings))
  }),
  route({ method: 'POST', path: /^\/[A-Za-z]+$/, check: checkActionCall, handle: runAction }),
  {
    method: 'GET',
    path: '/_deliveries',
    handle: ({ response, url, server }) => sendAnswer(response, deliveriesAnswer(server.deliveries, url.searchParams))
  },
  {
    method: 'GET',
    path: /^\/_deliveries\/\d{1,15}$/,
    handle: ({ response, url, server }) =>
      sendAnswer(response, deliveryAnswer(server.deliveries, url.pathname) as Answer)
  },
  {
    method: 'DELETE',
    path: '/_deliveries',
    handle: ({ response, server }) => {
      server.deliveries.clear()
      sendJson(response, 200, { ok: true })
    }
  },
  { method: 'GET', path: '/_stats', handle: ({ response, server }) => sendJson(response, 200, server.stats.summary()) }
]

/** POST /<action> `{payload, settings?, mapping?}`: an array payload is the batch path, an object the single path. */
async function runAction({ response, url, server }: Call, call: ActionCall): Promise<void> {
  const { calls } = server
  if (call.kind === 'single') {
    return sendJson(response, 200, await calls.runSingle(call.slug, call.event, call.settings, call.mapping, call.via))
  }
  const record = await calls.runBatch(call.slug, call.events, call.settings, call.mapping, call.via, call.refusals)
  if (url.searchParams.get('shape') === 'stock') return sendJson(response, 200, record.exchanges)
  if (record.thrown) return sendJson(response, 200, { error: record.thrown, exchanges: record.exchanges })
  const multistatus = record.outcomes.map(
    ({ index: _index, event: _event, state: _state, campaignWindow: _campaignWindow, ...node }) => node
  )
  sendJson(response, 200, { multistatus, exchanges: record.exchanges })
}

function sendAnswer(response: Call['response'], answer: Answer): void {
  sendJson(response, answer.status, answer.body)
}
