import { main } from '../../src/serve/cli'
import { useRunningServer } from './__helpers__/running-server'

const SIM_KEY = 'sim-api-key'
const SIM_BASIC = Buffer.from('sim-site-id:sim-api-key').toString('base64')

const running = useRunningServer({ resetBeforeEach: true })
const { post, get } = running

function expectNoCredentials(text: string) {
  expect(text).not.toContain(SIM_KEY)
  expect(text).not.toContain(SIM_BASIC)
}

const ORDER = {
  type: 'track',
  event: 'Order Completed',
  userId: 'user-1',
  timestamp: '2026-11-27T09:30:00Z',
  properties: { total: 42.5 }
}
const ORDER_ITEM = {
  type: 'person',
  action: 'event',
  identifiers: { id: 'user-1' },
  name: 'Order Completed',
  timestamp: 1795771800,
  attributes: { total: 42.5 }
}

describe('./bin/run serve', () => {
  it('prints its URLs and a curl example that works as printed', async () => {
    const text = running.printed.join('\n')
    expect(text).toContain(`destination  ${running.url}`)
    expect(text).toContain(`simulator    ${running.serving.simulator?.url}`)
    const body = /-d '(.+)'$/m.exec(text)?.[1]
    expect(text).toContain(`curl -s -X POST ${running.url}/trackEvent`)
    const { json } = await post('/trackEvent', body)
    expect((json as { multistatus: { status: number }[] }).multistatus.map((node) => node.status)).toEqual([
      200, 400, 200
    ])
    expectNoCredentials(text)
  })

  it('GET /manifest describes the destination without functions', async () => {
    const manifest = (await get('/manifest')).json as {
      name: string
      actions: Record<string, { title: string; perform?: unknown }>
    }
    expect(manifest.name).toBe('Actions Customerio')
    expect(manifest.actions.trackEvent.title).toBe('Track Event')
    expect(manifest.actions.trackEvent.perform).toBeUndefined()
  })

  it('POST /<action> with an array runs the batch path and answers every outcome beside the exchanges', async () => {
    const tooLong = { type: 'track', event: 'x'.repeat(101), userId: 'user-2', timestamp: '2026-11-27T09:30:00Z' }
    const {
      status,
      json,
      body: text
    } = await post('/trackEvent', { payload: [ORDER, tooLong], mapping: { event_id: '' } })
    expect(status).toBe(200)
    const result = json as {
      multistatus: unknown[]
      exchanges: { request: { headers: Record<string, string>; body: string } }[]
    }
    expect(result.multistatus).toEqual([
      { status: 200, sent: ORDER_ITEM, body: expect.objectContaining({ name: 'Order Completed' }) },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'name is 101 bytes; event names can be at most 100 bytes.',
        errorreporter: 'DESTINATION',
        sent: {
          type: 'person',
          action: 'event',
          identifiers: { id: 'user-2' },
          name: 'x'.repeat(101),
          timestamp: 1795771800
        },
        body: expect.objectContaining({ id: 'user-2' })
      }
    ])
    expect(result.exchanges).toHaveLength(1)
    expect(result.exchanges[0].request.headers.authorization).toBe('<redacted>')
    expect(JSON.parse(result.exchanges[0].request.body).batch[0]).toEqual(ORDER_ITEM)
    expectNoCredentials(text)
    expect(running.serving.simulator?.state.events).toHaveLength(1)
    expect(running.serving.server.deliveries.list()[0]).toMatchObject({
      action: 'trackEvent',
      kind: 'batch',
      events: 2,
      succeeded: 1,
      failed: 1,
      retried: 0
    })
  })

  it('?shape=stock answers the stock CLI array of exchanges', async () => {
    const { json } = await post('/trackEvent?shape=stock', { payload: [ORDER] })
    expect(Array.isArray(json)).toBe(true)
    expect((json as { response: { statusCode: number } }[])[0].response.statusCode).toBe(200)
  })

  it('a batch that Customer.io fails with 503 answers the thrown error, as the platform would retry it', async () => {
    running.serving.simulator?.setFault({ mode: '503' }, 1)
    const { json, body: text } = await post('/trackEvent', { payload: [ORDER] })
    expect(json).toMatchObject({ error: { status: 503, message: 'HTTP 503: Service Unavailable', retryable: true } })
    expectNoCredentials(text)
  })

  it('POST /<action> with an object runs the single path to /api/v2/entity', async () => {
    const { json, body: text } = await post('/trackEvent', { payload: ORDER, mapping: { event_id: '' } })
    const exchanges = json as { request: { url: string; body: string }; response: { statusCode: number } }[]
    expect(exchanges).toHaveLength(1)
    expect(exchanges[0].request.url).toBe(`${running.serving.simulator?.url}/api/v2/entity`)
    expect(JSON.parse(exchanges[0].request.body)).toEqual(ORDER_ITEM)
    expect(exchanges[0].response.statusCode).toBe(200)
    expectNoCredentials(text)
  })

  it('a single event that fails validation answers the stock error shape', async () => {
    const { json } = await post('/trackEvent', { payload: { type: 'track', userId: 'u-1' } })
    expect(json).toEqual([
      { statusCode: 400, message: "The root value is missing the required field 'name'.", requestError: true }
    ])
  })

  it('POST /authenticate checks the credentials against the simulator', async () => {
    expect((await post('/authenticate', {})).json).toEqual({ ok: true })
    const wrong = await post('/authenticate', { siteId: 'sim-site-id', apiKey: 'not-the-key' })
    expect(wrong.json).toEqual({ ok: false, error: 'Credentials are invalid: 401 Unauthorized' })
    expect(wrong.body).not.toContain('not-the-key')
  })

  it('POST /delete deletes the person in the simulator', async () => {
    await post('/createUpdatePerson', { payload: [{ type: 'identify', userId: 'user-9', traits: { plan: 'pro' } }] })
    expect(Object.keys(running.serving.simulator?.state.people ?? {})).toEqual(['id:user-9'])
    const { json } = await post('/delete', { payload: { userId: 'user-9' } })
    expect(json).toMatchObject([
      {
        request: { url: `${running.serving.simulator?.url}/api/v1/customers/user-9`, method: 'DELETE' },
        response: { statusCode: 200 }
      }
    ])
    expect(running.serving.simulator?.state.people).toEqual({})
  })

  it.each([
    ['a body that is not JSON', 400, '/trackEvent', '{bad', /^The body is not valid JSON \(at position 1\)\.$/],
    ['no payload', 400, '/trackEvent', {}, /^The body needs a "payload": one event object, or an array of events/],
    ['an empty batch', 400, '/trackEvent', { payload: [] }, /^The "payload" array is empty/],
    [
      'a batch over 1,000 events',
      400,
      '/trackEvent',
      { payload: Array.from({ length: 1_001 }, (_, index) => ({ type: 'track', event: 'E', userId: `u${index}` })) },
      /^The "payload" array holds 1001 events; a batch holds at most 1000 \(Segment sends this destination at most 100 at a time\)\. Send it in smaller batches\.$/
    ],
    ['an unknown action', 404, '/sendFax', { payload: {} }, /^There is no action "sendFax"\. Actions: .*trackEvent/],
    ['a delete without userId', 400, '/delete', { payload: {} }, /needs a "payload" with the "userId"/]
  ])('answers %s with a clear %d', async (_name, status, path, body, message) => {
    const response = await post(path, body)
    expect(response.status).toBe(status)
    expect((response.json as { error: string }).error).toMatch(message)
  })

  it('GET /_sim/state shows what the simulator accepted', async () => {
    await post('/trackEvent', { payload: [ORDER] })
    const state = (await get('/_sim/state')).json as { events: { name: string }[] }
    expect(state.events.map((event) => event.name)).toEqual(['Order Completed'])
  })

  it('POST /_demo runs every demo scenario with the expected outcomes', async () => {
    const { json } = await post('/_demo', {})
    const results = json as { scenario: string; asExpected: boolean }[]
    expect(results.map((result) => [result.scenario, result.asExpected])).toEqual([
      ['all-succeed', true],
      ['some-fail-json', true],
      ['some-fail-string', true],
      ['all-fail', true],
      ['unattributed', true],
      ['unavailable', true],
      ['backfill', true],
      ['retry-ulid', true],
      ['retry-message-id', true]
    ])
  })

  it('POST /_demo?scenario= an unknown key is a 404 naming the scenarios', async () => {
    const { status, json } = await post('/_demo?scenario=__proto__', {})
    expect([status, json]).toEqual([
      404,
      {
        error:
          'There is no demo scenario "__proto__". Scenarios: all-succeed, some-fail-json, some-fail-string, all-fail, unattributed, unavailable, backfill, retry-ulid, retry-message-id.'
      }
    ])
  })
})

describe('./bin/run demo', () => {
  it('prints a table per batch with every event outcome, as expected', async () => {
    const lines: string[] = []
    expect(await main(['demo'], (line) => lines.push(line))).toBe(0)
    const text = lines.join('\n')
    expect(lines[0]).toMatch(
      /^Demo: 9 scenarios, 11 batches through Destination\.executeBatch to the simulator at http:/
    )
    expect(text).toContain('✓ Every event succeeds: Customer.io answers 200 {}')
    expect(text).toContain('✓ Some fail, some succeed: the same 207 answered as a JSON string (text/plain)')
    expect(text).toContain('✓ Every event fails: each attribute value is over 1,000 bytes')
    expect(text).toContain('thrown: HTTP 503: Service Unavailable (retryable: the platform retries the batch)')
    expect(text).toMatch(
      /1 \| Checkout Step Viewed \.\.\. \(user-2\) \| 400 {4}\| PAYLOAD_VALIDATION_FAILED \| name is 121 bytes/
    )
    expect(text).toContain(
      '  first try: the answer was lost after Customer.io stored 3 events; retry: 3 duplicates ignored, 0 stored twice'
    )
    expect(text).toContain(
      '  first try: the answer was lost after Customer.io stored 3 events; retry: 0 duplicates ignored, 3 stored twice'
    )
    expect(text).toMatch(/first try thrown: request to \S+ failed, reason: socket hang up \(retryable: the platform/)
    expect(text).toMatch(
      /0 \| Order Completed \(user-4\) +\| 200 +\| +\| delivered; cannot trigger campaigns \(over 72 h old\)/
    )
    expect(text.match(/cannot trigger campaigns \(over 72 h old\)/g)).toHaveLength(3)
    expect(text).toContain('Every event got the expected outcome.')
    expect(text).not.toContain('✗')
    expectNoCredentials(text)
  })

  it('--help explains every option', async () => {
    const lines: string[] = []
    expect(await main(['--help'], (line) => lines.push(line))).toBe(0)
    for (const option of [
      '--port',
      '--host',
      '--sim-port',
      '--fault',
      '--live',
      '--site-id',
      '--api-key',
      '--region'
    ]) {
      expect(lines.join('\n')).toContain(option)
    }
  })
})
