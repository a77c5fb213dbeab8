import { MultiStatusResponse } from '@segment/actions-core'
import type { ModifiedResponse, RequestClient } from '@segment/actions-core'
import { MAX_CONCURRENT_METRIC_REQUESTS, sendMetricBatch, sendSingleMetric } from '../../src/track-api/send-metrics'
import type { MetricSpec } from '../../src/track-api/build-metric'
import { METRICS } from '../../src/track-api/delivery-stats'
import { recordingPlatform } from '../__helpers__/stats'
import { abortedByPlatform } from '../__helpers__/aborted'

const SETTINGS = { accountRegion: 'EU 🇪🇺' }

interface DeliveryPayload {
  delivery_id: string
}

const toMetric = (payload: DeliveryPayload): MetricSpec => ({
  delivery_id: payload.delivery_id,
  metric: 'delivered',
  timestamp: 1723667808
})

/** A request client that answers 200 after a tick and records the most requests it saw in flight at once. */
function recordingClient(fail?: (body: { delivery_id: string }) => Error | undefined) {
  const calls: { url: string; body: { delivery_id: string } }[] = []
  let inFlight = 0
  let maxInFlight = 0
  const request = (async (url: string, options?: { body?: unknown }) => {
    const body = JSON.parse(String(options?.body)) as { delivery_id: string }
    calls.push({ url, body })
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    await new Promise((resolve) => setTimeout(resolve, 2))
    inFlight--
    const error = fail?.(body)
    if (error) throw error
    return { status: 200 } as ModifiedResponse
  }) as RequestClient
  return { request, calls, maxInFlight: () => maxInFlight }
}

describe('sendMetricBatch', () => {
  it(`keeps at most ${MAX_CONCURRENT_METRIC_REQUESTS} metrics requests in flight and answers every payload`, async () => {
    const payloads = Array.from({ length: 13 }, (_, i) => ({ delivery_id: `dlv-${i}` }))
    const client = recordingClient()
    const result = await sendMetricBatch(client.request, { settings: SETTINGS, payload: payloads }, toMetric)
    expect(result).toBeInstanceOf(MultiStatusResponse)
    expect(client.maxInFlight()).toBe(MAX_CONCURRENT_METRIC_REQUESTS)
    expect(client.calls.map((call) => call.url)).toEqual(
      payloads.map(() => 'https://track-eu.customer.io/api/v1/metrics')
    )
    expect(result.length()).toBe(payloads.length)
    payloads.forEach((payload, index) => {
      expect(result.getResponseAtIndex(index).value()).toEqual({
        status: 200,
        sent: { delivery_id: payload.delivery_id, metric: 'delivered', timestamp: 1723667808 },
        body: payload
      })
    })
  })

  it('gives an error it cannot classify a retryable 500 that names only its kind', async () => {
    class SurpriseError extends Error {
      override name = 'SurpriseError'
    }
    const client = recordingClient((body) =>
      body.delivery_id === 'dlv-1' ? new SurpriseError('secret detail key-5c2e88d1b4') : undefined
    )
    const result = await sendMetricBatch(
      client.request,
      { settings: SETTINGS, payload: [{ delivery_id: 'dlv-0' }, { delivery_id: 'dlv-1' }] },
      toMetric
    )
    expect(result.getResponseAtIndex(0).value()).toMatchObject({ status: 200 })
    expect(result.getResponseAtIndex(1).value()).toEqual({
      status: 500,
      errortype: 'INTERNAL_SERVER_ERROR',
      errormessage: 'the request to Customer.io failed: SurpriseError',
      sent: { delivery_id: 'dlv-1', metric: 'delivered', timestamp: 1723667808 },
      body: { delivery_id: 'dlv-1' }
    })
  })

  it('fails only the payload whose mapper throws, before sending it', async () => {
    const client = recordingClient()
    const throwing = (payload: DeliveryPayload): MetricSpec => {
      if (payload.delivery_id === 'bad') throw new Error('no delivery id')
      return toMetric(payload)
    }
    const result = await sendMetricBatch(
      client.request,
      { settings: SETTINGS, payload: [{ delivery_id: 'bad' }, { delivery_id: 'dlv-1' }] },
      throwing
    )
    expect(result.getResponseAtIndex(0).value()).toEqual({
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: 'no delivery id'
    })
    expect(result.getResponseAtIndex(1).value()).toMatchObject({ status: 200 })
    expect(client.calls.map((call) => call.body.delivery_id)).toEqual(['dlv-1'])
  })

  it('gives a payload whose mapper throws a string that text as its error', async () => {
    const client = recordingClient()
    const throwsText = (): MetricSpec => {
      throw 'no delivery to report'
    }
    const result = await sendMetricBatch(
      client.request,
      { settings: SETTINGS, payload: [{ delivery_id: 'dlv-0' }] },
      throwsText
    )
    expect(result.getResponseAtIndex(0).value()).toEqual({
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: 'no delivery to report'
    })
    expect(client.calls).toEqual([])
  })
})

describe('sendSingleMetric', () => {
  it('counts an unexpected error of its request as a retried 500, and rethrows that same error', async () => {
    const error = new TypeError('Cannot read properties of undefined')
    const client = recordingClient(() => error)
    const platform = recordingPlatform()
    const input = { settings: SETTINGS, payload: { delivery_id: 'dlv-0' }, statsContext: platform.statsContext }
    await expect(sendSingleMetric(client.request, input, toMetric, () => 0)).rejects.toBe(error)
    const tags = ['workspace:ws-1', 'region:EU']
    expect(platform.calls.filter((call) => call.name !== METRICS.requestBytes)).toEqual([
      { type: 'incr', name: METRICS.requests, value: 1, tags: [...tags, 'endpoint:metrics', 'status:error'] },
      { type: 'histogram', name: METRICS.answerTime, value: 0, tags: [...tags, 'endpoint:metrics', 'status:error'] },
      { type: 'incr', name: METRICS.retried, value: 1, tags: [...tags, 'status:500'] }
    ])
  })

  it('counts a request Customer.io accepted as one delivered event, and returns its response', async () => {
    const client = recordingClient()
    const platform = recordingPlatform()
    const input = { settings: SETTINGS, payload: { delivery_id: 'dlv-1' }, statsContext: platform.statsContext }
    await expect(sendSingleMetric(client.request, input, toMetric, () => 0)).resolves.toEqual({ status: 200 })
    const tags = ['workspace:ws-1', 'region:EU']
    expect(platform.calls.filter((call) => call.name !== METRICS.requestBytes)).toEqual([
      { type: 'incr', name: METRICS.requests, value: 1, tags: [...tags, 'endpoint:metrics', 'status:200'] },
      { type: 'histogram', name: METRICS.answerTime, value: 0, tags: [...tags, 'endpoint:metrics', 'status:200'] },
      { type: 'incr', name: METRICS.delivered, value: 1, tags }
    ])
  })
})

describe('sendMetricBatch, with the platform’s context', () => {
  it('reports each request and the batch’s events, tagged with the region', async () => {
    const platform = recordingPlatform()
    const client = recordingClient((body) => (body.delivery_id === 'dlv-1' ? new TypeError('boom') : undefined))
    const ticks = [0, 3, 10, 14]
    await sendMetricBatch(
      client.request,
      {
        settings: SETTINGS,
        payload: [{ delivery_id: 'dlv-0' }, { delivery_id: 'dlv-1' }],
        statsContext: platform.statsContext
      },
      toMetric,
      () => ticks.shift() as number
    )
    const tags = ['workspace:ws-1', 'region:EU']
    const bytes = Buffer.byteLength(
      JSON.stringify({ delivery_id: 'dlv-0', metric: 'delivered', timestamp: 1723667808 })
    )
    expect(platform.calls).toEqual([
      { type: 'incr', name: METRICS.requests, value: 1, tags: [...tags, 'endpoint:metrics', 'status:200'] },
      { type: 'histogram', name: METRICS.requestBytes, value: bytes, tags: [...tags, 'endpoint:metrics'] },
      { type: 'histogram', name: METRICS.answerTime, value: 10, tags: [...tags, 'endpoint:metrics', 'status:200'] },
      { type: 'incr', name: METRICS.requests, value: 1, tags: [...tags, 'endpoint:metrics', 'status:error'] },
      { type: 'histogram', name: METRICS.requestBytes, value: bytes, tags: [...tags, 'endpoint:metrics'] },
      { type: 'histogram', name: METRICS.answerTime, value: 11, tags: [...tags, 'endpoint:metrics', 'status:error'] },
      { type: 'incr', name: METRICS.delivered, value: 1, tags },
      { type: 'incr', name: METRICS.retried, value: 1, tags: [...tags, 'status:500'] },
      { type: 'histogram', name: METRICS.batchRequests, value: 2, tags }
    ])
  })

  it('sends nothing once the platform’s signal has fired: every event is retried as cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const client = recordingClient()
    const result = await sendMetricBatch(
      client.request,
      { settings: SETTINGS, payload: [{ delivery_id: 'dlv-0' }], signal: controller.signal },
      toMetric
    )
    expect(client.calls).toEqual([])
    expect(result.getResponseAtIndex(0).value()).toEqual({
      status: 408,
      errortype: 'CANCELLED',
      errormessage: 'The batch was cancelled before this event was sent; it will be retried.',
      body: { delivery_id: 'dlv-0' }
    })
  })

  it('a request in flight when the signal fires: 408 CANCELLED, in flight, as in a batch of items', async () => {
    const controller = new AbortController()
    const aborted = abortedByPlatform()
    const client = recordingClient(() => (controller.abort(), aborted))
    const result = await sendMetricBatch(
      client.request,
      { settings: SETTINGS, payload: [{ delivery_id: 'dlv-0' }], signal: controller.signal },
      toMetric
    )
    expect(result.getResponseAtIndex(0).value()).toEqual({
      status: 408,
      errortype: 'CANCELLED',
      errormessage:
        'The batch was cancelled while this event was being sent, before Customer.io answered; it will be retried.',
      sent: { delivery_id: 'dlv-0', metric: 'delivered', timestamp: 1723667808 },
      body: { delivery_id: 'dlv-0' }
    })
  })
})
