import { fixedEvent } from '../__helpers__/destination'
import { describeItemsForEachPath } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'

const group = (groupId: string | undefined, userId: string | null, anonymousId: string | null, traits = {}) =>
  fixedEvent({ type: 'group', groupId, userId, anonymousId, traits })

const ACME_TRAITS = {
  objectTypeId: '2',
  createdAt: '2023-11-14T22:13:20.000Z',
  objectAttributes: { name: 'Acme', seats: 50, renewed_at: '2024-09-01T00:00:00Z' },
  relationshipAttributes: { role: 'admin', since: '2024-08-14T20:36:48Z' }
}

describeItemsForEachPath('createUpdateObject', [
  {
    name: 'identifies the object and relates the person of the user id, with both sets of attributes',
    event: group('acme', 'u-123', 'a-9f2', ACME_TRAITS),
    expected: {
      type: 'object',
      action: 'identify',
      identifiers: { object_type_id: '2', object_id: 'acme' },
      attributes: { name: 'Acme', seats: 50, renewed_at: 1725148800, created_at: 1700000000 },
      cio_relationships: [
        { identifiers: { id: 'u-123' }, relationship_attributes: { role: 'admin', since: 1723667808 } }
      ]
    }
  },
  {
    name: 'no user id: identify_anonymous, related to the anonymous id',
    event: group('acme', null, 'a-9f2', { objectAttributes: { name: 'Acme' } }),
    expected: {
      type: 'object',
      action: 'identify_anonymous',
      identifiers: { object_type_id: '1', object_id: 'acme' },
      attributes: { name: 'Acme' },
      cio_relationships: [{ identifiers: { anonymous_id: 'a-9f2' } }]
    }
  },
  {
    name: 'a blank user id counts as none: identify_anonymous, related to the anonymous id, not refused',
    event: group('acme', '  ', 'a-9f2', { objectAttributes: { name: 'Acme' } }),
    expected: {
      type: 'object',
      action: 'identify_anonymous',
      identifiers: { object_type_id: '1', object_id: 'acme' },
      attributes: { name: 'Acme' },
      cio_relationships: [{ identifiers: { anonymous_id: 'a-9f2' } }]
    }
  },
  {
    name: 'blank user and anonymous ids count as none: the object alone, not refused',
    event: group('acme', '  ', ' ', { objectAttributes: { name: 'Acme' } }),
    expected: {
      type: 'object',
      action: 'identify',
      identifiers: { object_type_id: '1', object_id: 'acme' },
      attributes: { name: 'Acme' }
    }
  },
  {
    name: 'a cio_ user id relates by cio_id; convert_timestamp off still converts created_at',
    event: group('acme', 'cio_a3000001', null, { object_type_id: '3', created_at: '2024-01-01T00:00:00Z' }),
    mapping: { convert_timestamp: false },
    expected: {
      type: 'object',
      action: 'identify',
      identifiers: { object_type_id: '3', object_id: 'acme' },
      attributes: { created_at: 1704067200 },
      cio_relationships: [{ identifiers: { cio_id: 'a3000001' } }]
    }
  },
  {
    name: "traits mapped as the attributes: Segment's object_type_id, objectTypeId and relationshipAttributes are removed",
    event: group('acme', 'u-1', null, {
      name: 'Acme',
      founded: '1999-05-01',
      object_type_id: '2',
      objectTypeId: '2',
      relationshipAttributes: { role: 'admin' }
    }),
    mapping: { custom_attributes: { '@path': '$.traits' } },
    expected: {
      type: 'object',
      action: 'identify',
      identifiers: { object_type_id: '2', object_id: 'acme' },
      attributes: { name: 'Acme', founded: 925516800 },
      cio_relationships: [{ identifiers: { id: 'u-1' }, relationship_attributes: { role: 'admin' } }]
    }
  },
  {
    name: 'neither a user id nor an anonymous id: the object alone, no relationship',
    event: group('acme', null, null, { objectAttributes: { name: 'Acme' } }),
    expected: {
      type: 'object',
      action: 'identify',
      identifiers: { object_type_id: '1', object_id: 'acme' },
      attributes: { name: 'Acme' }
    }
  }
])

describe('createUpdateObject', () => {
  describeRequiredFields('createUpdateObject', [{ field: 'id', event: group(undefined, 'u-123', 'a-9f2') }])

  const identified = (objectId: string, user: string) => ({
    type: 'object' as const,
    action: 'identify' as const,
    identifiers: { object_type_id: '1', object_id: objectId },
    cio_relationships: [{ identifiers: { id: user } }]
  })
  const anonymous = (objectId: string, anonymousId: string) => ({
    type: 'object' as const,
    action: 'identify_anonymous' as const,
    identifiers: { object_type_id: '1', object_id: objectId },
    cio_relationships: [{ identifiers: { anonymous_id: anonymousId } }]
  })
  const payload = (objectId: string, user: string | undefined, anonymousId: string) => ({
    id: objectId,
    ...(user ? { user_id: user } : {}),
    anonymous_id: anonymousId,
    convert_timestamp: true,
    enable_batching: true,
    batch_size: 50
  })

  it('gives every event of a mixed batch its own outcome', async () => {
    const result = await executeBatchExpecting(
      'createUpdateObject',
      [group('acme', 'u-1', 'a-1'), group(undefined, 'u-2', 'a-2'), group('globex', 'u-3', 'a-3')],
      [identified('acme', 'u-1'), identified('globex', 'u-3')],
      {
        status: 207,
        body: {
          errors: [{ batch_index: 1, reason: 'invalid', field: 'cio_relationships', message: 'person not found' }]
        }
      }
    )
    expect(result).toEqual([
      { status: 200, sent: identified('acme', 'u-1'), body: payload('acme', 'u-1', 'a-1') },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'id'.",
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'person not found (field cio_relationships)',
        errorreporter: 'DESTINATION',
        sent: identified('globex', 'u-3'),
        body: payload('globex', 'u-3', 'a-3')
      }
    ])
  })

  it('sends identify and identify_anonymous items in one request, each outcome at its own index', async () => {
    const result = await executeBatchExpecting(
      'createUpdateObject',
      [group('acme', null, 'a-1'), group('globex', 'u-2', 'a-2'), group('initech', null, 'a-3')],
      [anonymous('acme', 'a-1'), identified('globex', 'u-2'), anonymous('initech', 'a-3')],
      {
        status: 207,
        body: {
          errors: [{ batch_index: 2, reason: 'invalid', field: 'identifiers', message: 'object type 1 is archived' }]
        }
      }
    )
    expect(result).toEqual([
      { status: 200, sent: anonymous('acme', 'a-1'), body: payload('acme', undefined, 'a-1') },
      { status: 200, sent: identified('globex', 'u-2'), body: payload('globex', 'u-2', 'a-2') },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'object type 1 is archived (field identifiers)',
        errorreporter: 'DESTINATION',
        sent: anonymous('initech', 'a-3'),
        body: payload('initech', undefined, 'a-3')
      }
    ])
  })
})
