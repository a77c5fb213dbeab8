import type { InputField } from '@segment/actions-core'

export const timestamp: InputField = {
  label: 'Timestamp',
  description:
    'When the event happened. ISO-8601 dates are sent as unix seconds; numbers and unix-second strings are sent as they are.',
  type: 'string',
  default: { '@path': '$.timestamp' }
}

export const convert_timestamp: InputField = {
  label: 'Convert timestamps',
  description: 'Convert ISO-8601 date-times anywhere in the attributes to unix seconds, as Customer.io stores dates.',
  type: 'boolean',
  default: true
}

export const created_at: InputField = {
  label: 'Created at',
  description: 'When the person or object was created: a date, sent as unix seconds when timestamps are converted.',
  type: 'string',
  default: {
    '@if': {
      exists: { '@path': '$.traits.created_at' },
      then: { '@path': '$.traits.created_at' },
      else: { '@path': '$.traits.createdAt' }
    }
  }
}
