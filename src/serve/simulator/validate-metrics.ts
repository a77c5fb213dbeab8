// Pure: the messages of a v1 /api/v1/metrics 400 (`{ meta: { errors } }`), empty when the body is valid under
// Customer.io's OpenAPI document (track-api.md §1.7).
import { validateSpecRequest } from './validate-spec'

export function validateMetrics(body: unknown): string[] {
  return validateSpecRequest('/api/v1/metrics', body).map((error) => String(error.message))
}
