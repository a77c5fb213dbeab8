import { fixedEvent } from '../__helpers__/destination'
import { describeItemsForEachPath } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'

const userSuppressed = (userId: string | null) =>
  fixedEvent({ type: 'track', event: 'User Suppressed', userId, properties: { reason: 'spam complaint' } })

const suppressItem = (identifiers: { id: string } | { email: string } | { cio_id: string }) => ({
  type: 'person' as const,
  action: 'suppress' as const,
  identifiers
})

describeItemsForEachPath('suppressPerson', [
  {
    name: 'suppresses the person named by the user id',
    event: userSuppressed('u-123'),
    expected: suppressItem({ id: 'u-123' })
  },
  {
    name: 'an email-shaped user id is sent as email',
    event: userSuppressed('ana@example.com'),
    expected: suppressItem({ email: 'ana@example.com' })
  },
  {
    name: 'a cio_ user id is sent as cio_id without its prefix',
    event: userSuppressed('cio_a3000001'),
    expected: suppressItem({ cio_id: 'a3000001' })
  }
])

describe('suppressPerson', () => {
  describeRequiredFields('suppressPerson', [{ field: 'person_id', event: userSuppressed(null) }])

  it('gives every event of a mixed batch its own outcome', async () => {
    const result = await executeBatchExpecting(
      'suppressPerson',
      [userSuppressed('u-1'), userSuppressed(null), userSuppressed('u-3')],
      [suppressItem({ id: 'u-1' }), suppressItem({ id: 'u-3' })],
      {
        status: 207,
        body: { errors: [{ batch_index: 1, reason: 'not_found', message: 'person u-3 is already suppressed' }] }
      }
    )
    expect(result).toEqual([
      {
        status: 200,
        sent: suppressItem({ id: 'u-1' }),
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
        errormessage: 'person u-3 is already suppressed',
        errorreporter: 'DESTINATION',
        sent: suppressItem({ id: 'u-3' }),
        body: { person_id: 'u-3', enable_batching: true, batch_size: 50 }
      }
    ])
  })
})
