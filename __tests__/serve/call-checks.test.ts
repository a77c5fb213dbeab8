// The checks every call passes before its handler, on a running ./bin/run serve: the mapping as the mapping engine
// reads it, the person to delete, the two shapes of POST /authenticate, and x-sim-fault where it does not apply.
import { useRunningServer } from './__helpers__/running-server'

const running = useRunningServer({ resetBeforeEach: true })
const { post } = running

const EVENT = { type: 'track', event: 'Order Completed', userId: 'user-1', timestamp: '2026-11-27T09:30:00Z' }

function errorOf(answer: { json: unknown }): string {
  return (answer.json as { error: string }).error
}

describe('a mapping the mapping engine refuses', () => {
  it.each([
    ['an unknown directive', { name: { '@nope': 1 } }, '/name has an invalid directive: @nope.'],
    ['a template that is not a string', { name: { '@template': 5 } }, expect.stringMatching(/^\/name\/@template /)],
    ['two directives in one object', { name: { '@path': '$.event', '@template': 'x' } }, expect.any(String)],
    ['a directive nested in another', { name: { '@if': { exists: { '@nope': 1 }, then: 'x' } } }, expect.any(String)]
  ])('is a 400 with the engine’s first message on the batch path, %s', async (_name, mapping, message) => {
    const answer = await post('/trackEvent', { payload: [EVENT], mapping })
    expect([answer.status, answer.json]).toEqual([400, { error: message }])
    expect(answer.body).not.toMatch(/\n|\bat \w|node_modules|\/work\//)
    expect(running.serving.simulator?.requests).toEqual([])
  })

  it.each([
    ['the single path', '/trackEvent', { payload: EVENT }],
    ['the stock shape of the batch path', '/trackEvent?shape=stock', { payload: [EVENT] }],
    ['another action', '/createUpdatePerson', { payload: [{ type: 'identify', userId: 'user-1' }] }]
  ])('is the same 400 on %s', async (_name, path, body) => {
    const answer = await post(path, { ...body, mapping: { name: { '@nope': 1 } } })
    expect([answer.status, errorOf(answer)]).toEqual([400, '/name has an invalid directive: @nope.'])
    expect(running.serving.simulator?.requests).toEqual([])
  })
})

describe('a mapping the mapping engine refuses only on some data', () => {
  // @case takes any string as its operator, and throws only when it meets a string value with one it does not know.
  const mapping = { event_id: { '@case': { operator: 'title', value: { '@path': '$.properties.label' } } } }
  const MESSAGE = 'operator key should have a value of "lower" or "upper"'

  it('is a 400 naming the event on the batch path, and nothing is sent', async () => {
    const payload = [EVENT, { ...EVENT, properties: { label: 'Order Completed' } }, EVENT]
    const answer = await post('/trackEvent', { payload, mapping })
    expect([answer.status, answer.json]).toEqual([400, { error: `payload[1]: ${MESSAGE}` }])
    expect(running.serving.simulator?.requests).toEqual([])
  })

  it('is a 400 with the engine’s message on the single path', async () => {
    const answer = await post('/trackEvent', { payload: { ...EVENT, properties: { label: 'x' } }, mapping })
    expect([answer.status, answer.json]).toEqual([400, { error: MESSAGE }])
    expect(running.serving.simulator?.requests).toEqual([])
  })

  it('is read on the events the engine is handed: an event refused for its depth is refused alone', async () => {
    let deep: Record<string, unknown> = {}
    for (let level = 0; level < 120; level++) deep = { deep }
    const payload = [EVENT, { ...EVENT, properties: { label: 'x', deep } }]
    const answer = await post('/trackEvent', { payload, mapping })
    const outcomes = (answer.json as { multistatus: Array<{ status: number }> }).multistatus
    expect([answer.status, outcomes.map((outcome) => outcome.status)]).toEqual([200, [200, 400]])
  })
})

describe('POST /delete', () => {
  it('refuses a userId with a lone surrogate as the caller’s error, and deletes no one', async () => {
    const answer = await post('/delete', '{"payload":{"userId":"user-\\ud800"}}')
    expect([answer.status, errorOf(answer)]).toEqual([
      400,
      'The "userId" is not valid Unicode text (it holds a lone surrogate).'
    ])
    expect(running.serving.simulator?.requests).toEqual([])
    expect(running.serving.server.deliveries.list()).toEqual([])
  })

  it('takes a userId with a character outside the basic plane (a surrogate pair)', async () => {
    const answer = await post('/delete', { payload: { userId: 'user-😀' } })
    expect(answer.status).toBe(200)
    expect(running.serving.simulator?.requests.map((entry) => [entry.method, entry.path])).toEqual([
      ['DELETE', `/api/v1/customers/${encodeURIComponent('user-😀')}`]
    ])
  })
})

describe('POST /authenticate', () => {
  it.each([
    ['bare', { siteId: 'sim-site-id', apiKey: 'wrong-key' }],
    ['inside "settings", as every other route takes them', { settings: { siteId: 'sim-site-id', apiKey: 'wrong-key' } }]
  ])('takes the settings %s', async (_name, body) => {
    const answer = await post('/authenticate', body)
    expect([answer.status, answer.json]).toEqual([
      200,
      { ok: false, error: 'Credentials are invalid: 401 Unauthorized' }
    ])
  })

  it('checks the default settings when given {"settings": {}}', async () => {
    const answer = await post('/authenticate', { settings: {} })
    expect([answer.status, answer.json]).toEqual([200, { ok: true }])
  })
})

describe('x-sim-fault', () => {
  it.each(['/delete', '/authenticate'])('is refused with a 400 on %s, where it does not apply', async (path) => {
    const answer = await post(path, { payload: { userId: 'user-1' } }, { 'x-sim-fault': '503' })
    expect([answer.status, errorOf(answer)]).toEqual([
      400,
      `x-sim-fault applies to POST /<action> only; ${path} sends without a fault.`
    ])
    expect(running.serving.simulator?.requests).toEqual([])
  })
})

describe('settings without credentials', () => {
  const EMPTY = { siteId: '', apiKey: '' }
  const DELIVERY_EVENT = {
    type: 'track',
    event: 'Report Delivery Event',
    userId: 'user-1',
    properties: { deliveryId: 'dlv-1', metric: 'opened' }
  }

  it('sends reportDeliveryEvent without credentials, as the destination does (the metrics call needs none)', async () => {
    const answer = await post('/reportDeliveryEvent', { payload: [DELIVERY_EVENT], settings: EMPTY })
    expect(answer.status).toBe(200)
    expect((answer.json as { multistatus: { status: number }[] }).multistatus.map(({ status }) => status)).toEqual([
      200
    ])
    const [request] = running.serving.simulator?.requests ?? []
    expect(request).toMatchObject({ method: 'POST', path: '/api/v1/metrics', status: 200 })
  })

  it('refuses every other action without credentials, and sends nothing', async () => {
    const answer = await post('/trackEvent', { payload: [EVENT], settings: EMPTY })
    expect([answer.status, errorOf(answer)]).toEqual([400, 'The setting siteId is empty.'])
    expect(running.serving.simulator?.requests).toEqual([])
  })
})
