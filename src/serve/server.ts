// A local HTTP server for this destination with the routes of Segment's actions CLI (`serve`): GET /manifest,
// POST /authenticate, POST /delete and POST /<action> with { payload, settings, mapping }. Unlike the stock CLI, a
// batch call answers with each event's outcome beside the HTTP exchanges. Credentials are redacted everywhere.
// GET / is the deliveries page (src/serve/page/), live through GET /_events.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Destination, defaultValues } from '@segment/actions-core'
import type { DestinationDefinition, JSONObject, ModifiedResponse, SegmentEvent } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import { isRetryableStatus } from '../track-api/error-types'
import { messageFromErrorBody } from '../track-api/parse-response'
import { DeliveryLog, type DeliveryRecord, type EventOutcome } from './delivery-log'
import { summarizeExchange, summarizeResponse, type Exchange } from './exchanges'
import { pageRoutes } from './page/page-routes'
import { redactSecrets, secretsOf } from './redact'
import { BadRequest, isObject, readJsonBody, sendJson } from './http-json'

export { sendJson }

export interface ServerOptions {
  definition: DestinationDefinition<Settings>
  /** Settings for calls that bring none (the simulator's credentials, or those given with --live). */
  defaultSettings?: Settings
  port?: number
  host?: string
  log?: (line: string) => void
  /** Extra routes (the page, the simulator's state): return true when handled. */
  extraRoutes?: (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => Promise<boolean> | boolean
}

export interface RunningServer {
  url: string
  deliveries: DeliveryLog
  /** Runs one batch through the pipeline as POST /<action> would, with the default settings and mapping overrides. */
  runBatch(action: string, events: SegmentEvent[], mapping?: JSONObject): Promise<DeliveryRecord>
  close(): Promise<void>
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const destination = new Destination<Settings>(options.definition)
  const deliveries = new DeliveryLog()
  const page = pageRoutes(deliveries)
  const log = options.log ?? (() => undefined)
  const defaultSecrets = options.defaultSettings ? secretsOf(options.defaultSettings) : []
  let queue: Promise<unknown> = Promise.resolve()

  /** One destination call at a time, so each call's HTTP exchanges are its own. */
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }

  function settingsFrom(value: unknown): Settings {
    const given = isObject(value) ? value : {}
    return { ...(options.defaultSettings ?? {}), ...given } as Settings
  }

  function takeExchanges(): Exchange[] {
    return destination.responses.splice(0).map(summarizeExchange)
  }

  async function handleAction(slug: string, body: JSONObject): Promise<unknown> {
    const action = destination.actions[slug]
    if (!action)
      throw new BadRequest(
        `There is no action "${slug}". Actions: ${Object.keys(destination.actions).join(', ')}.`,
        404
      )
    const payload = body.payload
    if (!isObject(payload) && !Array.isArray(payload)) {
      throw new BadRequest('The body needs a "payload": one event object, or an array of events for the batch path.')
    }
    const settings = settingsFrom(body.settings)
    const mapping = { ...defaultValues(action.definition.fields), ...(isObject(body.mapping) ? body.mapping : {}) }
    const secrets = [...defaultSecrets, ...secretsOf(settings)]
    if (Array.isArray(payload)) {
      if (payload.length === 0) throw new BadRequest('The "payload" array is empty: a batch needs at least one event.')
      if (!payload.every(isObject))
        throw new BadRequest('Every element of the "payload" array must be an event object.')
      const record = await runBatch(slug, asEvents(payload), settings, mapping)
      if (record.thrown) return { error: record.thrown, exchanges: record.exchanges }
      return {
        multistatus: record.outcomes.map(({ index: _index, event: _event, ...node }) => node),
        exchanges: record.exchanges
      }
    }
    return serialized(async () => {
      try {
        await action.execute({ data: payload, settings, mapping, auth: undefined })
        const exchanges = takeExchanges()
        const last = exchanges[exchanges.length - 1]
        const outcomes: EventOutcome[] = [
          { index: 0, status: last?.response.statusCode ?? 200, body: payload, sent: parseSent(last) }
        ]
        const record = deliveries.add(
          redactSecrets({ action: slug, kind: 'single', events: 1, outcomes, exchanges }, secrets)
        )
        log(summaryLine(record))
        return record.exchanges
      } catch (error) {
        const exchanges = takeExchanges()
        const thrown = withAnswerReason(describeThrown(error), exchanges)
        const record = deliveries.add(
          redactSecrets({ action: slug, kind: 'single', events: 1, outcomes: [], thrown, exchanges }, secrets)
        )
        log(summaryLine(record))
        return [{ statusCode: thrown.status ?? 500, message: record.thrown?.message, requestError: true }]
      }
    })
  }

  /** The batch path: Destination.executeBatch, every event's outcome and the exchanges, recorded and redacted. */
  function runBatch(
    slug: string,
    events: SegmentEvent[],
    settings: Settings,
    mapping: JSONObject
  ): Promise<DeliveryRecord> {
    const secrets = [...defaultSecrets, ...secretsOf(settings)]
    const base = { action: slug, kind: 'batch' as const, events: events.length }
    return serialized(async () => {
      let record: DeliveryRecord
      try {
        const nodes = await destination.executeBatch(slug, { events, settings, mapping })
        // An event refused before sending has no payload in its node: the event it was given is kept instead.
        const outcomes = nodes.map((node, index): EventOutcome => ({
          index,
          ...node,
          ...(node.body === undefined && { event: events[index] })
        }))
        record = deliveries.add(redactSecrets({ ...base, outcomes, exchanges: takeExchanges() }, secrets))
      } catch (error) {
        const thrown = describeThrown(error)
        record = deliveries.add(redactSecrets({ ...base, outcomes: [], thrown, exchanges: takeExchanges() }, secrets))
      }
      log(summaryLine(record))
      return record
    })
  }

  async function handleAuthenticate(body: JSONObject): Promise<unknown> {
    const settings = settingsFrom(body)
    const secrets = [...defaultSecrets, ...secretsOf(settings)]
    return serialized(async () => {
      try {
        await destination.testAuthentication(settings)
        deliveries.add({ action: 'authenticate', kind: 'authenticate', events: 0, outcomes: [], exchanges: [] })
        log('POST /authenticate: ok')
        return { ok: true }
      } catch (error) {
        const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets)
        log(`POST /authenticate: ${message}`)
        return { ok: false, error: message }
      }
    })
  }

  async function handleDelete(body: JSONObject): Promise<unknown> {
    const payload = body.payload
    if (!isObject(payload) || typeof payload.userId !== 'string') {
      throw new BadRequest('The body needs a "payload" with the "userId" of the person to delete.')
    }
    const settings = settingsFrom(body.settings)
    const secrets = [...defaultSecrets, ...secretsOf(settings)]
    return serialized(async () => {
      if (!destination.onDelete) throw new BadRequest('This destination does not support deletion.', 404)
      try {
        const result = await destination.onDelete(asEvents([payload])[0], settings as unknown as JSONObject)
        const exchanges = isResponse(result) ? [summarizeResponse(result, 'DELETE')] : []
        const status = exchanges[0]?.response.statusCode ?? 200
        const record = deliveries.add(
          redactSecrets(
            { action: 'delete', kind: 'delete', events: 1, outcomes: [{ index: 0, status, body: payload }], exchanges },
            secrets
          )
        )
        log(summaryLine(record))
        return record.exchanges
      } catch (error) {
        const thrown = redactSecrets(describeThrown(error), secrets)
        deliveries.add({ action: 'delete', kind: 'delete', events: 1, outcomes: [], thrown, exchanges: [] })
        log(`POST /delete: ${thrown.message}`)
        return [{ statusCode: thrown.status ?? 500, message: thrown.message, requestError: true }]
      }
    })
  }

  async function route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (options.extraRoutes && (await options.extraRoutes(request, response, url))) return
    if (await page.handle(request, response, url)) return
    const method = request.method ?? 'GET'
    const path = url.pathname
    if (method === 'GET' && path === '/manifest') return sendJson(response, 200, manifestOf(options.definition))
    if (method === 'GET' && path === '/_deliveries') return sendJson(response, 200, deliveries.list(limitOf(url)))
    if (method === 'DELETE' && path === '/_deliveries') {
      deliveries.clear()
      return sendJson(response, 200, { ok: true })
    }
    if (method !== 'POST') throw new BadRequest(`No route for ${method} ${path}.`, 404)
    const body = await readJsonBody(request)
    if (path === '/authenticate') return sendJson(response, 200, await handleAuthenticate(body))
    if (path === '/delete') return sendJson(response, 200, await handleDelete(body))
    const slug = path.slice(1)
    if (!/^[A-Za-z]+$/.test(slug)) throw new BadRequest(`No route for POST ${path}.`, 404)
    const result = await handleAction(slug, body)
    const stock = url.searchParams.get('shape') === 'stock'
    return sendJson(
      response,
      200,
      stock && isObject(result) && Array.isArray(result.exchanges) ? result.exchanges : result
    )
  }

  const server = http.createServer((request, response) => {
    const started = Date.now()
    route(request, response)
      .catch((error: unknown) => {
        const status = error instanceof BadRequest ? error.status : 500
        const message = redactSecrets(error instanceof Error ? error.message : String(error), defaultSecrets)
        sendJson(response, status, { error: message })
      })
      .finally(() => log(`${request.method} ${request.url} ${response.statusCode} ${Date.now() - started}ms`))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${address.address}:${address.port}`,
    deliveries,
    runBatch: (slug, events, mapping = {}) => {
      const action = destination.actions[slug]
      if (!action) return Promise.reject(new BadRequest(`There is no action "${slug}".`, 404))
      return runBatch(slug, events, settingsFrom({}), { ...defaultValues(action.definition.fields), ...mapping })
    },
    close: () =>
      new Promise<void>((resolve) => {
        page.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The definition as JSON: functions dropped, as the stock CLI's /manifest does. */
export function manifestOf(definition: DestinationDefinition<Settings>): unknown {
  return { ...JSON.parse(JSON.stringify(definition)), directoryName: 'customerio' }
}

function describeThrown(error: unknown): { status?: number; message: string; retryable: boolean } {
  const record = error as {
    name?: unknown
    status?: unknown
    response?: { status?: unknown }
    message?: unknown
    code?: unknown
  }
  const message = typeof record?.message === 'string' ? record.message : String(error)
  // Field validation (ajv) carries no status; it is the event's own fault, as in the batch path's 400.
  if (record?.name === 'AggregateAjvError') return { status: 400, message, retryable: false }
  const status =
    typeof record?.response?.status === 'number'
      ? record.response.status
      : typeof record?.status === 'number'
        ? record.status
        : undefined
  const network = status === undefined && typeof record?.code === 'string'
  return {
    status,
    message: record?.response ? `HTTP ${status}: ${message}` : message,
    retryable: network || (status !== undefined && isRetryableStatus(status))
  }
}

/** GET /_deliveries?limit=N: the latest N only (the page's first paint). */
function limitOf(url: URL): number | undefined {
  const limit = Number(url.searchParams.get('limit') ?? undefined)
  return Number.isInteger(limit) && limit > 0 ? limit : undefined
}

/** An HTTP error says only its status text; Customer.io's reason is in the answer's body. */
function withAnswerReason<T extends { status?: number; message: string }>(thrown: T, exchanges: Exchange[]): T {
  const answer = exchanges[exchanges.length - 1]?.response
  if (thrown.status === undefined || answer?.statusCode !== thrown.status) return thrown
  const reason = messageFromErrorBody(answer.body)
  return reason ? { ...thrown, message: `${thrown.message}: ${reason}` } : thrown
}

function summaryLine(record: DeliveryRecord): string {
  const what = record.thrown
    ? `threw ${record.thrown.message}${record.thrown.retryable ? ' (the platform retries it)' : ''}`
    : `${record.succeeded} ok, ${record.failed} failed, ${record.retried} to retry`
  return `${record.kind} ${record.action}: ${record.events} event(s), ${what}`
}

function parseSent(exchange: Exchange | undefined): unknown {
  if (!exchange?.request.body) return undefined
  try {
    return JSON.parse(exchange.request.body)
  } catch {
    return exchange.request.body
  }
}

/** Payloads are used as they come, as the stock CLI does: the mapping reads what it needs of each event. */
function asEvents(payloads: JSONObject[]): SegmentEvent[] {
  return payloads as unknown as SegmentEvent[]
}

function isResponse(value: unknown): value is ModifiedResponse {
  const candidate = value as { status?: unknown; url?: unknown } | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.status === 'number' &&
    typeof candidate.url === 'string'
  )
}
