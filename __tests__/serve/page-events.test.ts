// GET /_events, the deliveries page's live feed, with no browser: one data line of JSON per new delivery.
import net from 'node:net'
import { useRunningServer } from './__helpers__/running-server'
import { MAX_EVENT_STREAMS, MAX_STREAM_BACKLOG_BYTES } from '../../src/serve/page/event-streams'

const running = useRunningServer({ options: { port: '0' } })

function url(route: string): string {
  return `${running.url}${route}`
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

  it('cuts a stream its client does not read, so unread deliveries cannot pile up in memory', async () => {
    const { port } = new URL(running.url)
    const socket = net.connect(Number(port), '127.0.0.1')
    socket.write(`GET /_events HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n\r\n`)
    socket.pause()
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
    await new Promise((resolve) => setTimeout(resolve, 100))
    // Each delivery is about 2 MB of JSON: 10 of them would be 20 MB held for a client that reads nothing.
    const outcome = (index: number) => ({ index, status: 200, body: { note: 'x'.repeat(10_000) } })
    for (let index = 0; index < 10; index++) {
      running.serving.server.deliveries.add({
        action: 'trackEvent',
        kind: 'batch',
        events: 200,
        outcomes: Array.from({ length: 200 }, (_, at) => outcome(at)),
        exchanges: []
      })
    }
    socket.resume()
    let received = 0
    socket.on('data', (chunk: Buffer) => (received += chunk.length))
    await closed
    expect(received).toBeGreaterThan(0)
    expect(received).toBeLessThan(3 * 2_100_000 + MAX_STREAM_BACKLOG_BYTES)
  })

  it(`answers 503 beyond ${MAX_EVENT_STREAMS} open streams`, async () => {
    const abort = new AbortController()
    const open = await Promise.all(
      Array.from({ length: MAX_EVENT_STREAMS }, () => fetch(url('/_events'), { signal: abort.signal }))
    )
    expect(open.map((response) => response.status)).toEqual(open.map(() => 200))
    const refused = await fetch(url('/_events'))
    expect(refused.status).toBe(503)
    expect(await refused.json()).toEqual({
      error: `${MAX_EVENT_STREAMS} event streams are open already: close a page, or read GET /_deliveries.`
    })
    abort.abort()
  })
})
