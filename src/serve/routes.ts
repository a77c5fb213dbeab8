// The local server's routes, after the guard: the actions CLI's (GET /manifest, POST /authenticate, POST /delete,
// POST /<action>) and the delivery history's. Each reads and checks its body, then hands it to DestinationCalls.
import type http from 'node:http'
import type { DestinationDefinition, JSONObject } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import { AccountRegion, checkSettings, InvalidSettingsError, regionOf } from '../track-api/settings'
import type { DeliveryLog, HistoryPage } from './delivery-log'
import { manifestOf, type DestinationCalls } from './destination-calls'
import { mappingRefusal } from './guard'
import { BadRequest, isObject, readJsonBody, sendJson, type BodyLimits } from './http-json'
import type { StatsCollector } from './stats-collector'

export interface RouteContext {
  definition: DestinationDefinition<Settings>
  calls: DestinationCalls
  deliveries: DeliveryLog
  /** What the destination reported through its statsContext and logger. */
  stats: StatsCollector
  defaultSettings?: Settings
  bodyLimits: BodyLimits
  /** The definition for one call, chosen by its request (the simulator's x-sim-fault header); undefined: default. */
  definitionFor?: (request: http.IncomingMessage) => DestinationDefinition<Settings> | undefined
}

interface Call {
  request: http.IncomingMessage
  response: http.ServerResponse
  url: URL
  context: RouteContext
}

type Handler = (call: Call) => Promise<void> | void

const ROUTES: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['GET /manifest', ({ response, context }) => sendJson(response, 200, manifestOf(context.definition))],
  ['GET /_deliveries', ({ response, url, context }) => sendJson(response, 200, historyPage(url, context.deliveries))],
  ['GET /_stats', ({ response, context }) => sendJson(response, 200, context.stats.summary())],
  [
    'DELETE /_deliveries',
    ({ response, context }) => {
      context.deliveries.clear()
      sendJson(response, 200, { ok: true })
    }
  ],
  ['POST /authenticate', authenticate],
  ['POST /delete', deletePerson]
])

/** Answers the request when a route matches it; false otherwise. */
export async function handleRoute(call: Call): Promise<boolean> {
  const method = call.request.method ?? 'GET'
  const handler = ROUTES.get(`${method} ${call.url.pathname}`)
  if (handler !== undefined) {
    await handler(call)
    return true
  }
  const one = /^\/_deliveries\/(\d{1,15})$/.exec(call.url.pathname)
  if (method === 'GET' && one) {
    const record = call.context.deliveries.get(Number(one[1]))
    if (record === undefined) throw new BadRequest(`No delivery ${one[1]} is kept.`, 404)
    sendJson(call.response, 200, record)
    return true
  }
  if (method === 'POST' && /^\/[A-Za-z]+$/.test(call.url.pathname)) {
    await runAction(call, call.url.pathname.slice(1))
    return true
  }
  return false
}

async function authenticate({ request, response, context }: Call): Promise<void> {
  const body = await readJsonBody(request, context.bodyLimits)
  sendJson(response, 200, await context.calls.authenticate(settingsOf(body, context.defaultSettings)))
}

async function deletePerson({ request, response, context }: Call): Promise<void> {
  const body = await readJsonBody(request, context.bodyLimits)
  const payload = body.payload
  if (!isObject(payload) || typeof payload.userId !== 'string') {
    throw new BadRequest('The body needs a "payload" with the "userId" of the person to delete.')
  }
  const settings = settingsOf(body.settings, context.defaultSettings)
  sendJson(response, 200, await context.calls.deletePerson(payload, settings))
}

/** POST /<action> `{payload, settings?, mapping?}`: an array payload is the batch path, an object the single path. */
async function runAction({ request, response, url, context }: Call, slug: string): Promise<void> {
  const { calls } = context
  if (!calls.hasAction(slug)) {
    throw new BadRequest(`There is no action "${slug}". Actions: ${calls.actionNames().join(', ')}.`, 404)
  }
  const via = context.definitionFor?.(request)
  const body = await readJsonBody(request, context.bodyLimits)
  const payload = body.payload
  if (!isObject(payload) && !Array.isArray(payload)) {
    throw new BadRequest('The body needs a "payload": one event object, or an array of events for the batch path.')
  }
  const settings = settingsOf(body.settings, context.defaultSettings)
  const mapping = calls.mappingOf(slug, mappingOf(body.mapping))
  if (!Array.isArray(payload))
    return sendJson(response, 200, await calls.runSingle(slug, payload, settings, mapping, via))
  if (payload.length === 0) throw new BadRequest('The "payload" array is empty: a batch needs at least one event.')
  if (!payload.every(isObject)) throw new BadRequest('Every element of the "payload" array must be an event object.')
  const record = await calls.runBatch(slug, payload, settings, mapping, via)
  if (url.searchParams.get('shape') === 'stock') return sendJson(response, 200, record.exchanges)
  if (record.thrown) return sendJson(response, 200, { error: record.thrown, exchanges: record.exchanges })
  const multistatus = record.outcomes.map(({ index: _index, event: _event, state: _state, ...node }) => node)
  sendJson(response, 200, { multistatus, exchanges: record.exchanges })
}

function mappingOf(value: unknown): JSONObject | undefined {
  if (value === undefined) return undefined
  if (!isObject(value)) throw new BadRequest('The "mapping" must be an object of field keys.')
  const refusal = mappingRefusal(value)
  if (refusal !== undefined) throw new BadRequest(refusal)
  return value
}

/**
 * The call's settings over the server's defaults, the region spelled as the catalog spells it. Wrong ones are a 400
 * here, as the destination itself refuses them: settings are strings, the region is one of the two.
 */
export function settingsOf(value: unknown, defaults: Settings | undefined): Settings {
  if (value !== undefined && !isObject(value)) throw new BadRequest('The "settings" must be an object.')
  const given = value ?? {}
  for (const [key, setting] of Object.entries(given)) {
    if (typeof setting !== 'string')
      throw new BadRequest(`The setting ${JSON.stringify(key.slice(0, 40))} must be a string.`)
  }
  const settings = { ...defaults, ...given } as Settings
  try {
    if (settings.accountRegion !== undefined) settings.accountRegion = AccountRegion[regionOf(settings.accountRegion)]
    checkSettings(settings)
  } catch (error) {
    if (error instanceof InvalidSettingsError) throw new BadRequest(error.message)
    throw error
  }
  return settings
}

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100

/** GET /_deliveries?limit=N&before=ID: at most N (default 20, at most 100) of the deliveries older than ID. */
function historyPage(url: URL, deliveries: DeliveryLog): HistoryPage {
  const limit = positiveInteger(url, 'limit')
  const before = positiveInteger(url, 'before')
  return deliveries.page(Math.min(limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE), before)
}

function positiveInteger(url: URL, name: string): number | undefined {
  const text = url.searchParams.get(name)
  if (text === null) return undefined
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 1) throw new BadRequest(`"${name}" must be a positive integer.`)
  return value
}
