import { itemTooLargeMessage } from '../../../src/track-api/limits'
import type { TrackApiError } from '../../../src/track-api/types'
import { validateItem } from '../../../src/serve/simulator/validate-item'

const person = { type: 'person', identifiers: { id: 'u-1' } }
const object = { type: 'object', identifiers: { object_type_id: '1', object_id: 'acme' } }
const delivery = { type: 'delivery', action: 'event', identifiers: { id: 'd-1' }, name: 'opened' }
const repeatX = (bytes: number): string => 'x'.repeat(bytes)

describe('validateItem: valid operations', () => {
  it.each<[string, unknown]>([
    [
      'person identify with attributes and an object relationship',
      {
        ...person,
        action: 'identify',
        timestamp: 1767225600,
        attributes: { plan: 'pro', seats: 3, removed: null },
        cio_relationships: [
          { identifiers: { object_type_id: '1', object_id: 'acme' }, relationship_attributes: { role: 'admin' } }
        ]
      }
    ],
    [
      'person event with an integer timestamp',
      { ...person, action: 'event', name: 'Order Completed', id: 'm-1', timestamp: 1712345678 }
    ],
    [
      'anonymous page',
      { type: 'person', action: 'page', identifiers: { anonymous_id: 'a-1' }, name: 'https://x.test/cart' }
    ],
    ['screen by email', { type: 'person', action: 'screen', identifiers: { email: 'ana@example.com' }, name: 'Home' }],
    [
      'content event without a name',
      { type: 'person', action: 'viewed_content', identifiers: { anonymous_id: 'a-1' } }
    ],
    [
      'add_device',
      {
        ...person,
        action: 'add_device',
        device: { token: 't-1', platform: 'ios', last_used: 1712345678, attributes: { app_version: '3.2.1' } }
      }
    ],
    ['delete_device', { ...person, action: 'delete_device', device: { token: 't-1' } }],
    ['suppress by cio_id', { type: 'person', action: 'suppress', identifiers: { cio_id: 'a3000001' } }],
    [
      'add_relationships',
      { ...person, action: 'add_relationships', cio_relationships: [{ identifiers: { cio_object_id: 'o-1' } }] }
    ],
    ['merge', { type: 'person', action: 'merge', primary: { id: 'u-1' }, secondary: { email: 'old@example.com' } }],
    [
      'object identify with a person relationship',
      {
        ...object,
        action: 'identify',
        attributes: { name: 'Acme' },
        cio_relationships: [{ identifiers: { id: 'u-1' } }]
      }
    ],
    [
      'object identify_anonymous',
      { ...object, action: 'identify_anonymous', cio_relationships: [{ identifiers: { anonymous_id: 'a-1' } }] }
    ],
    ['object delete by cio_object_id', { type: 'object', action: 'delete', identifiers: { cio_object_id: 'o-1' } }],
    [
      'object delete_relationships',
      { ...object, action: 'delete_relationships', cio_relationships: [{ identifiers: { email: 'a@b.c' } }] }
    ],
    ['delivery event', { ...delivery, attributes: { device_token: 't-1' } }],
    [
      '300 attributes of 1,000 bytes each',
      {
        ...person,
        action: 'identify',
        attributes: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`a${i}`, i === 0 ? repeatX(1000) : i]))
      }
    ]
  ])('accepts %s', (_name, item) => {
    expect(validateItem(item)).toEqual([])
  })
})

describe('validateItem: invalid operations', () => {
  it.each<[string, unknown, TrackApiError[]]>([
    [
      'an item that is not an object',
      'identify',
      [{ reason: 'invalid', field: 'item', message: 'The item must be a JSON object.' }]
    ],
    [
      'a missing type',
      { action: 'identify', identifiers: { id: 'u-1' } },
      [{ reason: 'required', field: 'type', message: 'type is required: person, object or delivery.' }]
    ],
    [
      'an unknown type',
      { ...person, type: 'user', action: 'identify' },
      [{ reason: 'invalid', field: 'type', message: 'type must be person, object or delivery.' }]
    ],
    [
      'a missing action',
      { ...person },
      [
        {
          reason: 'required',
          field: 'action',
          message:
            'action is required: one of identify, delete, event, screen, page, add_relationships, delete_relationships, add_device, delete_device, merge, suppress, unsuppress, viewed_content, clicked_content for person operations.'
        }
      ]
    ],
    [
      'an action the type does not allow',
      { ...object, action: 'event' },
      [
        {
          reason: 'invalid',
          field: 'action',
          message:
            'action must be one of identify, identify_anonymous, delete, add_relationships, delete_relationships for object operations.'
        }
      ]
    ],
    [
      'a delivery action other than event',
      { ...delivery, action: 'identify' },
      [{ reason: 'invalid', field: 'action', message: 'action must be one of event for delivery operations.' }]
    ],
    [
      'missing identifiers',
      { type: 'person', action: 'delete' },
      [
        {
          reason: 'required',
          field: 'identifiers',
          message: 'identifiers is required: one of id, email, cio_id, anonymous_id.'
        }
      ]
    ],
    [
      'empty identifiers',
      { type: 'person', action: 'delete', identifiers: {} },
      [
        {
          reason: 'required',
          field: 'identifiers',
          message: 'identifiers needs one of id, email, cio_id, anonymous_id.'
        }
      ]
    ],
    [
      'two identifiers',
      { type: 'person', action: 'delete', identifiers: { id: 'u-1', email: 'a@b.c' } },
      [
        {
          reason: 'invalid',
          field: 'identifiers',
          message: 'identifiers must hold exactly one identifier; got id and email.'
        }
      ]
    ],
    [
      'an unsupported identifier',
      { type: 'person', action: 'delete', identifiers: { phone: '+15550100' } },
      [
        {
          reason: 'invalid',
          field: 'identifiers',
          message: 'identifiers accepts only id, email, cio_id, anonymous_id; got phone.'
        }
      ]
    ],
    [
      'an empty id',
      { type: 'person', action: 'delete', identifiers: { id: '' } },
      [{ reason: 'invalid', field: 'identifiers.id', message: 'identifiers.id must be a non-empty string.' }]
    ],
    [
      'a numeric id',
      { type: 'person', action: 'delete', identifiers: { id: 42 } },
      [{ reason: 'invalid', field: 'identifiers.id', message: 'identifiers.id must be a non-empty string.' }]
    ],
    [
      'a person id over 150 bytes',
      { type: 'person', action: 'delete', identifiers: { id: repeatX(151) } },
      [
        {
          reason: 'too_large',
          field: 'identifiers.id',
          message: 'identifiers.id is 151 bytes; ids can be at most 150 bytes.'
        }
      ]
    ],
    [
      'an event without a name',
      { ...person, action: 'event' },
      [{ reason: 'required', field: 'name', message: 'name is required.' }]
    ],
    [
      'an event name over 100 bytes',
      { ...person, action: 'event', name: repeatX(101) },
      [{ reason: 'too_large', field: 'name', message: 'name is 101 bytes; event names can be at most 100 bytes.' }]
    ],
    [
      'a page name that is not a string',
      { ...person, action: 'page', name: 42 },
      [{ reason: 'invalid', field: 'name', message: 'name must be string, not 42.' }]
    ],
    [
      'a screen without a name',
      { ...person, action: 'screen' },
      [{ reason: 'required', field: 'name', message: 'name is required.' }]
    ],
    [
      'an event id that is not a string',
      { ...person, action: 'event', name: 'x', id: 7 },
      [{ reason: 'invalid', field: 'id', message: 'id must be string, not 7.' }]
    ],
    [
      'a string timestamp',
      { ...person, action: 'identify', timestamp: '1712345678' },
      [{ reason: 'invalid', field: 'timestamp', message: 'timestamp must be integer, not a string.' }]
    ],
    [
      'an ISO timestamp on an event',
      { ...person, action: 'event', name: 'x', timestamp: '2026-01-01T00:00:00Z' },
      [{ reason: 'invalid', field: 'timestamp', message: 'timestamp must be integer, not a string.' }]
    ],
    [
      'add_device without a device',
      { ...person, action: 'add_device' },
      [{ reason: 'required', field: 'device', message: 'device is required.' }]
    ],
    [
      'add_device without token and platform',
      { ...person, action: 'add_device', device: {} },
      [
        { reason: 'required', field: 'device.token', message: 'device.token is required.' },
        { reason: 'required', field: 'device.platform', message: 'device.platform is required.' }
      ]
    ],
    [
      'a string device.last_used',
      { ...person, action: 'add_device', device: { token: 't', platform: 'ios', last_used: '1712345678' } },
      [
        {
          reason: 'invalid',
          field: 'device.last_used',
          message: 'device.last_used must be integer, not a string.'
        }
      ]
    ],
    [
      'a decimal timestamp',
      { ...person, action: 'event', name: 'x', timestamp: 1712345678.123 },
      [{ reason: 'invalid', field: 'timestamp', message: 'timestamp must be integer, not 1712345678.123.' }]
    ],
    [
      'a device of another platform, with a number among its attributes',
      { ...person, action: 'add_device', device: { token: 't', platform: 'iOS', attributes: { build: 321 } } },
      [
        {
          reason: 'invalid',
          field: 'device.platform',
          message: 'device.platform must be one of ios, android, not "iOS".'
        },
        {
          reason: 'invalid',
          field: 'device.attributes.build',
          message: 'device.attributes.build must be string, not 321.'
        }
      ]
    ],
    [
      'delete_device without a token',
      { ...person, action: 'delete_device', device: {} },
      [{ reason: 'required', field: 'device.token', message: 'device.token is required.' }]
    ],
    [
      'add_relationships without cio_relationships',
      { ...person, action: 'add_relationships' },
      [{ reason: 'required', field: 'cio_relationships', message: 'cio_relationships is required: a non-empty array.' }]
    ],
    [
      'delete_relationships with an empty array',
      { ...object, action: 'delete_relationships', cio_relationships: [] },
      [{ reason: 'invalid', field: 'cio_relationships', message: 'cio_relationships must not be empty.' }]
    ],
    [
      'a person relationship that names a person',
      { ...person, action: 'identify', cio_relationships: [{ identifiers: { id: 'u-2' } }] },
      [
        {
          reason: 'invalid',
          field: 'cio_relationships.0.identifiers',
          message: 'cio_relationships.0.identifiers accepts object_type_id and object_id, or cio_object_id; got id.'
        }
      ]
    ],
    [
      'an identify_anonymous relationship that names a known person',
      { ...object, action: 'identify_anonymous', cio_relationships: [{ identifiers: { id: 'u-1' } }] },
      [
        {
          reason: 'invalid',
          field: 'cio_relationships.0.identifiers',
          message: 'cio_relationships.0.identifiers accepts only anonymous_id; got id.'
        }
      ]
    ],
    [
      'a relationship attribute over 1,000 bytes',
      {
        ...object,
        action: 'add_relationships',
        cio_relationships: [{ identifiers: { id: 'u-1' }, relationship_attributes: { note: repeatX(1001) } }]
      },
      [
        {
          reason: 'too_large',
          field: 'cio_relationships.0.relationship_attributes.note',
          message:
            'cio_relationships.0.relationship_attributes.note is 1001 bytes; attribute values can be at most 1000 bytes.'
        }
      ]
    ],
    [
      'merge with identifiers and an anonymous secondary',
      {
        type: 'person',
        action: 'merge',
        identifiers: { id: 'u-1' },
        primary: { id: 'u-1' },
        secondary: { anonymous_id: 'a-1' }
      },
      [
        { reason: 'invalid', field: 'identifiers', message: 'merge takes primary and secondary, not identifiers.' },
        {
          reason: 'invalid',
          field: 'secondary',
          message: 'secondary accepts only id, email, cio_id; got anonymous_id.'
        }
      ]
    ],
    [
      'merge without primary',
      { type: 'person', action: 'merge', secondary: { id: 'u-2' } },
      [{ reason: 'required', field: 'primary', message: 'primary is required: one of id, email, cio_id.' }]
    ],
    [
      'object identify by cio_object_id',
      { type: 'object', action: 'identify', identifiers: { cio_object_id: 'o-1' } },
      [
        {
          reason: 'invalid',
          field: 'identifiers',
          message:
            'identifiers needs object_type_id and object_id here: cio_object_id can only update an existing object.'
        }
      ]
    ],
    [
      'object identifiers in both forms',
      { type: 'object', action: 'delete', identifiers: { cio_object_id: 'o-1', object_id: 'acme' } },
      [
        {
          reason: 'invalid',
          field: 'identifiers',
          message: 'identifiers must hold either object_type_id and object_id, or cio_object_id alone.'
        }
      ]
    ],
    [
      'an object_type_id of "0"',
      { ...object, action: 'delete', identifiers: { object_type_id: '0', object_id: 'acme' } },
      [
        {
          reason: 'invalid',
          field: 'identifiers.object_type_id',
          message: 'identifiers.object_type_id must be a string of digits holding an integer of 1 or more.'
        }
      ]
    ],
    [
      'a numeric object_type_id',
      { ...object, action: 'delete', identifiers: { object_type_id: 1, object_id: 'acme' } },
      [
        {
          reason: 'invalid',
          field: 'identifiers.object_type_id',
          message: 'identifiers.object_type_id must be a string of digits holding an integer of 1 or more.'
        }
      ]
    ],
    [
      'an object without object_id',
      { type: 'object', action: 'delete', identifiers: { object_type_id: '1' } },
      [{ reason: 'required', field: 'identifiers.object_id', message: 'identifiers.object_id is required.' }]
    ],
    [
      'an object id over 150 bytes',
      { type: 'object', action: 'delete', identifiers: { object_type_id: '1', object_id: repeatX(151) } },
      [
        {
          reason: 'too_large',
          field: 'identifiers.object_id',
          message: 'identifiers.object_id is 151 bytes; ids can be at most 150 bytes.'
        }
      ]
    ],
    [
      'a delivery without a device token',
      { ...delivery },
      [{ reason: 'required', field: 'attributes', message: 'attributes is required.' }]
    ],
    [
      'a delivery with an unknown metric and no id',
      { type: 'delivery', action: 'event', identifiers: {}, name: 'clicked', attributes: { device_token: 't' } },
      [
        { reason: 'required', field: 'identifiers.id', message: 'identifiers.id is required.' },
        {
          reason: 'invalid',
          field: 'name',
          message: 'name must be one of opened, converted, delivered, not "clicked".'
        }
      ]
    ],
    [
      'an attribute name over 150 bytes',
      { ...person, action: 'identify', attributes: { [repeatX(151)]: 1 } },
      [
        {
          reason: 'too_large',
          field: `attributes.${repeatX(151)}`,
          message: `The attribute name at attributes.${repeatX(151)} is 151 bytes; names can be at most 150 bytes.`
        }
      ]
    ],
    [
      'a string attribute over 1,000 bytes',
      { ...person, action: 'identify', attributes: { plan: repeatX(1001) } },
      [
        {
          reason: 'too_large',
          field: 'attributes.plan',
          message: 'attributes.plan is 1001 bytes; attribute values can be at most 1000 bytes.'
        }
      ]
    ],
    [
      'a multi-byte attribute over 1,000 bytes',
      { ...object, action: 'identify', attributes: { name: 'é'.repeat(501) } },
      [
        {
          reason: 'too_large',
          field: 'attributes.name',
          message: 'attributes.name is 1002 bytes; attribute values can be at most 1000 bytes.'
        }
      ]
    ],
    [
      'an array attribute over 1,000 bytes as JSON',
      { ...person, action: 'identify', attributes: { tags: Array.from({ length: 250 }, () => 'abc') } },
      [
        {
          reason: 'too_large',
          field: 'attributes.tags',
          message: 'attributes.tags is 1501 bytes; attribute values can be at most 1000 bytes.'
        }
      ]
    ],
    [
      '301 attributes',
      {
        ...person,
        action: 'identify',
        attributes: Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`a${i}`, i]))
      },
      [{ reason: 'too_large', field: 'attributes', message: 'attributes has 301 attributes; at most 300 are allowed.' }]
    ],
    [
      'attributes that are not an object',
      { ...person, action: 'identify', attributes: ['plan'] },
      [{ reason: 'invalid', field: 'attributes', message: 'attributes must be an object.' }]
    ],
    [
      'several problems at once',
      { type: 'person', action: 'event', identifiers: { id: 'u-1', anonymous_id: 'a-1' }, timestamp: 'now' },
      [
        {
          reason: 'invalid',
          field: 'identifiers',
          message: 'identifiers must hold exactly one identifier; got id and anonymous_id.'
        },
        { reason: 'required', field: 'name', message: 'name is required.' },
        { reason: 'invalid', field: 'timestamp', message: 'timestamp must be integer, not a string.' }
      ]
    ]
  ])('rejects %s', (_name, item, expected) => {
    expect(validateItem(item)).toEqual(expected)
  })

  it('rejects an item over 32,000 bytes with its size alone', () => {
    const item = { ...person, action: 'event', name: 'x', attributes: { blob: repeatX(32_000) } }
    const bytes = Buffer.byteLength(JSON.stringify(item))
    expect(validateItem(item)).toEqual([{ reason: 'too_large', field: 'item', message: itemTooLargeMessage(bytes) }])
  })

  it('names the batch index on every error of a batch item', () => {
    expect(validateItem({ type: 'person', action: 'add_device', identifiers: { id: 'u-1' }, device: {} }, 3)).toEqual([
      { batch_index: 3, reason: 'required', field: 'device.token', message: 'device.token is required.' },
      { batch_index: 3, reason: 'required', field: 'device.platform', message: 'device.platform is required.' }
    ])
  })
})
