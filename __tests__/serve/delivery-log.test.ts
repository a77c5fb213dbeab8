import { DeliveryLog, type NewDelivery } from '../../src/serve/delivery-log'
import type { Exchange } from '../../src/serve/exchanges'
import { MAX_DELIVERY_VALUE_BYTES } from '../../src/serve/truncated-value'

function exchange(requestBody: string, responseBody: unknown): Exchange {
  return {
    request: { url: 'http://127.0.0.1:1/api/v2/batch', method: 'POST', headers: {}, body: requestBody },
    response: { statusCode: 200, statusMessage: 'OK', headers: {}, body: responseBody }
  }
}

function batch(events: number, bytesPerEvent = 10): NewDelivery {
  const body = { name: 'x'.repeat(bytesPerEvent) }
  return {
    action: 'trackEvent',
    kind: 'batch',
    events,
    outcomes: Array.from({ length: events }, (_, index) => ({ index, status: 200, body, sent: body })),
    exchanges: [exchange(JSON.stringify({ batch: Array(events).fill(body) }), {})]
  }
}

describe('DeliveryLog', () => {
  it('keeps the latest deliveries up to its count, newest first', () => {
    const log = new DeliveryLog({ deliveries: 3, bytes: 1_000_000 })
    for (let i = 0; i < 5; i++) log.add(batch(1))
    expect(log.list().map((record) => record.id)).toEqual([5, 4, 3])
    expect(log.list(2).map((record) => record.id)).toEqual([5, 4])
  })

  it('keeps within its bytes in an indented answer in all, the newest delivery whatever its size', () => {
    const log = new DeliveryLog({ deliveries: 100, bytes: 20_000, valueBytes: 1_000_000 })
    for (let i = 0; i < 10; i++) log.add(batch(10, 500))
    const kept = log.list()
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.length).toBeLessThan(10)
    expect(kept[0].id).toBe(10)
    // Each delivery as a 2-space-indented GET /_deliveries writes it: 4 spaces before it, its lines 4 spaces further
    // in, and the `,` and line break after it.
    const indented = kept.map((record) => JSON.stringify(record, null, 2).replace(/\n/g, '\n    '))
    expect(log.size).toBe(indented.reduce((sum, text) => sum + 4 + Buffer.byteLength(text) + 2, 0))
    expect(log.size).toBeLessThanOrEqual(20_000)
    const huge = log.add(batch(10, 5_000))
    expect(log.list()).toEqual([huge])
  })

  it('keeps a large payload, sent item or exchange body truncated, with its size', () => {
    const log = new DeliveryLog({ deliveries: 10, bytes: 1_000_000, valueBytes: 1_000 })
    const record = log.add(batch(2, 3_000))
    const body = JSON.stringify({ name: 'x'.repeat(3_000) })
    const truncated = { truncated: true, bytes: body.length, preview: body.slice(0, 2_000) }
    expect(record.outcomes[0]).toEqual({ index: 0, status: 200, state: 'delivered', body: truncated, sent: truncated })
    const requestBody = JSON.stringify({ batch: [JSON.parse(body), JSON.parse(body)] })
    expect(record.exchanges[0].request.body).toBe(
      `${requestBody.slice(0, 2_000)}… [truncated: ${requestBody.length.toLocaleString('en-US')} bytes in all]`
    )
    expect(record.exchanges[0].response.body).toEqual({})
    expect(log.list()[0]).toBe(record)
  })

  it('keeps the event given for an event refused before sending, truncated the same way', () => {
    const log = new DeliveryLog({ deliveries: 10, bytes: 1_000_000, valueBytes: 100 })
    const event = { type: 'track', event: 'y'.repeat(200) }
    const record = log.add({
      action: 'trackEvent',
      kind: 'batch',
      events: 1,
      outcomes: [{ index: 0, status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', event }],
      exchanges: []
    })
    expect(record.outcomes[0].event).toEqual({
      truncated: true,
      bytes: JSON.stringify(event).length,
      preview: JSON.stringify(event)
    })
  })
})

describe('the state of each event', () => {
  const log = new DeliveryLog({ deliveries: 10, bytes: 1_000_000 })
  const record = (outcomes: NewDelivery['outcomes'], thrown?: NewDelivery['thrown'], events = outcomes.length) =>
    log.add({ action: 'trackEvent', kind: 'batch', events, outcomes, thrown, exchanges: [] })

  it('is delivered for a 2xx, retried for 408, 429 and 5xx, failed for any other status, and counted so', () => {
    const statuses = [200, 207, 299, 408, 429, 500, 504, 599, 400, 401, 404, 413, 422, 300, 600]
    const kept = record(statuses.map((status, index) => ({ index, status })))
    expect(kept.outcomes.map(({ status, state }) => [status, state])).toEqual([
      [200, 'delivered'],
      [207, 'delivered'],
      [299, 'delivered'],
      [408, 'retried'],
      [429, 'retried'],
      [500, 'retried'],
      [504, 'retried'],
      [599, 'retried'],
      [400, 'failed'],
      [401, 'failed'],
      [404, 'failed'],
      [413, 'failed'],
      [422, 'failed'],
      [300, 'failed'],
      [600, 'failed']
    ])
    expect([kept.succeeded, kept.retried, kept.failed]).toEqual([3, 5, 7])
  })

  it("in a call that threw, counts the events sent by the call's fate and a refused one by its own", () => {
    const refused = { index: 2, status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' }
    const retryable = record([refused], { status: 503, message: 'HTTP 503', retryable: true }, 5)
    expect(retryable.outcomes[0].state).toBe('failed')
    expect([retryable.succeeded, retryable.retried, retryable.failed]).toEqual([0, 4, 1])
    const permanent = record([], { status: 400, message: 'HTTP 400', retryable: false }, 3)
    expect([permanent.succeeded, permanent.retried, permanent.failed]).toEqual([0, 0, 3])
    const single = record([], { message: 'Request timed out after 10000ms', retryable: true }, 1)
    expect([single.succeeded, single.retried, single.failed]).toEqual([0, 1, 0])
  })
})

describe('the values one delivery keeps', () => {
  it('stay within its budget: once spent, each further value is kept as its size alone', () => {
    const log = new DeliveryLog({ deliveries: 10, bytes: 100_000_000, valueBytes: 1_000, deliveryValueBytes: 3_000 })
    const record = log.add(batch(40, 100))
    const body = { name: 'x'.repeat(100) }
    const kept = record.outcomes.filter((outcome) => JSON.stringify(outcome.body) === JSON.stringify(body))
    // Each value takes 140 bytes at its place in an indented answer: 21 of them fit in 3,000.
    expect(kept).toHaveLength(11)
    expect(record.outcomes[10].body).toEqual(body)
    expect(record.outcomes[10].sent).toEqual({ truncated: true, bytes: JSON.stringify(body).length, preview: '' })
    expect(record.outcomes[39]).toEqual({
      index: 39,
      status: 200,
      state: 'delivered',
      body: { truncated: true, bytes: 111, preview: '' },
      sent: { truncated: true, bytes: 111, preview: '' }
    })
    expect(record.exchanges[0].request.body).toBe(
      `… [not kept: ${JSON.stringify({ batch: Array(40).fill(body) }).length.toLocaleString('en-US')} bytes]`
    )
    expect(record.exchanges[0].response.body).toEqual({})
  })

  it('keep a batch of many events bounded with the default budget', () => {
    const log = new DeliveryLog({ deliveries: 10, bytes: 1_000_000_000 })
    const record = log.add(batch(2_000, 5_000))
    expect(log.size).toBeLessThan(MAX_DELIVERY_VALUE_BYTES + 2_000 * 600)
    expect(record.outcomes[1_999].body).toEqual({ truncated: true, bytes: 5_011, preview: '' })
  })
})
