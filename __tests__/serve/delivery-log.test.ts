import { DeliveryLog, type NewDelivery } from '../../src/serve/delivery-log'
import type { Exchange } from '../../src/serve/exchanges'

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

  it('keeps within its bytes of JSON in all, the newest delivery whatever its size', () => {
    const log = new DeliveryLog({ deliveries: 100, bytes: 20_000, valueBytes: 1_000_000 })
    for (let i = 0; i < 10; i++) log.add(batch(10, 500))
    const kept = log.list()
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.length).toBeLessThan(10)
    expect(kept[0].id).toBe(10)
    expect(log.size).toBe(Buffer.byteLength(JSON.stringify(kept)) - (kept.length - 1) - 2)
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
