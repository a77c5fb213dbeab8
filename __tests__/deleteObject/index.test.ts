import { fixedEvent, US, newTestDestination } from '../__helpers__/destination'
import { describeItemsForEachPath, mappingFor } from '../__helpers__/runner'
import { executeBatchExpecting } from '../__helpers__/batch-outcomes'

const objectDeleted = (properties: Record<string, string>) =>
  fixedEvent({ type: 'track', event: 'Object Deleted', userId: 'u-123', properties })

const deleteObject = (object_type_id: string, object_id: string) => ({
  type: 'object' as const,
  action: 'delete' as const,
  identifiers: { object_type_id, object_id }
})

describeItemsForEachPath('deleteObject', [
  {
    name: 'deletes the object named by objectId and objectTypeId',
    event: objectDeleted({ objectId: 'acme', objectTypeId: '2' }),
    expected: deleteObject('2', 'acme')
  },
  {
    name: 'object_type_id wins over objectTypeId',
    event: objectDeleted({ objectId: 'acme', object_type_id: '3', objectTypeId: '2' }),
    expected: deleteObject('3', 'acme')
  },
  {
    name: 'without an object type the type is "1"',
    event: objectDeleted({ objectId: 'acme' }),
    expected: deleteObject('1', 'acme')
  }
])

describe('deleteObject', () => {
  it('rejects an event without objectId before sending anything', async () => {
    const testDestination = newTestDestination()
    await expect(
      testDestination.testAction('deleteObject', {
        event: objectDeleted({ objectTypeId: '2' }),
        settings: US.settings,
        mapping: mappingFor('deleteObject')
      })
    ).rejects.toMatchObject({
      name: 'PayloadValidationError',
      message: 'The object has no identifier: object_id has no value.'
    })
    expect(testDestination.responses).toEqual([])
  })

  it('gives every event of a mixed batch its own outcome', async () => {
    const result = await executeBatchExpecting(
      'deleteObject',
      [
        objectDeleted({ objectId: 'acme' }),
        objectDeleted({ objectTypeId: '2' }),
        objectDeleted({ objectId: 'globex' })
      ],
      [deleteObject('1', 'acme'), deleteObject('1', 'globex')],
      { status: 207, body: { errors: [{ batch_index: 1, reason: 'not_found', message: 'object globex not found' }] } }
    )
    expect(result).toEqual([
      {
        status: 200,
        sent: deleteObject('1', 'acme'),
        body: { object_id: 'acme', enable_batching: true, batch_size: 50 }
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'The object has no identifier: object_id has no value.',
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'BAD_REQUEST',
        errormessage: 'object globex not found',
        errorreporter: 'DESTINATION',
        sent: deleteObject('1', 'globex'),
        body: { object_id: 'globex', enable_batching: true, batch_size: 50 }
      }
    ])
  })
})
