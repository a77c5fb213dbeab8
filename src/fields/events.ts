import type { InputField } from '@segment/actions-core'

export const event_id: InputField = {
  label: 'Event ID',
  description: 'An id that Customer.io uses to drop duplicates of the same event.',
  type: 'string',
  default: { '@path': '$.messageId' }
}

export const data: InputField = {
  label: 'Event attributes',
  description: 'Properties of the event, stored with it in Customer.io.',
  type: 'object',
  default: { '@path': '$.properties' }
}
