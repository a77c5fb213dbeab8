import { fixedEvent } from '../__helpers__/destination'
import { describeItemsForEachPath } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'

const userDeleted = (userId: string | null) =>
  fixedEvent({ type: 'track', event: 'User Deleted', userId, properties: { reason: 'account closed' } })

const deleteItem = (identifiers: { id: string } | { email: string } | { cio_id: string }) => ({
  type: 'person' as const,
  action: 'delete' as const,
  identifiers
})

describeItemsForEachPath('deletePerson', [
  {
    name: 'deletes the person named by the user id',
    event: userDeleted('u-123'),
    expected: deleteItem({ id: 'u-123' })
  },
  {
    name: 'an email-shaped user id is sent as email',
    event: userDeleted('ana@example.com'),
    expected: deleteItem({ email: 'ana@example.com' })
  },
  {
    name: 'a cio_ user id is sent as cio_id without its prefix',
    event: userDeleted('cio_a3000001'),
    expected: deleteItem({ cio_id: 'a3000001' })
  }
])

describe('deletePerson', () => {
  describeRequiredFields('deletePerson', [{ field: 'person_id', event: userDeleted(null) }])

  it('gives every event of a mixed batch its own outcome', async () => {
    const result = await executeBatchExpecting(
      'deletePerson',
      [userDeleted('u-1'), userDeleted(null), userDeleted('u-3')],
      [deleteItem({ id: 'u-1' }), deleteItem({ id: 'u-3' })],
      { status: 207, body: { errors: [{ batch_index: 1, reason: 'not_found', message: 'person u-3 not found' }] } }
    )
    expect(result).toEqual([
      {
        status: 200,
        sent: deleteItem({ id: 'u-1' }),
        body: { person_id: 'u-1', enable_batching: true, batch_size: 50 }
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'person_id'.",
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'BAD_REQUEST',
        errormessage: 'person u-3 not found',
        errorreporter: 'DESTINATION',
        sent: deleteItem({ id: 'u-3' }),
        body: { person_id: 'u-3', enable_batching: true, batch_size: 50 }
      }
    ])
  })
})
