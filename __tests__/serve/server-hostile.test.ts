// A few thousand hostile requests at a running server on 127.0.0.1: it stays up, answers each with a JSON 4xx that
// carries neither a stack nor a path of this machine, and still delivers a normal batch afterwards.
import net from 'node:net'
import path from 'node:path'
import { sendRaw, type RawRequest } from './__helpers__/raw-http'
import { useRunningServer } from './__helpers__/running-server'
import { MAX_PAGE_BYTES } from '../../src/serve/delivery-pages'

const SETTINGS = { siteId: 'sim-site-id', apiKey: 'sim-api-key' }
const JSON_HEADERS = { 'content-type': 'application/json' }
const ROOT = path.resolve(__dirname, '..', '..')

const running = useRunningServer({
  options: { port: '0', 'timeout-ms': '2000' },
  tuning: { bodyLimits: { timeoutMs: 400 } }
})
interface Hostile {
  kind: string
  request: RawRequest
}

const EVENT = { type: 'track', event: 'Order Completed', userId: 'user-1', properties: { total: 1 } }

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

function deepText(levels: number, open: string, close: string, leaf = '1'): string {
  return `${open.repeat(levels)}${leaf}${close.repeat(levels)}`
}

function post(kind: string, route: string, body: string | Buffer, headers: Record<string, string> = JSON_HEADERS) {
  return { kind, request: { path: route, headers, body } }
}

function hostileRequests(): Hostile[] {
  const next = random(12)
  const pick = <T>(values: T[]): T => values[Math.floor(next() * values.length)]
  const depth = (low: number, high: number) => low + Math.floor(next() * (high - low))
  const requests: Hostile[] = []
  const actions = ['trackEvent', 'createUpdatePerson', 'deletePerson', 'mergePeople']
  for (let index = 0; index < 400; index++) {
    const mapping = pick([
      deepText(depth(33, 6000), '{"a":', '}'),
      deepText(depth(33, 6000), '[', ']'),
      `{"name":${deepText(depth(40, 3000), '{"@if":{"exists":', '}}')}}`,
      `{"wide":[${Array.from({ length: 10_001 }, () => '0').join(',')}]}`
    ])
    requests.push(
      post('deep or wide mapping', `/${pick(actions)}`, `{"payload":[${JSON.stringify(EVENT)}],"mapping":${mapping}}`)
    )
  }
  for (let index = 0; index < 300; index++) {
    const properties = pick([deepText(depth(101, 20_000), '{"a":', '}'), deepText(depth(101, 20_000), '[', ']')])
    requests.push(
      post(
        'deep single event',
        `/${pick(actions)}`,
        `{"payload":{"type":"track","userId":"u","properties":${properties}}}`
      )
    )
  }
  const prototypeNames = [
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__proto__',
    'isPrototypeOf',
    '__defineGetter__',
    'propertyIsEnumerable',
    'toLocaleString'
  ]
  for (const name of prototypeNames) {
    for (let index = 0; index < 20; index++) {
      requests.push(post('prototype name', `/${name}`, JSON.stringify({ payload: EVENT })))
      requests.push({ kind: 'prototype name (GET)', request: { method: 'GET', path: `/${name}` } })
    }
  }
  const wrongBodies = [
    '[]',
    '1',
    '"payload"',
    'null',
    'true',
    '{"payload":1}',
    '{"payload":"event"}',
    '{"payload":null}',
    '{"payload":[]}',
    '{"payload":[1]}',
    '{"payload":[[]]}',
    '{"payload":[null]}',
    '{"payload":{},"settings":1}',
    '{"payload":{},"settings":[]}',
    '{"payload":{},"settings":{"siteId":1}}',
    '{"payload":{},"settings":{"apiKey":{"a":{}}}}',
    '{"payload":{},"settings":{"accountRegion":"XX"}}',
    '{"payload":{},"mapping":[]}',
    '{"payload":{},"mapping":"x"}',
    '{"payload":[{}],"settings":{"accountRegion":"🇺🇸"}}'
  ]
  for (let index = 0; index < 300; index++) {
    const route = pick(['/trackEvent', '/deletePerson', '/delete', '/authenticate', '/createUpdatePerson'])
    const body = pick(wrongBodies)
    if (route === '/authenticate' && !body.includes('settings')) continue
    requests.push(post('wrong types', route, body))
  }
  for (let index = 0; index < 300; index++) {
    const whole = JSON.stringify({ payload: [EVENT, EVENT], settings: SETTINGS })
    requests.push(post('truncated JSON', '/trackEvent', whole.slice(0, 1 + Math.floor(next() * (whole.length - 2)))))
  }
  const badBytes = [
    Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    Buffer.concat([Buffer.from('{"payload":{"userId":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')]),
    Buffer.from('{"payload":{"userId":"é"}}', 'latin1'),
    Buffer.from([0xed, 0xa0, 0x80])
  ]
  for (let index = 0; index < 200; index++) requests.push(post('bad encoding', '/trackEvent', pick(badBytes)))
  for (let index = 0; index < 100; index++) {
    const utf16 = Buffer.from(JSON.stringify({ payload: EVENT }), 'utf16le')
    requests.push(post('UTF-16', '/trackEvent', utf16, { 'content-type': 'application/json; charset=utf-16' }))
    requests.push(post('gzip', '/trackEvent', '{}', { ...JSON_HEADERS, 'content-encoding': 'gzip' }))
  }
  const refusedHeaders: Record<string, string>[] = [
    { 'content-type': 'text/plain' },
    { 'content-type': 'application/x-www-form-urlencoded' },
    { 'content-type': 'multipart/form-data; boundary=x' },
    {},
    { ...JSON_HEADERS, origin: 'https://attacker.example' },
    { ...JSON_HEADERS, origin: 'null' },
    { ...JSON_HEADERS, host: 'attacker.example' },
    { ...JSON_HEADERS, host: '127.0.0.1.nip.io' }
  ]
  for (let index = 0; index < 400; index++) {
    const body = JSON.stringify({ payload: { userId: 'user-1', type: 'track', event: 'User Deleted' } })
    requests.push(
      post(
        'other website',
        `/${pick(['deletePerson', 'suppressPerson', 'mergePeople', '_demo'])}`,
        body,
        pick(refusedHeaders)
      )
    )
  }
  for (let index = 0; index < 100; index++) {
    requests.push({
      kind: 'rebinding read',
      request: {
        method: 'GET',
        path: pick(['/_deliveries', '/_sim/state', '/manifest']),
        headers: { host: 'rebind.attacker.example:80' }
      }
    })
  }
  for (let index = 0; index < 50; index++) {
    requests.push({
      kind: 'headers over 16 KB',
      request: { method: 'GET', path: '/_deliveries', headers: { 'x-big': 'a'.repeat(16_400 + index) } }
    })
    requests.push({
      kind: 'absolute or odd target',
      request: { method: 'GET', path: pick(['http://attacker.example/_deliveries', '*', 'http://[/']) }
    })
    requests.push({
      kind: "another site's <img> or <script>",
      request: {
        method: 'GET',
        path: pick(['/_events', '/_deliveries', '/_stats']),
        headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }
      }
    })
  }
  for (let index = 0; index < 3; index++) {
    const declared = { ...JSON_HEADERS, 'content-length': '10500000' }
    requests.push(post('declared huge body', '/trackEvent', Buffer.alloc(64 * 1024, 0x20), declared))
  }
  for (let index = 0; index < 3; index++) {
    const piece = Buffer.alloc(1024 * 1024, 0x20)
    const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
    const body = Buffer.concat([...Array.from({ length: 11 }, () => chunk), Buffer.from('0\r\n\r\n')])
    requests.push(post('streamed huge body', '/trackEvent', body, { ...JSON_HEADERS, 'transfer-encoding': 'chunked' }))
  }
  for (let index = 0; index < 12; index++) {
    const body = JSON.stringify({ payload: [EVENT] })
    requests.push({
      kind: 'slow sender',
      request: { path: '/trackEvent', headers: JSON_HEADERS, body, trickle: { bytes: 2, delayMs: 150 } }
    })
  }
  return requests
}

async function sendAll(requests: Hostile[], concurrency: number) {
  const answers: Array<{ kind: string; status: number; contentType: string; body: string }> = []
  let next = 0
  async function worker() {
    while (next < requests.length) {
      const { kind, request } = requests[next++]
      const answer = await sendRaw(running.url, request)
      answers.push({ kind, status: answer.status, contentType: answer.headers['content-type'], body: answer.body })
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return answers
}

describe('the local server under hostile requests', () => {
  it('answers each with a JSON 4xx, stays up, and still delivers a normal batch', async () => {
    const requests = hostileRequests()
    expect(requests.length).toBeGreaterThan(2000)
    const answers = await sendAll(requests, 16)
    expect(answers).toHaveLength(requests.length)
    const wrong = answers.filter((answer) => {
      if (answer.status < 400 || answer.status > 499) return true
      if (answer.contentType !== 'application/json; charset=utf-8') return true
      const parsed = JSON.parse(answer.body) as { error?: unknown }
      return typeof parsed.error !== 'string' || /\n\s+at /.test(parsed.error) || answer.body.includes(ROOT)
    })
    expect(wrong.slice(0, 5).map((answer) => ({ ...answer, body: answer.body.slice(0, 300) }))).toEqual([])
    const kinds = new Set(answers.map((answer) => `${answer.kind} ${answer.status}`))
    expect([...kinds].filter((kind) => kind.startsWith('slow sender'))).toEqual(['slow sender 408'])
    expect(running.serving.simulator?.requests).toEqual([])

    const normal = await sendRaw(running.url, {
      path: '/trackEvent',
      headers: JSON_HEADERS,
      body: JSON.stringify({ payload: [EVENT, { ...EVENT, userId: 'user-2' }] })
    })
    expect(normal.status).toBe(200)
    const { multistatus } = JSON.parse(normal.body) as { multistatus: { status: number }[] }
    expect(multistatus.map((node) => node.status)).toEqual([200, 200])
    expect(running.serving.simulator?.state.events.map((event) => event.identifiers)).toEqual([
      { id: 'user-1' },
      { id: 'user-2' }
    ])
  }, 30_000)
})

/** The value the amplifying batches carry: `depth` arrays nested around a number. */
function chain(depth: number): unknown {
  let value: unknown = 1
  for (let level = 0; level < depth; level++) value = [value]
  return value
}

/** A GET whose answer the client never reads: the socket is paused at once and left open. */
function neverRead(route: string): net.Socket {
  const socket = net.connect(Number(new URL(running.url).port), '127.0.0.1')
  socket.write(`GET ${route} HTTP/1.1\r\nhost: ${new URL(running.url).host}\r\n\r\n`)
  socket.pause()
  return socket
}

describe('the local server under answers that could grow past every cap', () => {
  it('answers batches of deeply nested events in a few times the bytes it received, not hundreds', async () => {
    const properties = Object.fromEntries(Array.from({ length: 70 }, (_, index) => [`k${index}`, chain(95)]))
    const payload = Array.from({ length: 20 }, (_, index) => ({
      type: 'track',
      event: 'Deep',
      userId: `u${index}`,
      properties
    }))
    const body = JSON.stringify({ payload })
    const rssBefore = process.memoryUsage().rss
    for (let round = 0; round < 3; round++) {
      const answer = await sendRaw(running.url, { path: '/trackEvent', headers: JSON_HEADERS, body })
      expect(answer.status).toBe(200)
      // Indented JSON would make each answer about 200 times the batch.
      expect(Buffer.byteLength(answer.body)).toBeLessThan(4 * body.length)
    }
    // The history and the page still answer, each within its page's bytes, and the memory stays bounded.
    const history = await sendRaw(running.url, { method: 'GET', path: '/_deliveries' })
    expect(history.status).toBe(200)
    expect(Buffer.byteLength(history.body)).toBeLessThan(MAX_PAGE_BYTES + 1_000)
    expect((await sendRaw(running.url, { method: 'GET', path: '/' })).status).toBe(200)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400_000_000)
  }, 30_000)

  it('keeps its memory and keeps answering while 40 clients leave their answers unread', async () => {
    running.serving.server.deliveries.clear()
    const rssBefore = process.memoryUsage().rss
    const properties = { text: 'x'.repeat(2000) }
    const payload = Array.from({ length: 100 }, (_, index) => ({
      type: 'track',
      event: 'Big',
      userId: `u${index}`,
      properties
    }))
    for (let round = 0; round < 5; round++) {
      const answer = await sendRaw(running.url, {
        path: '/trackEvent',
        headers: JSON_HEADERS,
        body: JSON.stringify({ payload })
      })
      expect(answer.status).toBe(200)
    }
    const sockets = Array.from({ length: 40 }, () => neverRead('/_deliveries'))
    try {
      const manifest = await sendRaw(running.url, { method: 'GET', path: '/manifest' })
      expect(manifest.status).toBe(200)
      const deliveries = await sendRaw(running.url, { method: 'GET', path: '/_deliveries?limit=10' })
      expect(deliveries.status).toBe(200)
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400_000_000)
    } finally {
      for (const socket of sockets) socket.destroy()
    }
  }, 30_000)
})
