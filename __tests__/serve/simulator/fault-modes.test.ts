import { startSimulator, type Simulator } from '../../../src/serve/simulator'
import { API_KEY, callSimulator, postBatch, sendRequest, SITE_ID } from '../__helpers__/simulator-client'
import { sendRaw } from '../__helpers__/raw-http'

const valid = { type: 'person', action: 'identify', identifiers: { id: 'u-1' } }
const invalid = { type: 'person', action: 'event', identifiers: { id: 'u-2' } }
const nameRequired = { reason: 'required', field: 'name', message: 'name is required.' }

let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ siteId: SITE_ID, apiKey: API_KEY })
})

afterEach(async () => {
  await sim.close()
})

describe('answering faults', () => {
  it('429: answers JSON with Retry-After (1 by default) and stores nothing', async () => {
    sim.setFault({ mode: '429' })
    const answer = await postBatch(sim, [valid])
    expect(answer.status).toBe(429)
    expect(answer.headers.get('retry-after')).toBe('1')
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(answer.json).toEqual({
      errors: [{ reason: 'rate_limited', message: 'Too many requests (simulated); retry after 1 second(s).' }]
    })
    expect(sim.state.people).toEqual({})
    expect(sim.requests).toEqual([expect.objectContaining({ status: 429, fault: '429' })])
  })

  it('429: takes Retry-After from retryAfterSeconds', async () => {
    sim.setFault({ mode: '429', retryAfterSeconds: 7 })
    expect((await postBatch(sim, [valid])).headers.get('retry-after')).toBe('7')
  })

  it.each([
    ['500', { errors: [{ reason: 'internal_error', message: 'Internal server error (simulated).' }] }],
    [
      '503',
      { errors: [{ reason: 'service_unavailable', message: 'Service unavailable (simulated); try again later.' }] }
    ]
  ] as const)('%s: answers a JSON error body and stores nothing', async (mode, body) => {
    sim.setFault({ mode })
    const answer = await postBatch(sim, [valid])
    expect([answer.status, answer.json]).toEqual([Number(mode), body])
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(sim.state.counters).toEqual({
      requests: 1,
      itemsAccepted: 0,
      itemsRejected: 0,
      updatesSkipped: 0,
      duplicatesIgnored: 0
    })
  })

  it('slow: waits delayMs, then answers normally', async () => {
    sim.setFault({ mode: 'slow', delayMs: 150 })
    const started = Date.now()
    const answer = await postBatch(sim, [valid])
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect([answer.status, answer.json]).toEqual([200, {}])
    expect(Object.keys(sim.state.people)).toEqual(['id:u-1'])
  })

  it('slow: refuses a delay over ten minutes in x-sim-delay-ms, which node would cut to 1 ms', async () => {
    const answer = await sendRaw(sim.url, {
      path: '/api/v2/batch',
      headers: { 'x-sim-fault': 'slow', 'x-sim-delay-ms': '99999999999' },
      body: JSON.stringify({ batch: [valid] })
    })
    expect([answer.status, JSON.parse(answer.body)]).toEqual([
      400,
      {
        errors: [
          {
            reason: 'invalid',
            field: 'delayMs',
            message: 'delayMs must be a whole number of milliseconds, at most 600000.'
          }
        ]
      }
    ])
  })

  it('slow: a wait still pending when the simulator closes ends with a socket error, not a hang', async () => {
    sim.setFault({ mode: 'slow', delayMs: 60_000 })
    const pending = postBatch(sim, [valid])
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await sim.close()
    await expect(pending).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' })
    expect(Date.now() - started).toBeLessThan(1000)
    expect(sim.state.people).toEqual({})
  })
})

describe('socket faults', () => {
  it('reset: destroys the socket without answering, so the client sees a socket error', async () => {
    sim.setFault({ mode: 'reset' })
    const failure = await postBatch(sim, [valid]).then(
      () => undefined,
      (error: unknown) => error
    )
    // fetch's errors come from another realm than the test's, so match them by name rather than class.
    expect(failure).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'UND_ERR_SOCKET' } })
    expect(sim.requests).toEqual([expect.objectContaining({ status: null, fault: 'reset' })])
    expect(sim.state.people).toEqual({})
  })

  it('truncated: sends headers and part of the body, so the client fails reading the body', async () => {
    sim.setFault({ mode: 'truncated' })
    const response = await sendRequest(sim, 'POST', '/api/v2/batch', { body: { batch: [valid, invalid] } })
    expect(response.status).toBe(207)
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(64)
    await expect(response.text()).rejects.toMatchObject({ name: 'TypeError', message: 'terminated' })
    expect(Object.keys(sim.state.people)).toEqual(['id:u-1'])
  })

  it('lost-answer: stores what the batch carries, then destroys the socket, so the client sees no answer', async () => {
    sim.setFault({ mode: 'lost-answer' })
    const failure = await postBatch(sim, [valid, invalid]).then(
      () => undefined,
      (error: unknown) => error
    )
    expect(failure).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'UND_ERR_SOCKET' } })
    expect(sim.requests).toEqual([expect.objectContaining({ status: null, fault: 'lost-answer' })])
    expect(Object.keys(sim.state.people)).toEqual(['id:u-1'])
    expect(sim.state.counters).toEqual({
      requests: 1,
      itemsAccepted: 1,
      itemsRejected: 1,
      updatesSkipped: 0,
      duplicatesIgnored: 0
    })
  })
})

describe('reshaped batch answers', () => {
  it('text-207: sends the real errors as JSON text with content-type text/plain', async () => {
    sim.setFault({ mode: 'text-207' })
    const answer = await postBatch(sim, [valid, invalid])
    expect(answer.status).toBe(207)
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(JSON.parse(answer.text)).toEqual({ errors: [{ batch_index: 1, ...nameRequired }] })
    expect(Object.keys(sim.state.people)).toEqual(['id:u-1'])
  })

  it('text-207: still answers 207 text with no errors when every item is valid', async () => {
    sim.setFault({ mode: 'text-207' })
    const answer = await postBatch(sim, [valid])
    expect([answer.status, answer.headers.get('content-type'), answer.text]).toEqual([
      207,
      'text/plain; charset=utf-8',
      '{"errors":[]}'
    ])
  })

  it('unindexed: answers 207 JSON whose errors have no batch_index', async () => {
    sim.setFault({ mode: 'unindexed' })
    const answer = await postBatch(sim, [valid, invalid, invalid])
    expect(answer.status).toBe(207)
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(answer.json).toEqual({ errors: [nameRequired, nameRequired] })
  })

  it('answers a non-batch Track route normally under a batch-shaping fault', async () => {
    sim.setFault({ mode: 'text-207' })
    const answer = await callSimulator(sim, 'POST', '/api/v2/entity', { body: valid })
    expect([answer.status, answer.text, answer.headers.get('content-type')]).toEqual([
      200,
      '{}',
      'application/json; charset=utf-8'
    ])
  })
})

describe('choosing faults', () => {
  it('counts `times` down, then answers normally', async () => {
    sim.setFault({ mode: '500' }, 2)
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await postBatch(sim, [valid])).status)
    expect(statuses).toEqual([500, 500, 200])
  })

  it('sets and clears a fault through /_sim/fault, which no fault touches', async () => {
    const set = await callSimulator(sim, 'POST', '/_sim/fault', { auth: null, body: { mode: '503', times: 1 } })
    expect([set.status, set.json]).toEqual([200, { fault: { mode: '503' }, times: 1 }])
    expect((await callSimulator(sim, 'GET', '/_sim/state')).status).toBe(200)
    expect((await callSimulator(sim, 'GET', '/auth')).status).toBe(503)
    expect((await callSimulator(sim, 'GET', '/auth')).status).toBe(200)
    await callSimulator(sim, 'POST', '/_sim/fault', { body: { mode: '429' } })
    expect((await callSimulator(sim, 'DELETE', '/_sim/fault')).status).toBe(200)
    expect((await callSimulator(sim, 'GET', '/auth')).status).toBe(200)
  })

  it('refuses an unknown fault with 400', async () => {
    const answer = await callSimulator(sim, 'POST', '/_sim/fault', { body: { mode: '418' } })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({
      errors: [
        {
          reason: 'invalid',
          field: 'mode',
          message:
            'The fault mode must be one of 429, 500, 503, slow, reset, truncated, text-207, unindexed, lost-answer.'
        }
      ]
    })
  })

  it('takes a per-request fault from the x-sim-fault header', async () => {
    const limited = await postBatch(sim, [valid], { headers: { 'x-sim-fault': '429', 'x-sim-retry-after': '3' } })
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3'])
    const started = Date.now()
    const slow = await postBatch(sim, [valid], { headers: { 'x-sim-fault': 'slow', 'x-sim-delay-ms': '100' } })
    expect(slow.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(90)
  })

  it('applies the run fault from the options to every request until it is cleared', async () => {
    const faulty = await startSimulator({ siteId: SITE_ID, apiKey: API_KEY, fault: { mode: '503' } })
    try {
      expect((await callSimulator(faulty, 'GET', '/auth')).status).toBe(503)
      expect((await postBatch(faulty, [valid])).status).toBe(503)
      faulty.setFault(undefined)
      expect((await postBatch(faulty, [valid])).status).toBe(200)
    } finally {
      await faulty.close()
    }
  })
})

describe('reset', () => {
  it('cuts a request that a slow fault still holds, so it never lands in the state after the reset', async () => {
    sim.setFault({ mode: 'slow', delayMs: 200 }, 1)
    const held = postBatch(sim, [valid]).catch((error: Error) => error)
    while (sim.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    sim.reset()
    expect(await held).toMatchObject({ message: 'fetch failed' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(sim.state.people).toEqual({})
  })
})

describe('requests from web pages', () => {
  it('refuses another name (DNS rebinding) and another origin, so a page can neither read the state nor set a fault', async () => {
    const { port } = new URL(sim.url)
    const read = await sendRaw(sim.url, {
      method: 'GET',
      path: '/_sim/state',
      headers: { host: `rebind.example:${port}` }
    })
    expect(read.status).toBe(403)
    expect(JSON.parse(read.body)).toEqual({
      errors: [{ reason: 'forbidden', field: 'host', message: expect.stringMatching(/the Host header/) }]
    })
    const set = await sendRaw(sim.url, {
      path: '/_sim/fault',
      headers: { 'content-type': 'text/plain', origin: 'https://attacker.example' },
      body: '{"mode":"503"}'
    })
    expect(set.status).toBe(403)
    expect((await postBatch(sim, [valid])).status).toBe(200)
  })
})
