import type { InputField } from '@segment/actions-core'

/** The push token of a mobile device: Customer.io's device id. */
export const device_id: InputField = {
  label: 'Device token',
  description: 'The push token of the mobile device, which Customer.io uses as the id of the device.',
  type: 'string',
  required: true,
  default: { '@path': '$.context.device.token' }
}
