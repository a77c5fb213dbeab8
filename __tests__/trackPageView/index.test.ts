import type { JSONObject } from '@segment/actions-core'
import { fixedEvent } from '../__helpers__/destination'
import { describeItemsForEachPath } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'

const CART = 'https://shop.example.com/cart'

const page = (userId: string | null, properties: JSONObject) =>
  fixedEvent({ type: 'page', name: 'Cart', userId, anonymousId: 'a-9f2', properties })

describeItemsForEachPath('trackPageView', [
  {
    name: 'names the page view by its URL, with the properties and the anonymous id as attributes',
    event: page('u-123', { url: CART, title: 'Cart', path: '/cart', viewed_at: '2024-08-14T20:36:48Z' }),
    expected: {
      type: 'person',
      action: 'page',
      identifiers: { id: 'u-123' },
      name: CART,
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: { url: CART, title: 'Cart', path: '/cart', viewed_at: 1723667808, anonymous_id: 'a-9f2' }
    }
  },
  {
    name: 'an anonymous visitor is identified by the anonymous id, which is not repeated in the attributes',
    event: page(null, { url: CART }),
    expected: {
      type: 'person',
      action: 'page',
      identifiers: { anonymous_id: 'a-9f2' },
      name: CART,
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: { url: CART }
    }
  },
  {
    name: 'without an event id the item has no id; convert_timestamp off keeps ISO strings',
    event: page('u-123', { url: CART, viewed_at: '2024-08-14T20:36:48Z' }),
    mapping: { event_id: { '@path': '$.properties.pageViewId' }, convert_timestamp: false },
    expected: {
      type: 'person',
      action: 'page',
      identifiers: { id: 'u-123' },
      name: CART,
      timestamp: 1723667808,
      attributes: { url: CART, viewed_at: '2024-08-14T20:36:48Z', anonymous_id: 'a-9f2' }
    }
  }
])

describe('trackPageView', () => {
  describeRequiredFields('trackPageView', [{ field: 'url', event: page('u-123', { title: 'Cart' }) }])

  it('gives every event of a mixed batch its own outcome', async () => {
    const item = (user: string, url: string) => ({
      type: 'person' as const,
      action: 'page' as const,
      identifiers: { id: user },
      name: url,
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: { url, anonymous_id: 'a-9f2' }
    })
    const payload = (user: string, url: string) => ({
      id: user,
      anonymous_id: 'a-9f2',
      event_id: 'msg-0001',
      url,
      timestamp: '2024-08-14T20:36:48.6527521Z',
      data: { url },
      convert_timestamp: true,
      enable_batching: true,
      batch_size: 50,
      ulid_event_id: false
    })
    const longUrl = `https://shop.example.com/${'x'.repeat(200)}`
    const result = await executeBatchExpecting(
      'trackPageView',
      [page('u-1', { url: CART }), page('u-2', {}), page('u-3', { url: longUrl })],
      [item('u-1', CART), item('u-3', longUrl)],
      {
        status: 207,
        body: {
          errors: [{ batch_index: 1, reason: 'invalid', field: 'name', message: 'name is longer than 100 bytes' }]
        }
      }
    )
    expect(result).toEqual([
      { status: 200, sent: item('u-1', CART), body: payload('u-1', CART) },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'url'.",
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'name is longer than 100 bytes',
        errorreporter: 'DESTINATION',
        sent: item('u-3', longUrl),
        body: payload('u-3', longUrl)
      }
    ])
  })
})

describe('with ulid_event_id', () => {
  describeItemsForEachPath('trackPageView', [
    {
      name: 'the id is the ULID of the event id and the timestamp',
      event: page('u-123', { url: CART }),
      mapping: { ulid_event_id: true },
      expected: {
        type: 'person',
        action: 'page',
        identifiers: { id: 'u-123' },
        name: CART,
        id: '01J599PZR039MZHJXZSZP67HD2',
        timestamp: 1723667808,
        attributes: { url: CART, anonymous_id: 'a-9f2' }
      }
    }
  ])
})
