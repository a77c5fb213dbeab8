// A running ./bin/run serve against hostile and mistaken calls: each is refused with a clear JSON answer, and nothing
// crashes or stalls the server.
import { createDestination } from '../../src'
import { packagePath } from '../../src/serve/package-root'
import { serve } from '../../src/serve/cli'
import { startServer } from '../../src/serve/local-server'
import { pageAssets } from '../../src/serve/page/page-routes'
import { sendRaw } from './__helpers__/raw-http'
import { useRunningServer } from './__helpers__/running-server'

const SIM_KEY = 'sim-api-key'

const running = useRunningServer({ resetBeforeEach: true })
const { post } = running

function errorOf(answer: { body: string }): string {
  return (JSON.parse(answer.body) as { error: string }).error
}

function track(userId: string, properties: unknown = {}) {
  return { type: 'track', event: 'Order Completed', userId, timestamp: '2026-11-27T09:30:00Z', properties }
}

/** JSON text of `levels` nested objects: JSON.stringify itself overflows the stack on such values. */
function nested(levels: number): string {
  return `${'{"a":'.repeat(levels)}"leaf"${'}'.repeat(levels)}`
}

/** A body whose values may be JSON texts from nested(): they are spliced in as they are. */
function bodyWith(value: unknown, texts: Record<string, string>): string {
  let text = JSON.stringify(value)
  for (const [marker, inner] of Object.entries(texts)) text = text.replace(JSON.stringify(marker), inner)
  return text
}

describe('no request can crash or stall the server', () => {
  it('answers a mapping nested 5,000 levels deep with a clear 400 and sends nothing', async () => {
    for (const levels of [50, 500, 5000]) {
      const body = bodyWith({ payload: [track('user-1')], mapping: { name: 'DEEP' } }, { DEEP: nested(levels) })
      const answer = await post('/trackEvent', body)
      expect(answer.status).toBe(400)
      expect(errorOf(answer)).toBe('The "mapping" is over 32 levels deep or 10,000 values.')
    }
    expect(running.serving.simulator?.requests).toEqual([])
  })

  it('fails an event nested 10,000 levels alone, at its index, and delivers the others', async () => {
    const answer = await post(
      '/trackEvent',
      bodyWith({ payload: [track('user-1'), track('user-2', 'DEEP'), track('user-3')] }, { DEEP: nested(10_000) })
    )
    expect(answer.status).toBe(200)
    const { multistatus } = JSON.parse(answer.body) as { multistatus: Array<Record<string, unknown>> }
    expect(multistatus.map((node) => node.status)).toEqual([200, 400, 200])
    expect(multistatus[1]).toEqual({
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: 'The event is nested more than 100 levels deep; it was not sent.'
    })
    expect(running.serving.simulator?.state.events.map((event) => event.identifiers)).toEqual([
      { id: 'user-1' },
      { id: 'user-3' }
    ])
  })

  it('answers a single event nested 10,000 levels with a 400', async () => {
    const answer = await post('/trackEvent', bodyWith({ payload: track('user-1', 'DEEP') }, { DEEP: nested(10_000) }))
    expect(answer.status).toBe(400)
    expect(errorOf(answer)).toBe('The event is nested more than 100 levels deep; it was not sent.')
  })

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'])(
    'answers POST /%s with 404 like any unknown action',
    async (name) => {
      const answer = await post(`/${name}`, { payload: track('user-1') })
      expect(answer.status).toBe(404)
      expect(errorOf(answer)).toMatch(/^(There is no action "\w+"\. Actions: .*trackEvent|No route for POST)/)
    }
  )

  it.each([
    ['an unparsable absolute URL', 'http://[/'],
    ['an absolute URL naming another host', 'http://attacker.example/_deliveries'],
    ['the asterisk form', '*']
  ])('answers %s as the request target with a 400', async (_name, target) => {
    const answer = await sendRaw(running.url, { method: 'GET', path: target })
    expect([answer.status, errorOf(answer)]).toEqual([
      400,
      'The request target must be a path of this server, such as /manifest.'
    ])
  })

  it('reads //name/… as a path of this server, not as another host', async () => {
    const answer = await sendRaw(running.url, { method: 'GET', path: '//attacker.example/_deliveries' })
    expect([answer.status, errorOf(answer)]).toEqual([404, 'No route for GET //attacker.example/_deliveries.'])
  })

  it.each([
    ['headers over 16 KB', { 'x-big': 'a'.repeat(20_000) }, '', 431, 'The request headers are over 16 KB.'],
    ['a broken chunk', { 'transfer-encoding': 'chunked' }, 'zz\r\n', 400, 'The request is not valid HTTP/1.1.']
  ])('answers %s, which node itself refuses, in JSON too', async (_name, headers, body, status, message) => {
    const answer = await sendRaw(running.url, { path: '/trackEvent', headers, body })
    expect([answer.status, answer.headers['content-type'], errorOf(answer)]).toEqual([
      status,
      'application/json; charset=utf-8',
      message
    ])
  })

  it('says a body is not JSON without quoting it (it may hold the API key)', async () => {
    const answer = await post('/trackEvent', `{"settings":{"apiKey":"${SIM_KEY}"`)
    expect(answer.status).toBe(400)
    expect(errorOf(answer)).toBe('The body is not valid JSON (at position 35).')
    expect(answer.body).not.toContain(SIM_KEY)
  })

  it('answers an unexpected failure with 500 and neither a stack nor a path of the machine', async () => {
    const logged: string[] = []
    const server = await startServer({
      definition: createDestination(),
      port: 0,
      log: (line) => logged.push(line),
      routes: [
        {
          method: 'GET',
          path: '/failing',
          handle: () => {
            throw new TypeError(`Cannot read properties of undefined\n    at route (${__filename}:1:1)`)
          }
        }
      ]
    })
    try {
      const answer = await sendRaw(server.url, { method: 'GET', path: '/failing' })
      expect(answer.status).toBe(500)
      expect(JSON.parse(answer.body)).toEqual({ error: 'The server failed on this call; its log says why.' })
      expect(answer.body).not.toContain(__dirname)
      expect(logged.join('\n')).toContain('GET /failing failed: Cannot read properties of undefined')
    } finally {
      await server.close()
    }
  })

  it('answers 503 while the bodies held at once are over the budget, and takes calls again once they are answered', async () => {
    // Calls run one at a time: without a budget, 24 batches of 8 MB sent at once took the server to 1.2 GB.
    const server = await startServer({
      definition: createDestination(),
      port: 0,
      maxBodyBytesInFlight: 1000,
      bodyLimits: { timeoutMs: 400 }
    })
    const body = `{"payload":[]}${' '.repeat(586)}`
    const send = () =>
      sendRaw(server.url, { path: '/trackEvent', headers: { 'content-type': 'application/json' }, body })
    try {
      const held = sendRaw(server.url, {
        path: '/trackEvent',
        headers: { 'content-type': 'application/json', 'content-length': '900' },
        body,
        trickle: { bytes: 600, delayMs: 5000 }
      })
      await new Promise((resolve) => setTimeout(resolve, 100))
      const refused = await send()
      expect([refused.status, errorOf(refused)]).toEqual([
        503,
        'The server holds 1,000 bytes of calls already: retry once they are answered.'
      ])
      expect((await held).status).toBe(408)
      const after = await send()
      expect([after.status, errorOf(after)]).toEqual([400, 'The setting siteId is missing.'])
    } finally {
      await server.close()
    }
  })

  it('reads a body refused for the budget to its end before the 503, so that each client can read its answer', async () => {
    const server = await startServer({ definition: createDestination(), port: 0, maxBodyBytesInFlight: 1000 })
    const body = `{"payload":[]}${' '.repeat(8_000_000)}`
    try {
      const answers = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const answer = await fetch(`${server.url}/trackEvent`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body
          })
          // Read to its end, the request leaves the connection open for the next one.
          return [answer.status, answer.headers.get('connection'), await answer.json()]
        })
      )
      const refused = { error: 'The server holds 1,000 bytes of calls already: retry once they are answered.' }
      expect(answers).toEqual(Array.from({ length: 8 }, () => [503, 'keep-alive', refused]))
    } finally {
      await server.close()
    }
  })

  it('answers a body that stalls with 408 in JSON, and keeps serving others meanwhile', async () => {
    const server = await startServer({ definition: createDestination(), port: 0, bodyLimits: { timeoutMs: 300 } })
    try {
      const slow = sendRaw(server.url, {
        path: '/trackEvent',
        headers: { 'content-type': 'application/json', 'content-length': '1000' },
        body: '{"payload":',
        trickle: { bytes: 1, delayMs: 100 }
      })
      const manifest = await sendRaw(server.url, { method: 'GET', path: '/manifest' })
      expect(manifest.status).toBe(200)
      const answer = await slow
      expect(answer.status).toBe(408)
      expect(JSON.parse(answer.body)).toEqual({ error: 'The body did not arrive within 0.3 seconds.' })
    } finally {
      await server.close()
    }
  })
})

describe('other websites cannot drive it', () => {
  it('refuses a text/plain POST to /deletePerson (a page of any site could send it) and deletes no one', async () => {
    const answer = await sendRaw(running.url, {
      path: '/deletePerson',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ payload: { userId: 'user-1', event: 'User Deleted', type: 'track' } })
    })
    expect(answer.status).toBe(415)
    expect(errorOf(answer)).toBe('A POST needs the header content-type: application/json (UTF-8).')
    expect(running.serving.simulator?.requests).toEqual([])
  })

  it("refuses a POST whose Origin is another site's, even in JSON", async () => {
    const answer = await post('/trackEvent', { payload: [track('user-1')] }, { origin: 'https://attacker.example' })
    expect(answer.status).toBe(403)
    expect(running.serving.simulator?.requests).toEqual([])
  })

  it('refuses a read of /_deliveries through another name (DNS rebinding)', async () => {
    const answer = await sendRaw(running.url, {
      method: 'GET',
      path: '/_deliveries',
      headers: { host: `attacker.example:${new URL(running.url).port}` }
    })
    expect(answer.status).toBe(403)
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
  })

  it('answers its own page, by localhost, and a POST from its own origin', async () => {
    const { port } = new URL(running.url)
    const page = await sendRaw(running.url, { method: 'GET', path: '/', headers: { host: `localhost:${port}` } })
    expect(page.status).toBe(200)
    const demo = await post('/_demo?scenario=all-succeed', '{}', { origin: `http://localhost:${port}` })
    expect(demo.status).toBe(200)
  })

  it("the page's POSTs send JSON, as the guard requires", async () => {
    const modules = [...pageAssets(packagePath('src', 'serve', 'page')).keys()].filter((asset) => asset.endsWith('.js'))
    const scripts = await Promise.all(modules.map((asset) => sendRaw(running.url, { method: 'GET', path: asset })))
    const posts = scripts.flatMap((script) => script.body.split("method: 'POST'").slice(1))
    expect(posts.length).toBeGreaterThan(0)
    for (const rest of posts) expect(rest.slice(0, 120)).toContain("headers: { 'content-type': 'application/json' }")
  })

  it('with --live, the banner says calls reach the real workspace and prints no sample curl', async () => {
    const lines: string[] = []
    const live = await serve({ port: '0', live: true, 'site-id': 'live-site', 'api-key': 'live-key-123' }, (line) =>
      lines.push(line)
    )
    await live.close()
    const text = lines.join('\n')
    expect(text).toContain('Every call reaches the real workspace')
    expect(text).not.toContain('curl')
    expect(text).not.toContain('live-key-123')
  })
})

describe('settings and messages that tell the truth', () => {
  it.each([
    [{ accountRegion: 'XX' }, 'The setting accountRegion must be "US 🇺🇸" or "EU 🇪🇺" (or US / EU), not "XX".'],
    [{ siteId: 42 }, 'The setting "siteId" must be a string.'],
    ['US', 'The "settings" must be an object.']
  ])('refuses the settings %j with a clear 400 and sends nothing', async (settings, message) => {
    const answer = await post('/trackEvent', { payload: [track('user-1')], settings })
    expect(answer.status).toBe(400)
    expect(errorOf(answer)).toBe(message)
    expect(running.serving.simulator?.requests).toEqual([])
  })

  it('takes "EU" for the EU region', async () => {
    const answer = await post('/trackEvent', { payload: [track('user-1')], settings: { accountRegion: 'EU' } })
    expect(JSON.parse(answer.body).multistatus.map((node: { status: number }) => node.status)).toEqual([200])
  })

  it('POST /authenticate with no network says the network failed, not that the credentials are invalid', async () => {
    const nowhere = 'http://127.0.0.1:9'
    const server = await startServer({
      definition: createDestination({ hosts: { US: nowhere, EU: nowhere }, requestTimeoutMs: 1000 }),
      defaultSettings: { siteId: 'sim-site-id', apiKey: SIM_KEY },
      port: 0
    })
    try {
      const answer = await sendRaw(server.url, {
        path: '/authenticate',
        headers: { 'content-type': 'application/json' },
        body: '{}'
      })
      const result = JSON.parse(answer.body) as { ok: boolean; error: string }
      expect(result.ok).toBe(false)
      expect(result.error).toMatch(/^The network failed, so the credentials were not checked: .*ECONNREFUSED/)
      expect(result.error).not.toContain('Credentials are invalid')
    } finally {
      await server.close()
    }
  })

  it("keeps a demo scenario's fault to its own requests: batches sent meanwhile are all delivered", async () => {
    let demoDone = false
    const demo = post('/_demo', '{}').finally(() => (demoDone = true))
    const statuses: number[] = []
    for (let index = 0; !demoDone && index < 200; index++) {
      const other = JSON.parse((await post('/trackEvent', { payload: [track(`other-${index}`)] })).body)
      statuses.push(other.multistatus?.[0]?.status ?? other.error?.status)
    }
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.filter((status) => status !== 200)).toEqual([])
    const results = JSON.parse((await demo).body) as { scenario: string; asExpected: boolean }[]
    expect(results.filter((result) => !result.asExpected)).toEqual([])
  })

  it('running the demo leaves a run-wide fault in place, and the demo gets its own outcomes', async () => {
    running.serving.simulator?.setFault({ mode: '503' })
    const demo = JSON.parse((await post('/_demo', '{}')).body) as { asExpected: boolean }[]
    expect(demo.every((result) => result.asExpected)).toBe(true)
    const after = JSON.parse((await post('/trackEvent', { payload: [track('user-1')] })).body)
    expect(after.error).toEqual({ status: 503, message: 'HTTP 503: Service Unavailable', retryable: true })
  })

  it('sets and clears the fault through POST and DELETE /_sim/fault on the server as on the simulator', async () => {
    const set = await post('/_sim/fault', { mode: '500', times: 1 })
    expect(JSON.parse(set.body)).toEqual({ fault: { mode: '500' }, times: 1 })
    const failed = JSON.parse((await post('/trackEvent', { payload: [track('user-1')] })).body)
    expect(failed.error.status).toBe(500)
    await post('/_sim/fault', { mode: '503' })
    const cleared = await sendRaw(running.url, { method: 'DELETE', path: '/_sim/fault' })
    expect(cleared.status).toBe(200)
    const delivered = JSON.parse((await post('/trackEvent', { payload: [track('user-2')] })).body)
    expect(delivered.multistatus[0].status).toBe(200)
  })

  it('applies x-sim-fault on POST /<action> to that call alone', async () => {
    const faulted = JSON.parse(
      (await post('/trackEvent', { payload: [track('user-1')] }, { 'x-sim-fault': '429' })).body
    )
    expect(faulted.error.status).toBe(429)
    const next = JSON.parse((await post('/trackEvent', { payload: [track('user-2')] })).body)
    expect(next.multistatus[0].status).toBe(200)
    const wrong = await post('/trackEvent', { payload: [track('user-3')] }, { 'x-sim-fault': 'melt' })
    expect(wrong.status).toBe(400)
    expect(errorOf(wrong)).toMatch(/^x-sim-fault must be one of 429, 500, 503/)
  })
})
