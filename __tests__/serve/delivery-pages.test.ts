import { DeliveryLog, type DeliveryRecord, type NewDelivery } from '../../src/serve/delivery-log'
import {
  DEFAULT_PAGE_DELIVERIES,
  MAX_PAGE_DELIVERIES,
  deliveriesAnswer,
  deliveryAnswer,
  pageOf
} from '../../src/serve/delivery-pages'

function delivery(bytes = 10): NewDelivery {
  const body = { name: 'x'.repeat(bytes) }
  return { action: 'trackEvent', kind: 'batch', events: 1, outcomes: [{ index: 0, status: 200, body }], exchanges: [] }
}

function logOf(count: number, bytes?: number): DeliveryLog {
  const log = new DeliveryLog({ deliveries: 150, bytes: 100_000_000, valueBytes: 100_000 })
  for (let i = 0; i < count; i++) log.add(delivery(bytes))
  return log
}

const ids = (records: DeliveryRecord[]) => records.map((record) => record.id)
const query = (text: string) => new URLSearchParams(text)

describe('GET /_deliveries, in pages', () => {
  it('answers the newest 20, newest first, with the next older page, how many are kept and at most', () => {
    const log = logOf(30)
    expect(deliveriesAnswer(log, query(''))).toEqual({
      status: 200,
      body: { deliveries: log.list(DEFAULT_PAGE_DELIVERIES), next: 11, kept: 30, maxKept: 150 }
    })
  })

  it('walks the whole history with `before`, each delivery once, the last page naming no next one', () => {
    const log = logOf(25)
    const first = pageOf(log, 10, Infinity)
    const second = pageOf(log, 10, first.next as number)
    const third = pageOf(log, 10, second.next as number)
    expect([ids(first.deliveries), first.next]).toEqual([[25, 24, 23, 22, 21, 20, 19, 18, 17, 16], 16])
    expect([ids(second.deliveries), second.next]).toEqual([[15, 14, 13, 12, 11, 10, 9, 8, 7, 6], 6])
    expect([ids(third.deliveries), third.next]).toEqual([[5, 4, 3, 2, 1], null])
    expect(pageOf(log, 10, 1)).toEqual({ deliveries: [], next: null, kept: 25, maxKept: 150 })
    expect(ids(pageOf(log, 10, 1_000).deliveries)[0]).toBe(25)
  })

  it('holds at most 100 whatever the limit asked, and refuses a limit or a before that is no whole number', () => {
    const log = logOf(120)
    const page = deliveriesAnswer(log, query('limit=500')).body as { deliveries: unknown[]; next: number }
    expect([page.deliveries.length, page.next]).toEqual([MAX_PAGE_DELIVERIES, 21])
    for (const bad of ['limit=0', 'limit=-1', 'limit=2.5', 'limit=ten', 'limit=']) {
      expect(deliveriesAnswer(log, query(bad))).toEqual({
        status: 400,
        body: { error: '"limit" must be a whole number from 1 to 100.' }
      })
    }
    expect(deliveriesAnswer(log, query('before=x'))).toEqual({
      status: 400,
      body: { error: '"before" must be the id of a delivery (a whole number), as "next" gives it.' }
    })
  })

  it('stops a page at its byte budget, with one delivery at least however big', () => {
    const log = logOf(10, 3_000)
    const { bytes } = log.entries()[0]
    const page = pageOf(log, 100, Infinity, bytes * 3 + 1)
    expect([ids(page.deliveries), page.next]).toEqual([[10, 9, 8], 8])
    expect(ids(pageOf(log, 100, Infinity, 1).deliveries)).toEqual([10])
    // The page as a 2-space-indented answer: its deliveries' bytes and a few of its own.
    const text = JSON.stringify(page, null, 2)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(bytes * 3 + 100)
  })
})

describe('GET /_deliveries/<id>', () => {
  it('answers one kept delivery, a 404 for one no longer kept, and nothing for another path', () => {
    const log = logOf(3)
    expect(deliveryAnswer(log, '/_deliveries/2')).toEqual({ status: 200, body: log.get(2) })
    log.clear()
    expect(deliveryAnswer(log, '/_deliveries/2')).toEqual({
      status: 404,
      body: { error: 'Delivery 2 is not kept: the history keeps the latest 150.' }
    })
    for (const path of ['/_deliveries', '/_deliveries/', '/_deliveries/x', '/_deliveries/1/2']) {
      expect(deliveryAnswer(log, path)).toBeUndefined()
    }
  })
})
