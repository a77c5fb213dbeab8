// The answers the simulator sends, as plain data: a status, headers and a body already encoded as text.
import type { TrackApiError } from '../../track-api/types'

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'
export const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8'

/** The body of every 401: the one public example of Customer.io's answer (track-api.md §1.5). */
export const UNAUTHORIZED_BODY = { meta: { error: 'Unauthorized request' } }

export interface SimResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** /api/v2/batch only: every per-item error the validation found, so a fault can reshape the answer. */
  errors?: TrackApiError[]
}

export function buildJsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(value) }
}

/** A v2 whole-request error: `{ errors: [{ reason, field, message }] }`. */
export function buildErrorResponse(status: number, reason: string, field: string, message: string): SimResponse {
  return buildJsonResponse(status, { errors: [{ reason, field, message }] })
}

/** A v1 error: `{ meta: { errors: [...] } }`. */
export function buildMetaErrorResponse(status: number, messages: string[]): SimResponse {
  return buildJsonResponse(status, { meta: { errors: messages } })
}

export function buildUnauthorizedResponse(): SimResponse {
  return buildJsonResponse(401, UNAUTHORIZED_BODY)
}

export function buildNotFoundResponse(method: string, path: string): SimResponse {
  return buildErrorResponse(404, 'not_found', 'path', `The simulator has no route for ${method} ${path}.`)
}
