// GET /_events, the deliveries page's live feed, with no browser: one data line of JSON per new delivery.
import { serve, type Serving } from '../../src/serve/cli'

let serving: Serving | undefined

beforeAll(async () => {
  serving = await serve({ port: '0' }, () => undefined)
})

afterAll(async () => {
  await serving?.close()
})

function url(route: string): string {
  if (!serving) throw new Error('The server did not start.')
  return `${serving.server.url}${route}`
}

const EVENT = { type: 'track', event: 'Order Completed', userId: 'user-1', properties: { total: 42.5 } }

describe('GET /_events', () => {
  it('streams one data line of JSON per new delivery', async () => {
    const abort = new AbortController()
    const response = await fetch(url('/_events'), { signal: abort.signal })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    if (!response.body) throw new Error('The event stream has no body.')
    const reader = response.body.getReader()
    await fetch(url('/trackEvent'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload: [EVENT] })
    })
    let received = ''
    while (!/^data: .*\n\n/m.test(received)) {
      const { value, done } = await reader.read()
      if (done) throw new Error(`The stream ended before a delivery: ${received}`)
      received += Buffer.from(value).toString('utf8')
    }
    const lines = received.split('\n').filter((line) => line.startsWith('data: '))
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0].slice('data: '.length))).toMatchObject({
      action: 'trackEvent',
      kind: 'batch',
      events: 1,
      succeeded: 1
    })
    abort.abort()
  })
})
