import { fixedEvent } from '../__helpers__/destination'
import { describeItemsForEachPath } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'

const userUnsuppressed = (userId: string | null) =>
  fixedEvent({ type: 'track', event: 'User Unsuppressed', userId, properties: { reason: 'support request' } })

const unsuppressItem = (identifiers: { id: string } | { email: string } | { cio_id: string }) => ({
  type: 'person' as const,
  action: 'unsuppress' as const,
  identifiers
})

describeItemsForEachPath('unsuppressPerson', [
  {
    name: 'lifts the suppression of the person named by the user id',
    event: userUnsuppressed('u-123'),
    expected: unsuppressItem({ id: 'u-123' })
  },
  {
    name: 'an email-shaped user id is sent as email',
    event: userUnsuppressed('ana@example.com'),
    expected: unsuppressItem({ email: 'ana@example.com' })
  },
  {
    name: 'a cio_ user id is sent as cio_id without its prefix',
    event: userUnsuppressed('cio_a3000001'),
    expected: unsuppressItem({ cio_id: 'a3000001' })
  }
])

describe('unsuppressPerson', () => {
  describeRequiredFields('unsuppressPerson', [{ field: 'person_id', event: userUnsuppressed(null) }])

  it('gives every event of a mixed batch its own outcome', async () => {
    const result = await executeBatchExpecting(
      'unsuppressPerson',
      [userUnsuppressed('u-1'), userUnsuppressed(null), userUnsuppressed('u-3')],
      [unsuppressItem({ id: 'u-1' }), unsuppressItem({ id: 'u-3' })],
      {
        status: 207,
        body: { errors: [{ batch_index: 1, reason: 'not_found', message: 'person u-3 is not suppressed' }] }
      }
    )
    expect(result).toEqual([
      {
        status: 200,
        sent: unsuppressItem({ id: 'u-1' }),
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
        errormessage: 'person u-3 is not suppressed',
        errorreporter: 'DESTINATION',
        sent: unsuppressItem({ id: 'u-3' }),
        body: { person_id: 'u-3', enable_batching: true, batch_size: 50 }
      }
    ])
  })
})
