import type { JSONObject } from '@segment/actions-core'
import { fixedEvent } from '../__helpers__/destination'
import { describeItemsForEachPath } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'

const screen = (userId: string | null, name: string | undefined, properties: JSONObject = {}) =>
  fixedEvent({ type: 'screen', name, userId, anonymousId: 'a-9f2', properties })

describeItemsForEachPath('trackScreenView', [
  {
    name: 'names the screen view by the screen name, with the properties and the anonymous id as attributes',
    event: screen('u-123', 'Checkout', { step: 2, opened_at: '2024-08-14T20:36:48Z' }),
    expected: {
      type: 'person',
      action: 'screen',
      identifiers: { id: 'u-123' },
      name: 'Checkout',
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: { step: 2, opened_at: 1723667808, anonymous_id: 'a-9f2' }
    }
  },
  {
    name: 'an anonymous visitor is identified by the anonymous id; no properties, no attributes',
    event: screen(null, 'Onboarding'),
    expected: {
      type: 'person',
      action: 'screen',
      identifiers: { anonymous_id: 'a-9f2' },
      name: 'Onboarding',
      id: 'msg-0001',
      timestamp: 1723667808
    }
  },
  {
    name: 'a unix-second string timestamp is sent as the integer; convert_timestamp off keeps ISO strings',
    event: fixedEvent({
      type: 'screen',
      name: 'Settings',
      userId: 'ana@example.com',
      timestamp: '1712345678',
      properties: { opened_at: '2024-08-14T20:36:48Z' }
    }),
    mapping: { convert_timestamp: false },
    expected: {
      type: 'person',
      action: 'screen',
      identifiers: { email: 'ana@example.com' },
      name: 'Settings',
      id: 'msg-0001',
      timestamp: 1712345678,
      attributes: { opened_at: '2024-08-14T20:36:48Z', anonymous_id: 'anonId1234' }
    }
  }
])

describe('trackScreenView', () => {
  describeRequiredFields('trackScreenView', [{ field: 'name', event: screen('u-123', undefined) }])

  it('gives every event of a mixed batch its own outcome', async () => {
    const item = (user: string, name: string) => ({
      type: 'person' as const,
      action: 'screen' as const,
      identifiers: { id: user },
      name,
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: { anonymous_id: 'a-9f2' }
    })
    const payload = (user: string, name: string) => ({
      id: user,
      anonymous_id: 'a-9f2',
      event_id: 'msg-0001',
      name,
      timestamp: '2024-08-14T20:36:48.6527521Z',
      data: {},
      convert_timestamp: true,
      enable_batching: true,
      batch_size: 50,
      ulid_event_id: false
    })
    const result = await executeBatchExpecting(
      'trackScreenView',
      [screen('u-1', 'Home'), screen('u-2', undefined), screen('u-3', 'Cart')],
      [item('u-1', 'Home'), item('u-3', 'Cart')],
      { status: 207, body: { errors: [{ batch_index: 1, reason: 'duplicate', message: 'event id already seen' }] } }
    )
    expect(result).toEqual([
      { status: 200, sent: item('u-1', 'Home'), body: payload('u-1', 'Home') },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'name'.",
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'BAD_REQUEST',
        errormessage: 'event id already seen',
        errorreporter: 'DESTINATION',
        sent: item('u-3', 'Cart'),
        body: payload('u-3', 'Cart')
      }
    ])
  })
})

describe('with ulid_event_id', () => {
  describeItemsForEachPath('trackScreenView', [
    {
      name: 'the id is the ULID of the event id and the timestamp',
      event: screen(null, 'Onboarding'),
      mapping: { ulid_event_id: true },
      expected: {
        type: 'person',
        action: 'screen',
        identifiers: { anonymous_id: 'a-9f2' },
        name: 'Onboarding',
        id: '01J599PZR039MZHJXZSZP67HD2',
        timestamp: 1723667808
      }
    }
  ])
})
