// Pure: the messages of a v1 /api/v1/metrics 400 (`{ meta: { errors } }`), empty when the body is valid (§1.7).
import { isJsonObject, isNonEmptyString } from './validate-fields'

export const METRICS = [
  'delivered',
  'opened',
  'clicked',
  'converted',
  'spammed',
  'bounced',
  'dropped',
  'deferred'
] as const

const OPTIONAL_STRING_FIELDS = ['recipient', 'reason', 'href'] as const

export function validateMetrics(body: unknown): string[] {
  if (!isJsonObject(body)) return ['The body must be a JSON object.']
  const errors: string[] = []
  if (!isNonEmptyString(body.delivery_id)) errors.push('delivery_id is required and must be a non-empty string.')
  if (body.metric === undefined) errors.push(`metric is required: one of ${METRICS.join(', ')}.`)
  else if (!(METRICS as readonly unknown[]).includes(body.metric)) {
    errors.push(`metric must be one of ${METRICS.join(', ')}.`)
  }
  if (body.timestamp !== undefined && !Number.isInteger(body.timestamp)) {
    errors.push('timestamp must be an integer of unix seconds.')
  }
  for (const field of OPTIONAL_STRING_FIELDS) {
    if (body[field] !== undefined && typeof body[field] !== 'string') errors.push(`${field} must be a string.`)
  }
  return errors
}
