import { fixedEvent } from '../__helpers__/destination'
import { describeItemsForEachPath } from '../__helpers__/runner'
import type { ItemCase } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'

const device = (token?: string, type?: string) => ({ device: { token, type, model: 'iPhone15,2' } })

const installed = fixedEvent({
  type: 'track',
  event: 'Application Installed',
  userId: 'u-123',
  context: { ...device('apns-token-1', 'ios'), app: { version: '3.2.1', build: '321' } },
  properties: { push_enabled: 'true', device_os: 'iOS 17.5', first_opened_at: '2024-08-01T09:00:00Z' }
})

describeItemsForEachPath('createUpdateDevice', [
  {
    name: 'adds the device with its platform, last use, properties and app version, every attribute a string',
    event: installed,
    expected: {
      type: 'person',
      action: 'add_device',
      identifiers: { id: 'u-123' },
      device: {
        token: 'apns-token-1',
        platform: 'ios',
        last_used: 1723667808,
        attributes: {
          push_enabled: 'true',
          device_os: 'iOS 17.5',
          first_opened_at: '1722502800',
          app_version: '3.2.1'
        }
      }
    }
  },
  {
    name: "Segment's Application Opened: platform iOS becomes ios, booleans and numbers become strings",
    event: fixedEvent({
      type: 'track',
      event: 'Application Opened',
      userId: 'u-123',
      context: device('apns-token-1', 'iOS'),
      properties: { from_background: false, build: 321, version: '3.2.1', push_enabled: true, referrer: null }
    }),
    expected: {
      type: 'person',
      action: 'add_device',
      identifiers: { id: 'u-123' },
      device: {
        token: 'apns-token-1',
        platform: 'ios',
        last_used: 1723667808,
        attributes: { from_background: 'false', build: '321', version: '3.2.1', push_enabled: 'true' }
      }
    }
  },
  {
    name: 'last_used with an offset is converted, even with convert_timestamp off, which keeps dates in the attributes',
    event: fixedEvent({
      type: 'track',
      event: 'Application Opened',
      userId: 'ana@example.com',
      timestamp: '2024-08-14T22:36:48+02:00',
      context: device('fcm-token-2', 'Android'),
      properties: { opened_at: '2024-08-14T20:36:48Z' }
    }),
    mapping: { convert_timestamp: false },
    expected: {
      type: 'person',
      action: 'add_device',
      identifiers: { email: 'ana@example.com' },
      device: {
        token: 'fcm-token-2',
        platform: 'android',
        last_used: 1723667808,
        attributes: { opened_at: '2024-08-14T20:36:48Z' }
      }
    }
  },
  {
    name: 'an unreadable last_used is left out and the device is still registered',
    event: fixedEvent({
      type: 'track',
      event: 'Application Opened',
      userId: 'u-123',
      context: device('fcm-token-4', 'android'),
      properties: { seen: 'a while ago' }
    }),
    mapping: { last_used: { '@path': '$.properties.seen' }, attributes: {} },
    expected: {
      type: 'person',
      action: 'add_device',
      identifiers: { id: 'u-123' },
      device: { token: 'fcm-token-4', platform: 'android', attributes: {} }
    }
  },
  {
    name: 'a numeric last_used (a string once actions-core maps it) is sent as the integer',
    event: fixedEvent({
      type: 'track',
      event: 'Application Opened',
      userId: 'u-123',
      context: device('fcm-token-5', 'android'),
      properties: { seen: 1712345678.5 }
    }),
    mapping: { last_used: { '@path': '$.properties.seen' }, attributes: {} },
    expected: {
      type: 'person',
      action: 'add_device',
      identifiers: { id: 'u-123' },
      device: { token: 'fcm-token-5', platform: 'android', last_used: 1712345678, attributes: {} }
    }
  },
  {
    name: 'no app version and no properties: the device has empty attributes',
    event: fixedEvent({
      type: 'track',
      event: 'Device Created or Updated',
      userId: 'u-123',
      context: device('fcm-token-3', 'android'),
      properties: {}
    }),
    expected: {
      type: 'person',
      action: 'add_device',
      identifiers: { id: 'u-123' },
      device: { token: 'fcm-token-3', platform: 'android', last_used: 1723667808, attributes: {} }
    }
  }
])

describe('createUpdateDevice', () => {
  const opened = (userId: string | null, context: object) =>
    fixedEvent({ type: 'track', event: 'Application Opened', userId, context, properties: {} })

  describeRequiredFields('createUpdateDevice', [
    { field: 'person_id', event: opened(null, device('fcm-token-1', 'android')) },
    { field: 'device_id', event: opened('u-123', device(undefined, 'android')) },
    { field: 'platform', event: opened('u-123', device('fcm-token-1')) }
  ])

  it('gives every event of a mixed batch its own outcome; a platform other than ios or android is refused', async () => {
    const added = (user: string, token: string, platform: 'ios' | 'android') => ({
      type: 'person' as const,
      action: 'add_device' as const,
      identifiers: { id: user },
      device: { token, platform, last_used: 1723667808, attributes: {} }
    })
    const payload = (user: string, token: string, platform: string) => ({
      person_id: user,
      device_id: token,
      platform,
      last_used: '2024-08-14T20:36:48.6527521Z',
      attributes: {},
      convert_timestamp: true,
      enable_batching: true,
      batch_size: 50
    })
    const result = await executeBatchExpecting(
      'createUpdateDevice',
      [
        opened('u-1', device('token-1', 'ios')),
        opened('u-2', device(undefined, 'ios')),
        opened('u-3', device('token-3', 'windows')),
        opened('u-4', device('token-4', 'ANDROID'))
      ],
      [added('u-1', 'token-1', 'ios'), added('u-4', 'token-4', 'android')],
      {
        status: 207,
        body: { errors: [{ batch_index: 1, reason: 'invalid', field: 'device.token', message: 'token is unknown' }] }
      }
    )
    expect(result).toEqual([
      { status: 200, sent: added('u-1', 'token-1', 'ios'), body: payload('u-1', 'token-1', 'ios') },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'device_id'.",
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'The device platform "windows" is not one Customer.io can register: it takes ios or android.',
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'token is unknown (field device.token)',
        errorreporter: 'DESTINATION',
        sent: added('u-4', 'token-4', 'android'),
        body: payload('u-4', 'token-4', 'ANDROID')
      }
    ])
  })
})

// last_used at the end of the readable range (±8,640,000,000,000 unix seconds): inside it the integer, outside it
// left out, as any last_used that reads as no date.
const lastUsedCase = (name: string, seen: string | number, lastUsed?: number): ItemCase => ({
  name,
  event: fixedEvent({
    type: 'track',
    event: 'Application Opened',
    userId: 'u-123',
    context: device('fcm-token-6', 'android'),
    properties: { seen }
  }),
  mapping: { last_used: { '@path': '$.properties.seen' }, attributes: {} },
  expected: {
    type: 'person',
    action: 'add_device',
    identifiers: { id: 'u-123' },
    device: {
      token: 'fcm-token-6',
      platform: 'android',
      ...(lastUsed === undefined ? {} : { last_used: lastUsed }),
      attributes: {}
    }
  }
})

describeItemsForEachPath('createUpdateDevice', [
  lastUsedCase('last_used at the last second of the range is the integer', 8_640_000_000_000, 8_640_000_000_000),
  lastUsedCase('last_used one second past the range is left out', 8_640_000_000_001),
  lastUsedCase('last_used of twenty nines is left out', '99999999999999999999'),
  lastUsedCase('last_used of 400 nines is left out', '9'.repeat(400))
])
