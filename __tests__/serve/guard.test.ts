import { checkHeaders, eventRefusal, mappingRefusal, measureJson } from '../../src/serve/guard'
import { allowedHostsOf } from '../../src/serve/loopback'

const HOSTS = allowedHostsOf(3000, '127.0.0.1')
const JSON_TYPE = 'application/json'

describe('allowedHostsOf', () => {
  it('names the port on the three loopback names', () => {
    expect([...HOSTS]).toEqual(['127.0.0.1:3000', 'localhost:3000', '[::1]:3000'])
  })

  it('adds a specific address it listens on, never a wildcard', () => {
    expect([...allowedHostsOf(8080, '10.0.0.5')]).toContain('10.0.0.5:8080')
    expect([...allowedHostsOf(8080, '0.0.0.0')]).toEqual(['127.0.0.1:8080', 'localhost:8080', '[::1]:8080'])
    expect([...allowedHostsOf(8080, '::1')]).toEqual(['127.0.0.1:8080', 'localhost:8080', '[::1]:8080'])
  })
})

describe('checkHeaders', () => {
  it.each([
    ['GET with its own Host', 'GET', { host: '127.0.0.1:3000' }],
    ['GET by localhost in capitals', 'GET', { host: 'LOCALHOST:3000' }],
    ['GET by [::1]', 'GET', { host: '[::1]:3000' }],
    ['POST of JSON with no Origin (curl)', 'POST', { host: 'localhost:3000', 'content-type': JSON_TYPE }],
    [
      'POST of JSON from its own page',
      'POST',
      { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'content-type': 'application/json; charset=UTF-8' }
    ],
    ['DELETE from its own page', 'DELETE', { host: 'localhost:3000', origin: 'http://localhost:3000' }],
    [
      'a GET by its own page',
      'GET',
      { host: 'localhost:3000', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }
    ],
    ['the user typing its address', 'GET', { host: 'localhost:3000', 'sec-fetch-site': 'none' }],
    [
      "a link from another site to its page (the user's choice)",
      'GET',
      { host: 'localhost:3000', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }
    ]
  ])('lets %s pass', (_name, method, headers) => {
    expect(checkHeaders(method, headers, HOSTS)).toBeUndefined()
  })

  it.each([
    ['no Host', 'GET', {}, 403, /^This server answers only requests addressed to 127\.0\.0\.1:3000, localhost:3000/],
    ['a rebinding name (DNS rebinding)', 'GET', { host: 'attacker.example:3000' }, 403, /the Host header/],
    ['the right name on another port', 'GET', { host: 'localhost:3001' }, 403, /the Host header/],
    [
      'a POST from another website',
      'POST',
      { host: '127.0.0.1:3000', origin: 'https://attacker.example', 'content-type': JSON_TYPE },
      403,
      /^Requests from other websites are refused/
    ],
    [
      'an opaque origin (a sandboxed frame, a file)',
      'POST',
      { host: '127.0.0.1:3000', origin: 'null', 'content-type': JSON_TYPE },
      403,
      /other websites/
    ],
    [
      'its own host over https (not this server)',
      'GET',
      { host: '127.0.0.1:3000', origin: 'https://127.0.0.1:3000' },
      403,
      /other websites/
    ],
    [
      "another site's <img> or <script> (no Origin on a GET)",
      'GET',
      { host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
      403,
      /^Requests from other websites are refused \(the browser says so in Sec-Fetch-Site\)\.$/
    ],
    [
      'a page on another port of this machine (same-site)',
      'GET',
      { host: '127.0.0.1:3000', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' },
      403,
      /Sec-Fetch-Site/
    ],
    [
      'a form of another site posted by navigation',
      'POST',
      { host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
      403,
      /Sec-Fetch-Site/
    ],
    [
      'a text/plain POST (a form or a simple fetch)',
      'POST',
      { host: '127.0.0.1:3000', 'content-type': 'text/plain' },
      415,
      /content-type: application\/json/
    ],
    ['a POST with no content type', 'POST', { host: '127.0.0.1:3000' }, 415, /content-type: application\/json/],
    [
      'a form POST',
      'POST',
      { host: '127.0.0.1:3000', 'content-type': 'application/x-www-form-urlencoded' },
      415,
      /content-type/
    ],
    [
      'JSON in UTF-16',
      'POST',
      { host: '127.0.0.1:3000', 'content-type': 'application/json; charset=utf-16' },
      415,
      /UTF-8/
    ],
    [
      'a gzip body',
      'POST',
      { host: '127.0.0.1:3000', 'content-type': JSON_TYPE, 'content-encoding': 'gzip' },
      415,
      /^Compressed bodies are not accepted/
    ],
    [
      'a declared body over the limit',
      'POST',
      { host: '127.0.0.1:3000', 'content-type': JSON_TYPE, 'content-length': '10000001' },
      413,
      /^The body is over 10,000,000 bytes\.$/
    ]
  ])('refuses %s', (_name, method, headers, status, message) => {
    const refusal = checkHeaders(method, headers, HOSTS)
    expect(refusal?.status).toBe(status)
    expect(refusal?.message).toMatch(message)
  })
})

describe('measureJson', () => {
  function nested(levels: number): unknown {
    let value: unknown = 'leaf'
    for (let level = 0; level < levels; level++) value = { a: value }
    return value
  }

  it.each([
    ['a scalar', 1, 0, 1],
    ['an empty object', {}, 1, 1],
    ['an object with an array', { a: [1, 2] }, 2, 4]
  ])('measures %s', (_name, value, depth, nodes) => {
    expect(measureJson(value, { maxDepth: 10 })).toEqual({ depth, nodes, withinLimits: true })
  })

  it('walks a million levels without recursion, and stops at the limit', () => {
    const deep = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`) as unknown
    expect(measureJson(deep, { maxDepth: 100 })).toEqual({ depth: 101, nodes: 101, withinLimits: false })
  })

  it('refuses an event over 100 levels and a mapping over 32 levels or 10,000 values', () => {
    expect(eventRefusal(nested(99))).toBeUndefined()
    expect(eventRefusal(nested(101))).toBe('The event is nested more than 100 levels deep; it was not sent.')
    expect(mappingRefusal(nested(32))).toBeUndefined()
    expect(mappingRefusal(nested(33))).toBe('The "mapping" is over 32 levels deep or 10,000 values.')
    expect(mappingRefusal({ wide: Array.from({ length: 10_000 }, () => 1) })).toBe(
      'The "mapping" is over 32 levels deep or 10,000 values.'
    )
  })
})
