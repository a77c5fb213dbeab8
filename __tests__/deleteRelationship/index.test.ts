import { fixedEvent } from '../__helpers__/destination'
import { describeItemsForEachPath } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'
import type { PersonIdentifiers } from '../../src/track-api/types'

const relationshipDeleted = (userId: string | null, properties: Record<string, string>) =>
  fixedEvent({ type: 'track', event: 'Relationship Deleted', userId, anonymousId: 'a-9f2', properties })

const unrelate = (object_type_id: string, object_id: string, person: PersonIdentifiers) => ({
  type: 'object' as const,
  action: 'delete_relationships' as const,
  identifiers: { object_type_id, object_id },
  cio_relationships: [{ identifiers: person }]
})

describeItemsForEachPath('deleteRelationship', [
  {
    name: 'removes the relationship between the object and the person of the user id',
    event: relationshipDeleted('u-123', { objectId: 'acme', objectTypeId: '2' }),
    expected: unrelate('2', 'acme', { id: 'u-123' })
  },
  {
    name: 'an email-shaped user id relates by email; object_type_id wins over objectTypeId',
    event: relationshipDeleted('ana@example.com', { objectId: 'acme', object_type_id: '3', objectTypeId: '2' }),
    expected: unrelate('3', 'acme', { email: 'ana@example.com' })
  },
  {
    name: 'a blank person id falls back to the anonymous id; the object type defaults to "1"',
    event: relationshipDeleted('u-123', { objectId: 'acme' }),
    mapping: { person_id: ' ' },
    expected: unrelate('1', 'acme', { anonymous_id: 'a-9f2' })
  }
])

describe('deleteRelationship', () => {
  describeRequiredFields('deleteRelationship', [
    { field: 'person_id', event: relationshipDeleted(null, { objectId: 'acme' }) },
    { field: 'object_id', event: relationshipDeleted('u-123', { objectTypeId: '2' }) }
  ])

  it('gives every event of a mixed batch its own outcome', async () => {
    const payload = (user: string, objectId: string) => ({
      person_id: user,
      anonymous_id: 'a-9f2',
      object_id: objectId,
      enable_batching: true,
      batch_size: 50
    })
    const result = await executeBatchExpecting(
      'deleteRelationship',
      [
        relationshipDeleted('u-1', { objectId: 'acme' }),
        relationshipDeleted('u-2', {}),
        relationshipDeleted('u-3', { objectId: 'globex' })
      ],
      [unrelate('1', 'acme', { id: 'u-1' }), unrelate('1', 'globex', { id: 'u-3' })],
      {
        status: 207,
        body: { errors: [{ batch_index: 1, reason: 'invalid', field: 'identifiers', message: 'object not found' }] }
      }
    )
    expect(result).toEqual([
      { status: 200, sent: unrelate('1', 'acme', { id: 'u-1' }), body: payload('u-1', 'acme') },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'object_id'.",
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'object not found (field identifiers)',
        errorreporter: 'DESTINATION',
        sent: unrelate('1', 'globex', { id: 'u-3' }),
        body: payload('u-3', 'globex')
      }
    ])
  })
})
