// The delivery history of ./bin/run serve (GET /_deliveries, the page's source): bounded however big the batches,
// the events refused before sending kept, and a failed single call with Customer.io's reason.
import { MAX_DELIVERIES } from '../../src/serve/delivery-log'
import { MAX_PAGE_BYTES } from '../../src/serve/delivery-pages'
import { MAX_BATCH_EVENTS } from '../../src/serve/guard'
import { MAX_STATE_PAGE_BYTES } from '../../src/serve/simulator/state-pages'
import { MAX_KEPT_VALUE_BYTES } from '../../src/serve/truncated-value'
import { useRunningServer } from './__helpers__/running-server'

jest.setTimeout(60_000)

const running = useRunningServer({ options: { port: '0' }, resetBeforeEach: true })

/** POST with a JSON body; the answer must be a 200, and its JSON is returned. */
async function post(path: string, body: unknown): Promise<unknown> {
  const answer = await running.post(path, body)
  expect(answer.status).toBe(200)
  return answer.json
}

/** About 28,000 bytes of JSON: 30 properties of 900 characters, within every Track API limit. */
function bigEvent(index: number): Record<string, unknown> {
  const properties: Record<string, string> = {}
  for (let i = 0; i < 30; i++) properties[`p${i}`] = String(index).padEnd(900, 'x')
  return { type: 'track', event: `Big ${index}`, userId: `user-${index}`, properties }
}

describe('GET /_deliveries', () => {
  it('serves the largest batch a call may carry as a delivery of at most 5,000,000 bytes', async () => {
    // 1,000 events of about 9,500 bytes: a body near the 10,000,000-byte limit.
    const batch = Array.from({ length: MAX_BATCH_EVENTS }, (_, index) => ({
      type: 'track',
      event: `Wide ${index}`,
      userId: `user-${index}`,
      properties: { note: String(index).padEnd(9_400, 'x') }
    }))
    const answer = (await post('/trackEvent', { payload: batch })) as { multistatus: { status: number }[] }
    expect(answer.multistatus.filter((outcome) => outcome.status === 200)).toHaveLength(MAX_BATCH_EVENTS)
    const text = await (await fetch(`${running.url}/_deliveries?limit=1`)).text()
    const page = JSON.parse(text) as { deliveries: { events: number; succeeded: number }[] }
    expect(page.deliveries[0]).toMatchObject({ events: MAX_BATCH_EVENTS, succeeded: MAX_BATCH_EVENTS })
    expect(Buffer.byteLength(text)).toBeLessThan(5_000_000)
  })

  it('stays small after big batches: payloads, sent items and exchange bodies kept truncated with their size', async () => {
    const batch = Array.from({ length: 40 }, (_, index) => bigEvent(index))
    for (let round = 0; round < 3; round++) await post('/trackEvent', { payload: batch })
    const response = await fetch(`${running.url}/_deliveries`)
    expect(response.status).toBe(200)
    const text = await response.text()
    // Sent in full, the three batches' payloads, items and request bodies would be over 10 MB of JSON.
    expect(text.length).toBeLessThan(1_500_000)
    const page = JSON.parse(text) as {
      deliveries: {
        events: number
        succeeded: number
        outcomes: { status: number; body: unknown; sent: unknown }[]
        exchanges: { request: { body: string } }[]
      }[]
      next: number | null
    }
    const records = page.deliveries
    expect(records).toHaveLength(3)
    expect(page.next).toBeNull()
    expect(records[0]).toMatchObject({ events: 40, succeeded: 40 })
    expect(records[0].outcomes[0].body).toEqual({
      truncated: true,
      bytes: expect.any(Number),
      preview: expect.stringMatching(/^\{"id":"user-0","name":"Big 0"/)
    })
    expect((records[0].outcomes[0].sent as { bytes: number }).bytes).toBeGreaterThan(MAX_KEPT_VALUE_BYTES)
    expect(records[0].exchanges.length).toBeGreaterThan(1)
    for (const exchange of records[0].exchanges) {
      expect(exchange.request.body).toMatch(/… \[truncated: [\d,]+ bytes in all\]$/)
    }
  })

  it('answers the latest N with ?limit=N, and names the next older page', async () => {
    for (let i = 0; i < 3; i++) await post('/trackEvent', { payload: [{ type: 'track', event: `E${i}`, userId: 'u' }] })
    const response = await fetch(`${running.url}/_deliveries?limit=2`)
    const page = (await response.json()) as { deliveries: { id: number }[]; next: number; kept: number }
    const ids = running.serving.server.deliveries.list().map((record) => record.id)
    expect(page.deliveries.map((record) => record.id)).toEqual(ids.slice(0, 2))
    expect(page).toMatchObject({ next: ids[1], kept: 3, maxKept: MAX_DELIVERIES })
  })

  it('answers a page at a time: ?before=ID the next older page, `next` null at the end, and the kept count', async () => {
    for (let i = 0; i < 5; i++) await post('/trackEvent', { payload: [{ type: 'track', event: `E${i}`, userId: 'u' }] })
    const ids = running.serving.server.deliveries.list().map((record) => record.id)
    const page = async (query: string) => {
      const response = await fetch(`${running.url}/_deliveries${query}`)
      expect(response.status).toBe(200)
      const body = (await response.json()) as { deliveries: { id: number }[]; next: number | null }
      return { ...body, deliveries: body.deliveries.map((record) => record.id) }
    }
    expect(await page('?limit=2')).toEqual({ deliveries: ids.slice(0, 2), next: ids[1], kept: 5, maxKept: 200 })
    expect(await page(`?limit=2&before=${ids[1]}`)).toEqual({
      deliveries: ids.slice(2, 4),
      next: ids[3],
      kept: 5,
      maxKept: 200
    })
    expect(await page(`?limit=2&before=${ids[3]}`)).toEqual({
      deliveries: ids.slice(4),
      next: null,
      kept: 5,
      maxKept: 200
    })
    expect(await page('')).toEqual({ deliveries: ids, next: null, kept: 5, maxKept: 200 })
    const refused = await fetch(`${running.url}/_deliveries?limit=0`)
    expect([refused.status, await refused.json()]).toEqual([
      400,
      { error: '"limit" must be a whole number from 1 to 100.' }
    ])
  })

  it('answers at most 20 by default and at most 100 when asked for more', async () => {
    for (let i = 0; i < 120; i++) {
      running.serving.server.deliveries.add({
        action: 'trackEvent',
        kind: 'batch',
        events: 0,
        outcomes: [],
        exchanges: []
      })
    }
    const count = async (query: string) =>
      ((await (await fetch(`${running.url}/_deliveries${query}`)).json()) as { deliveries: unknown[] }).deliveries
        .length
    expect(await count('')).toBe(20)
    expect(await count('?limit=500')).toBe(100)
  })

  it('answers one delivery by its id, and 404 for one not kept', async () => {
    await post('/trackEvent', { payload: [{ type: 'track', event: 'One', userId: 'u' }] })
    const [record] = running.serving.server.deliveries.list()
    const response = await fetch(`${running.url}/_deliveries/${record.id}`)
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(record)))
    const missing = await fetch(`${running.url}/_deliveries/999999`)
    expect([missing.status, await missing.json()]).toEqual([
      404,
      { error: 'Delivery 999999 is not kept: the history keeps the latest 200.' }
    ])
  })

  it("gives every event outcome the platform's state: delivered, failed or retried", async () => {
    running.serving.server.deliveries.add({
      action: 'trackEvent',
      kind: 'batch',
      events: 4,
      outcomes: [200, 400, 429, 503].map((status, index) => ({ index, status })),
      exchanges: []
    })
    const [record] = running.serving.server.deliveries.list()
    expect(record.outcomes.map((outcome) => [outcome.status, outcome.state])).toEqual([
      [200, 'delivered'],
      [400, 'failed'],
      [429, 'retried'],
      [503, 'retried']
    ])
    expect(record).toMatchObject({ succeeded: 1, failed: 1, retried: 2 })
  })

  it('keeps the event given for an event refused before sending, but answers the stock multistatus', async () => {
    const refused = { type: 'track', event: 'No Identifier' }
    const answer = (await post('/trackEvent', {
      payload: [{ type: 'track', event: 'Fine', userId: 'u-1' }, refused]
    })) as { multistatus: Record<string, unknown>[] }
    expect(answer.multistatus[1]).toEqual({
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: 'The person has no identifier: none of person_id, anonymous_id has a value.',
      errorreporter: 'INTEGRATIONS'
    })
    const [record] = running.serving.server.deliveries.list()
    expect(record.outcomes[1]).toMatchObject({ index: 1, status: 400, event: refused })
    expect(record.outcomes[1].body).toBeUndefined()
    expect(record.outcomes[0].event).toBeUndefined()
  })

  it("records a failed single call with Customer.io's reason, not only the status text", async () => {
    const answer = await post('/trackEvent', { payload: { type: 'track', event: 'x'.repeat(120), userId: 'u-1' } })
    const message = 'HTTP 400: Bad Request: name is 120 bytes; event names can be at most 100 bytes.'
    expect(answer).toEqual([{ statusCode: 400, message, requestError: true }])
    expect(running.serving.server.deliveries.list()[0].thrown).toEqual({ status: 400, message, retryable: false })
  })

  it('answers pages of bounded size after deep events, each value kept as its size and beginning', async () => {
    // An array 95 levels deep, 70 of them in each event's properties: 14 KB per event as compact JSON.
    const chain = (depth: number): unknown => (depth === 0 ? 1 : [chain(depth - 1)])
    const properties = Object.fromEntries(Array.from({ length: 70 }, (_, index) => [`k${index}`, chain(95)]))
    const payload = Array.from({ length: 30 }, (_, index) => ({
      type: 'track',
      event: 'Deep',
      userId: `u${index}`,
      properties
    }))
    await post('/trackEvent', { payload })
    await post('/trackEvent', { payload })
    const response = await fetch(`${running.url}/_deliveries`)
    const text = await response.text()
    expect(response.status).toBe(200)
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_PAGE_BYTES)
    const page = JSON.parse(text) as { deliveries: { succeeded: number; outcomes: { body: unknown }[] }[] }
    expect(page.deliveries.map((record) => record.succeeded)).toEqual([30, 30])
    expect(page.deliveries[0].outcomes[0].body).toEqual({
      truncated: true,
      bytes: expect.any(Number),
      preview: expect.stringMatching(/^\{"id":"u0","name":"Deep","data":\{"k0":\[\[\[/)
    })
    const one = await fetch(`${running.url}/_deliveries/${running.serving.server.deliveries.list()[0].id}`)
    expect(Buffer.byteLength(await one.text())).toBeLessThan(MAX_PAGE_BYTES / 2)
    // The simulator kept the 60 events whole: its state is served in pages, each deep event as its size and beginning.
    const state = await fetch(`${running.url}/_sim/state`)
    const stateText = await state.text()
    expect(state.status).toBe(200)
    expect(Buffer.byteLength(stateText)).toBeLessThan(4 * MAX_STATE_PAGE_BYTES)
    const { events, kept } = JSON.parse(stateText) as { events: { truncated: boolean }[]; kept: { events: number } }
    expect([events.length, events[0].truncated, kept.events]).toEqual([20, true, 60])
  })

  it('answers one delivery by its id, every outcome with its state, and 404 once it is no longer kept', async () => {
    await post('/trackEvent', {
      payload: [
        { type: 'track', event: 'Fine', userId: 'u-1' },
        { type: 'track', event: 'x'.repeat(120), userId: 'u-2' }
      ]
    })
    const [record] = running.serving.server.deliveries.list()
    const response = await fetch(`${running.url}/_deliveries/${record.id}`)
    expect(response.status).toBe(200)
    const answered = (await response.json()) as { outcomes: { status: number; state: string }[] }
    expect(answered).toEqual(JSON.parse(JSON.stringify(record)))
    expect(answered.outcomes.map(({ status, state }) => [status, state])).toEqual([
      [200, 'delivered'],
      [400, 'failed']
    ])
    running.serving.server.deliveries.clear()
    const gone = await fetch(`${running.url}/_deliveries/${record.id}`)
    expect([gone.status, await gone.json()]).toEqual([
      404,
      { error: `Delivery ${record.id} is not kept: the history keeps the latest ${MAX_DELIVERIES}.` }
    ])
  })
})

describe('GET /_sim/state through the local server', () => {
  it('pages one kind, and refuses a query it cannot read with a JSON 400', async () => {
    for (const name of ['First', 'Second']) {
      await post('/trackEvent', { payload: [{ type: 'track', event: name, userId: 'u-1' }] })
    }
    const page = await fetch(`${running.url}/_sim/state?kind=events&limit=1&skip=1`)
    expect(await page.json()).toEqual({
      events: [expect.objectContaining({ name: 'First' })],
      next: null,
      kept: 2,
      maxKept: 1_000
    })
    const refused = await fetch(`${running.url}/_sim/state?kind=requests`)
    expect([refused.status, await refused.json()]).toEqual([
      400,
      { error: '"kind" must be one of people, objects, events, deliveries, ignored.' }
    ])
  })
})
