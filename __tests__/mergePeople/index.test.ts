import { fixedEvent } from '../__helpers__/destination'
import { describeItemsForEachPath } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'

const alias = (userId: string | null, previousId?: string) => fixedEvent({ type: 'alias', userId, previousId })

describeItemsForEachPath('mergePeople', [
  {
    name: 'sends root-level primary and secondary, no identifiers',
    event: alias('u-123', 'u-old-9'),
    expected: { type: 'person', action: 'merge', primary: { id: 'u-123' }, secondary: { id: 'u-old-9' } }
  },
  {
    name: 'an email-shaped previous id is sent as email, a cio_ user id as cio_id',
    event: alias('cio_a3000001', 'ana@example.com'),
    expected: {
      type: 'person',
      action: 'merge',
      primary: { cio_id: 'a3000001' },
      secondary: { email: 'ana@example.com' }
    }
  }
])

describe('mergePeople', () => {
  describeRequiredFields('mergePeople', [
    { field: 'primary', event: alias(null, 'u-old-9') },
    { field: 'secondary', event: alias('u-123') }
  ])

  it('gives every event of a mixed batch its own outcome', async () => {
    const merge = (primary: string, secondary: string) => ({
      type: 'person' as const,
      action: 'merge' as const,
      primary: { id: primary },
      secondary: { id: secondary }
    })
    const result = await executeBatchExpecting(
      'mergePeople',
      [alias('u-1', 'old-1'), alias('u-2'), alias('u-3', 'old-3')],
      [merge('u-1', 'old-1'), merge('u-3', 'old-3')],
      {
        status: 207,
        body: {
          errors: [
            { batch_index: 1, reason: 'invalid', field: 'primary', message: 'the primary person does not exist' }
          ]
        }
      }
    )
    expect(result).toEqual([
      {
        status: 200,
        sent: merge('u-1', 'old-1'),
        body: { primary: 'u-1', secondary: 'old-1', enable_batching: true, batch_size: 50 }
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'secondary'.",
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'the primary person does not exist',
        errorreporter: 'DESTINATION',
        sent: merge('u-3', 'old-3'),
        body: { primary: 'u-3', secondary: 'old-3', enable_batching: true, batch_size: 50 }
      }
    ])
  })
})
