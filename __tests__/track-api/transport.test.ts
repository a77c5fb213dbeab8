import type { ModifiedResponse, RequestClient, RequestOptions } from '@segment/actions-core'
import { REQUEST_TIMEOUT_MS, withHosts, withTimeout } from '../../src/track-api/transport'

/** A request client that records each call's URL and options, and answers 200. */
function recordingClient() {
  const calls: Array<{ url: string; options?: RequestOptions }> = []
  const request = (async (url: string, options?: RequestOptions) => {
    calls.push({ url, options })
    return { status: 200 } as ModifiedResponse
  }) as RequestClient
  return { request, calls }
}

const SIMULATOR = { US: 'http://127.0.0.1:4010/us', EU: 'http://127.0.0.1:4010/eu' }

describe('withTimeout', () => {
  it('gives every call the timeout and reads its body uncloned, keeping the rest of its options', async () => {
    const { request, calls } = recordingClient()
    await withTimeout(request)('https://track.customer.io/api/v2/batch', { method: 'post', body: '{}' })
    await withTimeout(request, 250)('https://track.customer.io/api/v2/entity')
    expect(calls).toEqual([
      {
        url: 'https://track.customer.io/api/v2/batch',
        options: { method: 'post', body: '{}', timeout: REQUEST_TIMEOUT_MS, skipResponseCloning: true }
      },
      { url: 'https://track.customer.io/api/v2/entity', options: { timeout: 250, skipResponseCloning: true } }
    ])
    expect(REQUEST_TIMEOUT_MS).toBe(10_000)
  })
})

describe('withHosts', () => {
  it.each([
    ['https://track.customer.io/api/v2/batch', 'http://127.0.0.1:4010/us/api/v2/batch'],
    ['https://track-eu.customer.io/api/v1/metrics', 'http://127.0.0.1:4010/eu/api/v1/metrics'],
    // Only Customer.io's own hosts move: a host that merely begins with one of their names is left alone.
    ['https://track.customer.io.example.com/api/v2/batch', 'https://track.customer.io.example.com/api/v2/batch'],
    ['https://example.com/https://track.customer.io/x', 'https://example.com/https://track.customer.io/x']
  ])('sends %s to %s', async (url, target) => {
    const { request, calls } = recordingClient()
    const options: RequestOptions = { method: 'post', body: '[]' }
    await withHosts(request, SIMULATOR)(url, options)
    expect(calls).toEqual([{ url: target, options }])
  })
})
