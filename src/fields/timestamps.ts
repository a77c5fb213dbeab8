import type { InputField } from '@segment/actions-core'

export const timestamp: InputField = {
  label: 'Timestamp',
  description:
    'When the event happened, sent as integer unix seconds: ISO-8601 dates, other dates and unix seconds (a fraction is dropped). An event whose timestamp reads as no date fails.',
  type: 'string',
  default: { '@path': '$.timestamp' }
}

export const convert_timestamp: InputField = {
  label: 'Convert timestamps',
  description:
    'Convert ISO-8601 dates and date-times anywhere in the attributes to unix seconds, as Customer.io stores dates.',
  type: 'boolean',
  default: true
}

export const created_at: InputField = {
  label: 'Created at',
  description: 'When the person or object was created: unix seconds or an ISO-8601 date, sent as integer unix seconds.',
  type: 'string',
  default: {
    '@if': {
      exists: { '@path': '$.traits.created_at' },
      then: { '@path': '$.traits.created_at' },
      else: { '@path': '$.traits.createdAt' }
    }
  }
}
