import { MAX_REQUEST_BYTES } from '../../../src/track-api/limits'
import { startSimulator, type Simulator } from '../../../src/serve/simulator'
import { BODY_TIMEOUT_MS } from '../../../src/serve/guard'
import { createRuntime } from '../../../src/serve/simulator/runtime'
import { sendRaw } from '../__helpers__/raw-http'
import type { SimulatorState } from '../../../src/serve/simulator/state'
import { OUTSIDE_CAMPAIGN_WINDOW } from '../../../src/serve/simulator/campaign-window'
import { API_KEY, basicAuth, callSimulator, postBatch, SITE_ID } from '../__helpers__/simulator-client'

const identifyU1 = { type: 'person', action: 'identify', identifiers: { id: 'u-1' }, attributes: { plan: 'pro' } }
const paidEvent = { type: 'person', action: 'event', identifiers: { id: 'u-1' }, name: 'Paid', timestamp: 1767225600 }
/** paidEvent as the simulator stores it: dated 2026-01-01, so outside the 72-hour campaign window. */
const paidEventStored = {
  action: 'event',
  identifiers: { id: 'u-1' },
  name: 'Paid',
  timestamp: 1767225600,
  attributes: {},
  campaigns: OUTSIDE_CAMPAIGN_WINDOW
}
const acme = {
  type: 'object',
  action: 'identify',
  identifiers: { object_type_id: '1', object_id: 'acme' },
  attributes: { seats: 5 }
}

let sim: Simulator

function listHeaders(headers: Headers): string[] {
  const list: string[] = []
  headers.forEach((value, name) => list.push(`${name}: ${value}`))
  return list
}

beforeEach(async () => {
  sim = await startSimulator({ siteId: SITE_ID, apiKey: API_KEY })
})

afterEach(async () => {
  await sim.close()
})

describe('simulator auth', () => {
  it.each([
    ['no credentials', null],
    ['a wrong api key', basicAuth(SITE_ID, 'wrong-key')],
    ['a wrong site id', basicAuth('other-site', API_KEY)],
    ['a bearer token', `Bearer ${API_KEY}`]
  ])('answers 401 to %s on every Track route', async (_name, auth) => {
    const answers = await Promise.all([
      callSimulator(sim, 'GET', '/auth', { auth }),
      callSimulator(sim, 'GET', '/api/v1/accounts/region', { auth }),
      callSimulator(sim, 'POST', '/api/v2/entity', { auth, body: identifyU1 }),
      postBatch(sim, [identifyU1], { auth }),
      callSimulator(sim, 'DELETE', '/api/v1/customers/u-1', { auth })
    ])
    for (const answer of answers) {
      expect(answer.status).toBe(401)
      expect(answer.json).toEqual({ meta: { error: 'Unauthorized request' } })
    }
    expect(sim.state.people).toEqual({})
  })

  it('answers 200 to /auth and the region to /api/v1/accounts/region with valid credentials', async () => {
    expect((await callSimulator(sim, 'GET', '/auth')).status).toBe(200)
    const region = await callSimulator(sim, 'GET', '/api/v1/accounts/region')
    expect(region.status).toBe(200)
    expect(region.json).toEqual({ url: sim.url, region: 'us', environment_id: 1 })
  })

  it('never shows the api key or the auth header in an answer, the state or the request log', async () => {
    const wrong = basicAuth(SITE_ID, `${API_KEY}-old`)
    const answers = [
      await postBatch(sim, [identifyU1, { ...paidEvent, name: undefined }]),
      await postBatch(sim, [identifyU1], { auth: wrong }),
      await callSimulator(sim, 'GET', '/_sim/state'),
      await callSimulator(sim, 'GET', '/_sim/requests'),
      await callSimulator(sim, 'POST', '/api/v1/metrics', { auth: wrong, body: { delivery_id: 'd', metric: 'opened' } })
    ]
    const seen = JSON.stringify([
      answers.map((answer) => [answer.text, listHeaders(answer.headers)]),
      sim.requests,
      sim.state
    ])
    for (const secret of [API_KEY, basicAuth().slice('Basic '.length), wrong.slice('Basic '.length), 'authorization']) {
      expect(seen).not.toContain(secret)
    }
    expect(sim.requests.map((entry) => entry.status)).toEqual([207, 401, 401])
  })
})

describe('POST /api/v2/batch', () => {
  it('answers 200 {} as JSON to an all-valid batch and stores every item', async () => {
    const answer = await postBatch(sim, [identifyU1, paidEvent, acme])
    expect(answer.status).toBe(200)
    expect(answer.text).toBe('{}')
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(sim.state.people['id:u-1'].attributes).toEqual({ plan: 'pro' })
    expect(sim.state.objects['1:acme'].attributes).toEqual({ seats: 5 })
    expect(sim.state.events).toEqual([paidEventStored])
    expect(sim.state.counters).toEqual({
      requests: 1,
      itemsAccepted: 3,
      itemsRejected: 0,
      updatesSkipped: 0,
      duplicatesIgnored: 0
    })
  })

  it('answers 207 naming only the invalid items, and stores the valid ones', async () => {
    const answer = await postBatch(sim, [
      identifyU1,
      { ...paidEvent, name: undefined, timestamp: '2026-01-01' },
      { type: 'person', action: 'identify', identifiers: { id: 'u-2' } },
      { type: 'person', action: 'add_device', identifiers: { id: 'u-2', email: 'b@x.test' }, device: { token: 't' } }
    ])
    expect(answer.status).toBe(207)
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(answer.json).toEqual({
      errors: [
        { batch_index: 1, reason: 'required', field: 'name', message: 'name is required.' },
        {
          batch_index: 1,
          reason: 'invalid',
          field: 'timestamp',
          message: 'timestamp must be integer, not a string.'
        },
        {
          batch_index: 3,
          reason: 'invalid',
          field: 'identifiers',
          message: 'identifiers must hold exactly one identifier; got id and email.'
        },
        { batch_index: 3, reason: 'required', field: 'device.platform', message: 'device.platform is required.' }
      ]
    })
    expect(Object.keys(sim.state.people)).toEqual(['id:u-1', 'id:u-2'])
    expect(sim.state.people['id:u-2'].devices).toEqual({})
    expect(sim.state.events).toEqual([])
    expect(sim.state.counters).toEqual({
      requests: 1,
      itemsAccepted: 2,
      itemsRejected: 2,
      updatesSkipped: 0,
      duplicatesIgnored: 0
    })
  })

  it.each([
    ['a body that is not JSON', '{"batch": [', 'The request body is not valid JSON.'],
    ['a body without a batch array', '{"items": []}', 'The request body must be an object with a batch array.']
  ])('answers 400 to %s', async (_name, raw, message) => {
    const answer = await callSimulator(sim, 'POST', '/api/v2/batch', { raw })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({ errors: [{ reason: 'invalid', field: 'batch', message }] })
  })

  it('answers 413 to a request over 500,000 bytes and stores nothing', async () => {
    const item = {
      ...identifyU1,
      attributes: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`a${i}`, 'x'.repeat(900)]))
    }
    const batch = Array.from({ length: 20 }, () => item)
    const bytes = Buffer.byteLength(JSON.stringify({ batch }))
    expect(bytes).toBeGreaterThan(MAX_REQUEST_BYTES)
    const answer = await postBatch(sim, batch)
    expect(answer.status).toBe(413)
    expect(answer.json).toEqual({
      errors: [
        {
          reason: 'too_large',
          field: 'batch',
          message: `The request is ${bytes} bytes; /api/v2/batch accepts at most 500000 bytes.`
        }
      ]
    })
    expect(sim.state.people).toEqual({})
  })
})

describe('POST /api/v2/entity', () => {
  it('answers 200 {} and stores a valid operation', async () => {
    const answer = await callSimulator(sim, 'POST', '/api/v2/entity', { body: acme })
    expect([answer.status, answer.text]).toEqual([200, '{}'])
    expect(sim.state.objects['1:acme']).toEqual({ attributes: { seats: 5 }, relationships: {} })
  })

  it('answers 400 with the errors, without batch_index, to an invalid operation', async () => {
    const answer = await callSimulator(sim, 'POST', '/api/v2/entity', { body: { type: 'person', action: 'event' } })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({
      errors: [
        {
          reason: 'required',
          field: 'identifiers',
          message: 'identifiers is required: one of id, email, cio_id, anonymous_id.'
        },
        { reason: 'required', field: 'name', message: 'name is required.' }
      ]
    })
    expect(sim.state.counters).toEqual({
      requests: 1,
      itemsAccepted: 0,
      itemsRejected: 1,
      updatesSkipped: 0,
      duplicatesIgnored: 0
    })
  })

  it('answers 413 to a body over 32,000 bytes', async () => {
    const answer = await callSimulator(sim, 'POST', '/api/v2/entity', {
      body: { ...paidEvent, attributes: { blob: 'x'.repeat(32_000) } }
    })
    expect(answer.status).toBe(413)
    expect(answer.json).toMatchObject({ errors: [{ reason: 'too_large', field: 'body' }] })
  })
})

describe('DELETE /api/v1/customers/:id', () => {
  it('removes the person named by a URL-encoded id, email or cio_ id', async () => {
    await postBatch(sim, [
      identifyU1,
      { type: 'person', action: 'identify', identifiers: { email: 'ana@x.test' } },
      { type: 'person', action: 'identify', identifiers: { cio_id: 'a3000001' } },
      { type: 'person', action: 'identify', identifiers: { id: 'team/7' } }
    ])
    const answers = await Promise.all(
      ['u-1', 'ana%40x.test', 'cio_a3000001', 'team%2F7'].map((id) =>
        callSimulator(sim, 'DELETE', `/api/v1/customers/${id}`)
      )
    )
    expect(answers.map((answer) => [answer.status, answer.json])).toEqual(Array(4).fill([200, {}]))
    expect(sim.state.people).toEqual({})
  })
})

describe('timestamps the simulator refuses', () => {
  it('answers 207 to an event whose timestamp no 64-bit integer reads as, and stores only the others', async () => {
    const raw = `{"batch":[${JSON.stringify(paidEvent)},${JSON.stringify(paidEvent).replace('1767225600', '100000000000000000000')}]}`
    const answer = await callSimulator(sim, 'POST', '/api/v2/batch', { raw })
    expect([answer.status, answer.json]).toEqual([
      207,
      {
        errors: [
          {
            batch_index: 1,
            reason: 'invalid',
            field: 'timestamp',
            message: 'timestamp must be a 64-bit integer, from -2^63 to 2^63 - 1, not 100000000000000000000.'
          }
        ]
      }
    ])
    expect(sim.state.events).toEqual([paidEventStored])
  })
})

describe('POST /api/v1/metrics', () => {
  it('accepts a metric without credentials and stores it', async () => {
    const body = { delivery_id: 'd-1', metric: 'opened', timestamp: 1767225600, recipient: 'ana@x.test' }
    const answer = await callSimulator(sim, 'POST', '/api/v1/metrics', { body, auth: null })
    expect([answer.status, answer.json]).toEqual([200, {}])
    expect(sim.state.deliveries).toEqual([
      {
        via: 'metrics',
        delivery_id: 'd-1',
        metric: 'opened',
        timestamp: 1767225600,
        details: { recipient: 'ana@x.test' }
      }
    ])
  })

  it('answers 401 to wrong credentials and 400 with meta.errors to an invalid body', async () => {
    const body = { delivery_id: 'd-1', metric: 'read', timestamp: '1767225600' }
    expect((await callSimulator(sim, 'POST', '/api/v1/metrics', { body, auth: basicAuth(SITE_ID, 'x') })).status).toBe(
      401
    )
    const answer = await callSimulator(sim, 'POST', '/api/v1/metrics', { body })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({
      meta: {
        errors: [
          'body matches none of the forms the spec allows: timestamp must be integer, not a string; metric must be one of bounced, clicked, converted, deferred, delivered, dropped, opened, spammed, not "read".'
        ]
      }
    })
    expect(sim.state.deliveries).toEqual([])
  })
})

describe('control routes', () => {
  it('answers 404 JSON to an unknown route', async () => {
    const answer = await callSimulator(sim, 'GET', '/api/v2/batch')
    expect(answer.status).toBe(404)
    expect(answer.json).toEqual({
      errors: [{ reason: 'not_found', field: 'path', message: 'The simulator has no route for GET /api/v2/batch.' }]
    })
  })

  it('serves the state as JSON, newest first, and clears it on POST /_sim/reset, without auth', async () => {
    await postBatch(sim, [identifyU1, paidEvent])
    const state = await callSimulator(sim, 'GET', '/_sim/state', { auth: null })
    const kept = JSON.parse(JSON.stringify(sim.state)) as SimulatorState
    expect(state.json).toEqual({
      accountRegion: 'us',
      counters: kept.counters,
      people: kept.people,
      objects: kept.objects,
      events: [...kept.events].reverse(),
      deliveries: [...kept.deliveries].reverse(),
      ignored: [...kept.ignored].reverse(),
      next: { people: null, objects: null, events: null, deliveries: null, ignored: null },
      kept: { people: 1, objects: 0, events: 1, deliveries: 0, ignored: 0 },
      maxKept: { people: 1_000, objects: 1_000, events: 1_000, deliveries: 1_000, ignored: 1_000 }
    })
    expect(state.json).toMatchObject({
      counters: { requests: 1, itemsAccepted: 2, itemsRejected: 0, updatesSkipped: 0, duplicatesIgnored: 0 }
    })
    expect((await callSimulator(sim, 'POST', '/_sim/reset', { auth: null })).status).toBe(200)
    expect((await callSimulator(sim, 'GET', '/_sim/state')).json).toEqual({
      accountRegion: 'us',
      people: {},
      objects: {},
      events: [],
      deliveries: [],
      ignored: [],
      counters: { requests: 0, itemsAccepted: 0, itemsRejected: 0, updatesSkipped: 0, duplicatesIgnored: 0 },
      next: { people: null, objects: null, events: null, deliveries: null, ignored: null },
      kept: { people: 0, objects: 0, events: 0, deliveries: 0, ignored: 0 },
      maxKept: { people: 1_000, objects: 1_000, events: 1_000, deliveries: 1_000, ignored: 1_000 }
    })
    expect(sim.requests).toEqual([])
  })

  it('empties the same state object on reset()', async () => {
    const { state } = sim
    await postBatch(sim, [identifyU1])
    sim.reset()
    expect(state.people).toEqual({})
    expect(sim.state).toBe(state)
  })

  it('logs method, path, status and parsed body of each Track request', async () => {
    await postBatch(sim, [identifyU1])
    await callSimulator(sim, 'GET', '/auth', { auth: null })
    expect(sim.requests).toEqual([
      { method: 'POST', path: '/api/v2/batch', status: 200, body: { batch: [identifyU1] }, bytes: expect.any(Number) },
      { method: 'GET', path: '/auth', status: 401, bytes: 0 }
    ])
  })
})

describe('a body that does not arrive in time', () => {
  it('is answered 408 as JSON at the same limit as the local server’s port, and nothing is stored', async () => {
    const quick = await startSimulator({ siteId: SITE_ID, apiKey: API_KEY, bodyTimeoutMs: 300 })
    try {
      const answer = await sendRaw(quick.url, {
        path: '/api/v2/batch',
        headers: {
          'content-type': 'application/json',
          'content-length': '1000',
          authorization: basicAuth(SITE_ID, API_KEY)
        },
        body: '{"batch":[',
        trickle: { bytes: 1, delayMs: 100 }
      })
      expect([answer.status, JSON.parse(answer.body)]).toEqual([
        408,
        { errors: [{ reason: 'timeout', field: 'body', message: 'The body did not arrive within 0.3 seconds.' }] }
      ])
      expect(quick.state.counters.requests).toBe(0)
    } finally {
      await quick.close()
    }
  })

  it('is cut at the local server’s BODY_TIMEOUT_MS by default', () => {
    expect(createRuntime({ siteId: SITE_ID, apiKey: API_KEY }).bodyTimeoutMs).toBe(BODY_TIMEOUT_MS)
  })
})
