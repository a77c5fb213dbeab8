// The Track routes: auth, size limits, validation, and what an accepted request does to the state.
// No sockets here: each handler takes the request's parts and returns the answer as data.
import { MAX_ITEM_BYTES, MAX_REQUEST_BYTES } from '../../track-api/limits'
import type { BatchItem, MetricsRequestBody, TrackApiError } from '../../track-api/types'
import { applyItem, deleteCustomer, recordMetric } from './apply-item'
import { checkAuthorization, isAuthorized, type Credentials } from './auth'
import type { SimulatorClock } from './campaign-window'
import type { RequestBody } from './request-body'
import {
  buildErrorResponse,
  buildJsonResponse,
  buildMetaErrorResponse,
  buildUnauthorizedResponse,
  type SimResponse
} from './responses'
import type { TrackRoute } from './match-route'
import { trimSimulatorState, type SimulatorState } from './state'
import { isJsonObject } from './validate-fields'
import { validateItem } from './validate-item'
import { validateMetrics } from './validate-metrics'

/** The regions an account can be in, as /api/v1/accounts/region spells them. */
export type SimulatedRegion = 'us' | 'eu'

export interface TrackContext {
  state: SimulatorState
  credentials: Credentials
  /** The simulator's own origin, which /api/v1/accounts/region reports as the host to use. */
  url: string
  /** The account's region, which /api/v1/accounts/region answers (default `us`). */
  accountRegion?: SimulatedRegion
  /** The largest /api/v2/batch body it accepts (default MAX_REQUEST_BYTES); larger ones get 413. */
  maxRequestBytes?: number
  /** The simulator's clock (default Date.now): what the campaign window is measured from. */
  now?: SimulatorClock
}

export function handleTrackRoute(
  route: TrackRoute,
  authorization: string | undefined,
  body: RequestBody,
  context: TrackContext
): SimResponse {
  const auth = checkAuthorization(authorization, context.credentials)
  if (!isAuthorized(auth, route.name === 'metrics')) return buildUnauthorizedResponse()
  const response = answerTrackRoute(route, body, context)
  trimSimulatorState(context.state)
  return response
}

function answerTrackRoute(route: TrackRoute, body: RequestBody, context: TrackContext): SimResponse {
  switch (route.name) {
    case 'entity':
      return handleEntity(body, context.state, context.now)
    case 'batch':
      return handleBatch(body, context.state, context.maxRequestBytes, context.now)
    case 'auth':
      return buildJsonResponse(200, {})
    case 'region':
      return buildJsonResponse(200, { url: context.url, region: context.accountRegion ?? 'us', environment_id: 1 })
    case 'metrics':
      return handleMetrics(body, context.state)
    case 'delete_customer':
      return handleDeleteCustomer(route.rawIdentifier, context.state)
  }
}

/** POST /api/v2/entity: one operation, 200 `{}` or 400 with its errors. */
export function handleEntity(body: RequestBody, state: SimulatorState, now: SimulatorClock = Date.now): SimResponse {
  if (body.bytes > MAX_ITEM_BYTES) {
    const message = `The request is ${body.bytes} bytes; /api/v2/entity accepts at most ${MAX_ITEM_BYTES} bytes.`
    return buildErrorResponse(413, 'too_large', 'body', message)
  }
  if (!body.json.ok) return buildErrorResponse(400, 'invalid', 'body', 'The request body is not valid JSON.')
  const errors = validateItem(body.json.value)
  if (errors.length > 0) {
    state.counters.itemsRejected += 1
    return buildJsonResponse(400, { errors })
  }
  applyItem(state, body.json.value as BatchItem, now)
  state.counters.itemsAccepted += 1
  return buildJsonResponse(200, {})
}

/** POST /api/v2/batch: the valid items are applied even when others fail; 200 `{}`, or 207 with each item's errors. */
export function handleBatch(
  body: RequestBody,
  state: SimulatorState,
  maxRequestBytes: number = MAX_REQUEST_BYTES,
  now: SimulatorClock = Date.now
): SimResponse {
  if (body.bytes > maxRequestBytes) {
    const message = `The request is ${body.bytes} bytes; /api/v2/batch accepts at most ${maxRequestBytes} bytes.`
    return buildErrorResponse(413, 'too_large', 'batch', message)
  }
  if (!body.json.ok) return buildErrorResponse(400, 'invalid', 'batch', 'The request body is not valid JSON.')
  const batch = isJsonObject(body.json.value) ? body.json.value.batch : undefined
  if (!Array.isArray(batch)) {
    return buildErrorResponse(400, 'invalid', 'batch', 'The request body must be an object with a batch array.')
  }
  const errors: TrackApiError[] = []
  batch.forEach((item: unknown, index) => {
    const itemErrors = validateItem(item, index)
    if (itemErrors.length > 0) {
      errors.push(...itemErrors)
      state.counters.itemsRejected += 1
      return
    }
    applyItem(state, item as BatchItem, now)
    state.counters.itemsAccepted += 1
  })
  const response = errors.length > 0 ? buildJsonResponse(207, { errors }) : buildJsonResponse(200, {})
  return { ...response, errors }
}

/** POST /api/v1/metrics: 200 `{}`, or 400 `{ meta: { errors } }`. */
export function handleMetrics(body: RequestBody, state: SimulatorState): SimResponse {
  if (!body.json.ok) return buildMetaErrorResponse(400, ['The request body is not valid JSON.'])
  const errors = validateMetrics(body.json.value)
  if (errors.length > 0) return buildMetaErrorResponse(400, errors)
  recordMetric(state, body.json.value as MetricsRequestBody)
  return buildJsonResponse(200, {})
}

/** DELETE /api/v1/customers/:id, the id URL-decoded; deleting someone unknown still answers 200. */
export function handleDeleteCustomer(rawIdentifier: string, state: SimulatorState): SimResponse {
  let identifier: string
  try {
    identifier = decodeURIComponent(rawIdentifier)
  } catch {
    return buildMetaErrorResponse(400, ['The customer identifier in the path is not valid URL encoding.'])
  }
  deleteCustomer(state, identifier)
  return buildJsonResponse(200, {})
}
