// The checks of a call's body, run by the pipeline before its handler (route-table.ts's `check`): each returns the
// call as its handler uses it, or throws a BadRequest. The head of the request (Host, Origin, Sec-Fetch-*, content
// type) and the body's size, time and JSON were checked before (guard.ts, http-json.ts).
import type { DestinationDefinition, JSONObject } from '@segment/actions-core'
import { transform } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import {
  AccountRegion,
  checkSettings,
  credentialsAreOptional,
  InvalidSettingsError,
  regionOf
} from '../track-api/settings'
import { eventRefusal, MAX_BATCH_EVENTS, mappingRefusal } from './guard'
import { BadRequest, isObject } from './http-json'
import type { Call } from './route-table'
import { FAULT_HEADER } from './simulator/faults'

/** POST /<action>: one event (the single path) or a batch, with the settings and the mapping to run it with. */
export type ActionCall = {
  slug: string
  settings: Settings
  mapping: JSONObject
  via?: DestinationDefinition<Settings>
} & (
  | { kind: 'single'; event: JSONObject }
  /** `refusals[i]`: why event i cannot be handed to actions-core (too deep); it is refused alone, at its index. */
  | { kind: 'batch'; events: JSONObject[]; refusals: Array<string | undefined> }
)

export function checkActionCall({ request, url, body, server }: Call): ActionCall {
  const slug = url.pathname.slice(1)
  const { calls } = server
  if (!calls.hasAction(slug)) {
    throw new BadRequest(`There is no action "${slug}". Actions: ${calls.actionNames().join(', ')}.`, 404)
  }
  const via = server.definitionFor?.(request)
  const payload = body.payload
  if (!isObject(payload) && !Array.isArray(payload)) {
    throw new BadRequest('The body needs a "payload": one event object, or an array of events for the batch path.')
  }
  const settings = checkSettingsOf(body.settings, server.defaultSettings, credentialsAreOptional(slug))
  const mapping = checkMapping(calls.mappingOf(slug, checkMappingShape(body.mapping)))
  if (!Array.isArray(payload)) {
    const refusal = eventRefusal(payload)
    if (refusal !== undefined) throw new BadRequest(refusal)
    readByEngine(mapping, payload, '')
    return { kind: 'single', slug, settings, mapping, via, event: payload }
  }
  if (payload.length === 0) throw new BadRequest('The "payload" array is empty: a batch needs at least one event.')
  if (payload.length > MAX_BATCH_EVENTS) {
    throw new BadRequest(
      `The "payload" array holds ${payload.length} events; a batch holds at most ${MAX_BATCH_EVENTS} (Segment sends ` +
        'this destination at most 100 at a time). Send it in smaller batches.'
    )
  }
  if (!payload.every(isObject)) throw new BadRequest('Every element of the "payload" array must be an event object.')
  const refusals = payload.map(eventRefusal)
  payload.forEach((event, index) => {
    if (refusals[index] === undefined) readByEngine(mapping, event, `payload[${index}]: `)
  })
  return { kind: 'batch', slug, settings, mapping, via, events: payload, refusals }
}

/** POST /delete `{payload: {userId}, settings?}`. */
export function checkDeleteCall({ request, body, server }: Call): { person: JSONObject; settings: Settings } {
  refuseFaultHeader(request.headers, '/delete')
  const payload = body.payload
  if (!isObject(payload) || typeof payload.userId !== 'string') {
    throw new BadRequest('The body needs a "payload" with the "userId" of the person to delete.')
  }
  // A lone surrogate cannot be put in the URL of the deletion: it is no text at all.
  if (/\p{Surrogate}/u.test(payload.userId)) {
    throw new BadRequest('The "userId" is not valid Unicode text (it holds a lone surrogate).')
  }
  const settings = checkSettingsOf(body.settings, server.defaultSettings)
  const refusal = eventRefusal(payload)
  if (refusal !== undefined) throw new BadRequest(refusal)
  return { person: payload, settings }
}

/** POST /authenticate: the settings, bare (`{siteId, apiKey}`) or as every other route takes them (`{settings}`). */
export function checkAuthenticateCall({ request, body, server }: Call): Settings {
  refuseFaultHeader(request.headers, '/authenticate')
  const given = isObject(body.settings) ? body.settings : body
  return checkSettingsOf(given, server.defaultSettings)
}

function refuseFaultHeader(headers: Call['request']['headers'], route: string): void {
  if (headers[FAULT_HEADER] === undefined) return
  throw new BadRequest(`${FAULT_HEADER} applies to POST /<action> only; ${route} sends without a fault.`)
}

/**
 * The call's settings over the server's defaults, the region spelled as the catalog spells it. Wrong ones are a 400
 * here, as the destination itself refuses them: settings are strings, the region is one of the two.
 */
export function checkSettingsOf(value: unknown, defaults: Settings | undefined, credentialsOptional = false): Settings {
  if (value !== undefined && !isObject(value)) throw new BadRequest('The "settings" must be an object.')
  const given = value ?? {}
  for (const [key, setting] of Object.entries(given)) {
    if (typeof setting !== 'string')
      throw new BadRequest(`The setting ${JSON.stringify(key.slice(0, 40))} must be a string.`)
  }
  const settings = { ...defaults, ...given } as Settings
  try {
    if (settings.accountRegion !== undefined) settings.accountRegion = AccountRegion[regionOf(settings.accountRegion)]
    checkSettings(settings, credentialsOptional)
  } catch (error) {
    if (error instanceof InvalidSettingsError) throw new BadRequest(error.message)
    throw error
  }
  return settings
}

/** The call's own mapping keys: an object within the depth and size bounds (undefined: the defaults alone). */
function checkMappingShape(value: unknown): JSONObject | undefined {
  if (value === undefined) return undefined
  if (!isObject(value)) throw new BadRequest('The "mapping" must be an object of field keys.')
  const refusal = mappingRefusal(value)
  if (refusal !== undefined) throw new BadRequest(refusal)
  return value
}

/**
 * The whole mapping as the mapping engine reads it: one it refuses (an unknown directive, a directive's value of the
 * wrong type, a template that does not parse) is the caller's error, a 400 with the engine's first message.
 */
function checkMapping(mapping: JSONObject): JSONObject {
  readByEngine(mapping, {}, '')
  return mapping
}

/**
 * The mapping read by the engine on `data`: a refusal is the call's 400. On each event the call hands the engine too,
 * as some refusals depend on the data (`@case` with an operator other than lower or upper, met with a string); the
 * platform fails the whole call on one, and the message names the event.
 */
function readByEngine(mapping: JSONObject, data: JSONObject, where: string): void {
  try {
    transform(mapping, data)
  } catch (error) {
    throw new BadRequest(where + mappingEngineMessage(error))
  }
}

/** The engine's first message, without its stack (the engine wraps its errors in an AggregateError whose message
 * is every error's stack, with this machine's paths). */
function mappingEngineMessage(error: unknown): string {
  const first = isIterableError(error) ? [...error][0] : error
  const message = first instanceof Error ? first.message : String(first)
  const line = message.split('\n').find((text) => text.trim() !== '' && !/^\s*at /.test(text)) ?? ''
  return line.trim().slice(0, 300) || 'The mapping engine refused the "mapping".'
}

function isIterableError(error: unknown): error is Error & Iterable<unknown> {
  return error instanceof Error && typeof (error as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function'
}
