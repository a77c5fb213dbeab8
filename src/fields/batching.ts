import type { InputField } from '@segment/actions-core'

// The platform reads these two from the resolved mapping to build batches. They are never sent to Customer.io.

export const enable_batching: InputField = {
  label: 'Batch events',
  description:
    'Send events to Customer.io in batches (one request to /api/v2/batch per batch), with an outcome per event.',
  type: 'boolean',
  default: true
}

export const batch_size: InputField = {
  label: 'Batch size',
  description: 'The most events Segment puts in one batch. Batches over 500,000 bytes are split into several requests.',
  type: 'number',
  required: false,
  default: 50,
  minimum: 2,
  maximum: 100
}
