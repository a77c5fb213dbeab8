import nock from 'nock'
import type { JSONObject } from '@segment/actions-core'
import { fixedEvent, US, newTestDestination, textOf, SITE_ID, API_KEY } from '../__helpers__/destination'
import { describeMetricsForEachPath, mappingFor } from '../__helpers__/runner'
import { describeRequiredFields } from '../__helpers__/batch-outcomes'

const delivery = (properties: JSONObject, timestamp?: string) =>
  fixedEvent({
    type: 'track',
    event: 'Report Delivery Event',
    userId: 'u-123',
    properties,
    ...(timestamp === undefined ? {} : { timestamp })
  })

describeMetricsForEachPath('reportDeliveryEvent', [
  {
    name: 'an email click: recipient and link, the event time in unix seconds',
    event: delivery({
      deliveryId: 'dlv-1',
      metric: 'clicked',
      recipient: 'ana@example.com',
      href: 'https://shop.example.com/sale'
    }),
    expected: {
      delivery_id: 'dlv-1',
      metric: 'clicked',
      timestamp: 1723667808,
      recipient: 'ana@example.com',
      href: 'https://shop.example.com/sale'
    }
  },
  {
    name: 'an in-app click: the action name and value go in metadata',
    event: delivery({ deliveryId: 'dlv-2', metric: 'clicked', actionName: 'cta', actionValue: 'open_sale' }),
    expected: {
      delivery_id: 'dlv-2',
      metric: 'clicked',
      timestamp: 1723667808,
      metadata: { action_name: 'cta', action_value: 'open_sale' }
    }
  },
  {
    name: 'a bounce with its reason; unix seconds with a fraction are floored',
    event: delivery(
      { deliveryId: 'dlv-3', metric: 'bounced', recipient: 'old@example.com', reason: 'mailbox full' },
      '1712345678.9'
    ),
    expected: {
      delivery_id: 'dlv-3',
      metric: 'bounced',
      timestamp: 1712345678,
      recipient: 'old@example.com',
      reason: 'mailbox full'
    }
  },
  {
    name: 'a push delivery with an offset timestamp and only an action value',
    event: delivery({ deliveryId: 'dlv-4', metric: 'delivered', actionValue: 'v2' }, '2024-08-14T22:36:48.500+02:00'),
    expected: { delivery_id: 'dlv-4', metric: 'delivered', timestamp: 1723667808, metadata: { action_value: 'v2' } }
  }
])

describe('reportDeliveryEvent', () => {
  const NOW_MS = 1_725_148_800_123

  afterEach(() => {
    jest.restoreAllMocks()
  })

  describeRequiredFields('reportDeliveryEvent', [
    { field: 'delivery_id', event: delivery({ metric: 'opened' }) },
    { field: 'metric', event: delivery({ deliveryId: 'dlv-1' }) }
  ])

  it('rejects a metric that is not one of the choices', async () => {
    const testDestination = newTestDestination()
    await expect(
      testDestination.testAction('reportDeliveryEvent', {
        event: delivery({ deliveryId: 'dlv-1', metric: 'read' }),
        settings: US.settings,
        mapping: mappingFor('reportDeliveryEvent')
      })
    ).rejects.toMatchObject({
      message:
        'Metric must be one of: "delivered", "opened", "clicked", "converted", "spammed", "bounced", "dropped", or "deferred".'
    })
    expect(testDestination.responses).toEqual([])
  })

  const LAST = 8_640_000_000_000
  const NOW = 1_725_148_800

  // A timestamp outside the readable range (±8,640,000,000,000 unix seconds) is stamped as a missing one is. actions-core
  // refuses "8640000000001" and "8640000000000.5" in this date-time field before the action runs.
  it.each<[string, number, string | number | undefined]>([
    ['no timestamp mapped: the time of sending', NOW, undefined],
    ['the last second of the range, as a number', LAST, LAST],
    ['the last second of the range, as digits', LAST, String(LAST)],
    ['the next second, as a number: the time of sending', NOW, LAST + 1],
    ['1e308: the time of sending', NOW, 1e308],
    ['twenty nines: the time of sending', NOW, '99999999999999999999'],
    ['400 nines: the time of sending', NOW, '9'.repeat(400)]
  ])('stamps the metric with %s, %p', async (_name, seconds, openedAt) => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW_MS)
    let sent: unknown
    const scope = nock(US.host)
      .post('/api/v1/metrics', (body) => ((sent = body), true))
      .reply(200, {})
    await newTestDestination().testAction('reportDeliveryEvent', {
      event: delivery({ deliveryId: 'dlv-1', metric: 'opened', ...(openedAt === undefined ? {} : { openedAt }) }),
      settings: US.settings,
      mapping: mappingFor('reportDeliveryEvent', { timestamp: { '@path': '$.properties.openedAt' } })
    })
    expect(sent).toEqual({ delivery_id: 'dlv-1', metric: 'opened', timestamp: seconds })
    expect(scope.isDone()).toBe(true)
  })

  it('propagates an HTTP error on the single path', async () => {
    nock(US.host).post('/api/v1/metrics').reply(503, 'down')
    await expect(
      newTestDestination().testAction('reportDeliveryEvent', {
        event: delivery({ deliveryId: 'dlv-1', metric: 'opened' }),
        settings: US.settings,
        mapping: mappingFor('reportDeliveryEvent')
      })
    ).rejects.toMatchObject({ name: 'HTTPError', response: { status: 503 } })
  })

  it('gives every event of a mixed batch its own outcome, retryable failures included, and throws nothing', async () => {
    const metric = (deliveryId: string) => ({ delivery_id: deliveryId, metric: 'opened', timestamp: 1723667808 })
    const payload = (deliveryId: string) => ({
      delivery_id: deliveryId,
      metric: 'opened',
      timestamp: '2024-08-14T20:36:48.6527521Z',
      enable_batching: true,
      batch_size: 50
    })
    const scope = nock(US.host)
      .post('/api/v1/metrics', metric('dlv-ok'))
      .reply(200, {})
      .post('/api/v1/metrics', metric('dlv-unknown'))
      .reply(400, { meta: { errors: ['delivery dlv-unknown not found'] } })
      .post('/api/v1/metrics', metric('dlv-auth'))
      .reply(401, { meta: { error: 'Unauthorized request' } })
      .post('/api/v1/metrics', metric('dlv-throttled'))
      .reply(429, { message: 'slow down' })
      .post('/api/v1/metrics', metric('dlv-down'))
      .reply(503, '')
      .post('/api/v1/metrics', metric('dlv-reset'))
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .post('/api/v1/metrics', metric('dlv-slow'))
      .replyWithError({ code: 'ETIMEDOUT', message: 'timed out' })
    const ids = ['dlv-ok', 'dlv-unknown', 'dlv-auth', 'dlv-throttled', 'dlv-down', 'dlv-reset', 'dlv-slow']
    const events = ids.map((deliveryId) => delivery({ deliveryId, metric: 'opened' }))
    events.splice(1, 0, delivery({ metric: 'opened' }))

    const result = await newTestDestination().executeBatch('reportDeliveryEvent', {
      events,
      settings: US.settings,
      mapping: mappingFor('reportDeliveryEvent')
    })

    expect(scope.isDone()).toBe(true)
    const failed = (deliveryId: string, status: number, errortype: string, errormessage: string) => ({
      status,
      errortype,
      errormessage,
      errorreporter: 'DESTINATION',
      sent: metric(deliveryId),
      body: payload(deliveryId)
    })
    expect(result).toEqual([
      { status: 200, sent: metric('dlv-ok'), body: payload('dlv-ok') },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'delivery_id'.",
        errorreporter: 'INTEGRATIONS'
      },
      failed(
        'dlv-unknown',
        400,
        'BAD_REQUEST',
        'Customer.io rejected the request with HTTP 400: delivery dlv-unknown not found'
      ),
      failed(
        'dlv-auth',
        401,
        'INVALID_AUTHENTICATION',
        'Customer.io rejected the request with HTTP 401: Unauthorized request'
      ),
      failed('dlv-throttled', 429, 'TOO_MANY_REQUESTS', 'Customer.io rejected the request with HTTP 429: slow down'),
      failed(
        'dlv-down',
        503,
        'SERVICE_UNAVAILABLE',
        'Customer.io rejected the request with HTTP 503: Service Unavailable'
      ),
      failed('dlv-reset', 502, 'BAD_GATEWAY', 'the connection to Customer.io failed: ECONNRESET'),
      failed('dlv-slow', 504, 'GATEWAY_TIMEOUT', 'the request to Customer.io timed out')
    ])
    for (const secret of [SITE_ID, API_KEY]) expect(textOf(result)).not.toContain(secret)
  })

  it('sends one request per event and answers every event of a large batch in order', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `dlv-${i}`)
    const posted: string[] = []
    const scope = nock(US.host)
      .post('/api/v1/metrics', (body: { delivery_id: string }) => (posted.push(body.delivery_id), true))
      .times(ids.length)
      .delay(5)
      .reply(200, {})
    const result = await newTestDestination().executeBatch('reportDeliveryEvent', {
      events: ids.map((deliveryId) => delivery({ deliveryId, metric: 'delivered' })),
      settings: US.settings,
      mapping: mappingFor('reportDeliveryEvent')
    })
    expect(scope.isDone()).toBe(true)
    expect([...posted].sort()).toEqual([...ids].sort())
    expect(result).toEqual(
      ids.map((deliveryId) => ({
        status: 200,
        sent: { delivery_id: deliveryId, metric: 'delivered', timestamp: 1723667808 },
        body: expect.objectContaining({ delivery_id: deliveryId })
      }))
    )
  })
})

describe('reportDeliveryEvent without credentials', () => {
  // /api/v1/metrics needs none (the OpenAPI document lists no security for it): the metric is sent without Basic auth.
  const settings = { accountRegion: 'US 🇺🇸' } as unknown as typeof US.settings
  const expected = { delivery_id: 'dlv-1', metric: 'opened', timestamp: 1723667808 }

  it('sends the metric on the single path, with no Authorization header', async () => {
    let sent: unknown
    const scope = nock(US.host, { badheaders: ['authorization'] })
      .post('/api/v1/metrics', (body) => ((sent = body), true))
      .reply(200, {})
    await newTestDestination().testAction('reportDeliveryEvent', {
      event: delivery({ deliveryId: 'dlv-1', metric: 'opened' }),
      settings,
      mapping: mappingFor('reportDeliveryEvent')
    })
    expect(sent).toEqual(expected)
    expect(scope.isDone()).toBe(true)
  })

  it('sends every metric of a batch, each delivered, with no Authorization header', async () => {
    const scope = nock(US.host, { badheaders: ['authorization'] })
      .post('/api/v1/metrics', expected)
      .reply(200, {})
    const result = await newTestDestination().executeBatch('reportDeliveryEvent', {
      events: [delivery({ deliveryId: 'dlv-1', metric: 'opened' })],
      settings: { ...settings, siteId: '' },
      mapping: mappingFor('reportDeliveryEvent')
    })
    expect(result.map((outcome) => [outcome.status, (outcome as { sent?: unknown }).sent])).toEqual([[200, expected]])
    expect(scope.isDone()).toBe(true)
  })

  it('other actions still refuse missing credentials, sending nothing', async () => {
    await expect(
      newTestDestination().testAction('trackEvent', {
        event: fixedEvent({ type: 'track', event: 'Order Completed', userId: 'u-1' }),
        settings,
        mapping: mappingFor('trackEvent')
      })
    ).rejects.toThrow('The setting siteId is missing.')
  })
})
