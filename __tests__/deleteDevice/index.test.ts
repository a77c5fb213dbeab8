import { fixedEvent } from '../__helpers__/destination'
import { describeItemsForEachPath } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'

const uninstalled = (userId: string | null, token?: string) =>
  fixedEvent({
    type: 'track',
    event: 'Application Uninstalled',
    userId,
    context: { device: { token, type: 'android' }, app: { version: '3.2.1' } },
    properties: {}
  })

const deleteDevice = (identifiers: { id: string } | { email: string }, token: string) => ({
  type: 'person' as const,
  action: 'delete_device' as const,
  identifiers,
  device: { token }
})

describeItemsForEachPath('deleteDevice', [
  {
    name: 'removes the device named by its token from the person',
    event: uninstalled('u-123', 'fcm-token-1'),
    expected: deleteDevice({ id: 'u-123' }, 'fcm-token-1')
  },
  {
    name: 'sends only the token, whatever else the device context holds',
    event: fixedEvent({
      type: 'track',
      event: 'Device Deleted',
      userId: 'ana@example.com',
      context: { device: { token: 'apns-token-2', type: 'ios', model: 'iPhone15,2' } },
      properties: { reason: 'logged out' }
    }),
    expected: deleteDevice({ email: 'ana@example.com' }, 'apns-token-2')
  }
])

describe('deleteDevice', () => {
  describeRequiredFields('deleteDevice', [
    { field: 'person_id', event: uninstalled(null, 'fcm-token-1') },
    { field: 'device_id', event: uninstalled('u-123') }
  ])

  it('gives every event of a mixed batch its own outcome', async () => {
    const result = await executeBatchExpecting(
      'deleteDevice',
      [uninstalled('u-1', 'token-1'), uninstalled('u-2'), uninstalled('u-3', 'token-3')],
      [deleteDevice({ id: 'u-1' }, 'token-1'), deleteDevice({ id: 'u-3' }, 'token-3')],
      {
        status: 207,
        body: { errors: [{ batch_index: 1, reason: 'invalid', field: 'device.token', message: 'unknown device' }] }
      }
    )
    expect(result).toEqual([
      {
        status: 200,
        sent: deleteDevice({ id: 'u-1' }, 'token-1'),
        body: { person_id: 'u-1', device_id: 'token-1', enable_batching: true, batch_size: 50 }
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'device_id'.",
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'unknown device (field device.token)',
        errorreporter: 'DESTINATION',
        sent: deleteDevice({ id: 'u-3' }, 'token-3'),
        body: { person_id: 'u-3', device_id: 'token-3', enable_batching: true, batch_size: 50 }
      }
    ])
  })
})
