// A local HTTP server for this destination with the routes of Segment's actions CLI (`serve`). Every request passes
// the guard (guard.ts: host, origin, content type, size), then the routes: the extra ones (the simulator's, the demo),
// the deliveries page (page/), the actions CLI's and the delivery history's (routes.ts), which call the destination
// through destination-calls.ts. Unlike the stock CLI, a batch call answers with each event's outcome.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import type { DestinationDefinition, JSONObject, SegmentEvent } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import { DeliveryLog, type DeliveryRecord } from './delivery-log'
import { DestinationCalls } from './destination-calls'
import { allowedHostsOf, checkHeaders, targetUrl } from './guard'
import { BadRequest, BodyBudget, isObject, sendJson, type BodyLimits } from './http-json'
import { pageRoutes } from './page/page-routes'
import { handleRoute, settingsOf, type RouteContext } from './routes'
import { createStatsCollector, type StatsCollector } from './stats-collector'

export { sendJson }
export { manifestOf } from './destination-calls'

export interface ServerOptions {
  definition: DestinationDefinition<Settings>
  /** Settings for calls that bring none (the simulator's credentials, or those given with --live). */
  defaultSettings?: Settings
  port?: number
  host?: string
  log?: (line: string) => void
  /** Extra routes (the page, the simulator's state): return true when handled. They run after the guard. */
  extraRoutes?: (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => Promise<boolean> | boolean
  /** The definition for one action call, chosen by its request; undefined for the default one. */
  definitionFor?: RouteContext['definitionFor']
  /** Bounds of a request body (default: guard.ts's MAX_BODY_BYTES and BODY_TIMEOUT_MS). */
  bodyLimits?: Omit<BodyLimits, 'budget'>
  /** The bytes of bodies held at once by all calls (default: guard.ts's MAX_BODY_BYTES_IN_FLIGHT). */
  maxBodyBytesInFlight?: number
}

export interface RunningServer {
  url: string
  deliveries: DeliveryLog
  /** What the destination reported through its statsContext and logger (GET /_stats). */
  stats: StatsCollector
  /**
   * Runs one batch through the pipeline as POST /<action> would, with the default settings and mapping overrides,
   * through `via` when given (a definition pointed at a simulator fault, say).
   */
  runBatch(
    action: string,
    events: SegmentEvent[],
    mapping?: JSONObject,
    via?: DestinationDefinition<Settings>
  ): Promise<DeliveryRecord>
  close(): Promise<void>
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const deliveries = new DeliveryLog()
  const page = pageRoutes(deliveries)
  const log = options.log ?? (() => undefined)
  const budget = new BodyBudget(options.maxBodyBytesInFlight)
  const stats = createStatsCollector((line) => log(`warning: ${line}`))
  const calls = new DestinationCalls({
    definition: options.definition,
    deliveries,
    defaultSettings: options.defaultSettings,
    log,
    platform: { statsContext: stats.statsContext, logger: stats.logger }
  })
  const context: RouteContext = {
    definition: options.definition,
    calls,
    deliveries,
    stats,
    defaultSettings: options.defaultSettings,
    bodyLimits: { ...options.bodyLimits, budget },
    definitionFor: options.definitionFor
  }
  let allowedHosts = new Set<string>()

  async function route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const method = request.method ?? 'GET'
    const refusal = checkHeaders(method, request.headers, allowedHosts)
    if (refusal !== undefined) throw new BadRequest(refusal.message, refusal.status)
    const url = targetUrl(request.url)
    if (url === undefined) throw new BadRequest('The request target must be a path of this server, such as /manifest.')
    if (options.extraRoutes && (await options.extraRoutes(request, response, url))) return
    if (await page.handle(request, response, url)) return
    if (await handleRoute({ request, response, url, context })) return
    throw new BadRequest(`No route for ${method} ${url.pathname}.`, 404)
  }

  const server = http.createServer((request, response) => {
    const started = Date.now()
    response.once('close', () => budget.release(request))
    route(request, response)
      .catch((error: unknown) => {
        if (error instanceof BadRequest) return sendJson(response, error.status, { error: error.message })
        // Never a stack or a path of this machine in an answer: the message goes to the log, redacted.
        log(
          `${request.method} ${request.url} failed: ${calls.redact(error instanceof Error ? error.message : String(error))}`
        )
        sendJson(response, 500, { error: 'The server failed on this call; its log says why.' })
      })
      .finally(() => log(`${request.method} ${request.url} ${response.statusCode} ${Date.now() - started}ms`))
  })
  // A client that trickles its headers is cut off; a slow body is answered 408 by readJsonBody.
  server.headersTimeout = 15_000
  // A request node cannot parse (headers over 16 KB, a broken chunk) gets a JSON answer like any other refusal.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy()
    socket.end(clientErrorAnswer(error.code))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  allowedHosts = allowedHostsOf(address.port, address.address)
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    deliveries,
    stats,
    runBatch: (slug, events, mapping = {}, via) => {
      if (!calls.hasAction(slug)) return Promise.reject(new BadRequest(`There is no action "${slug}".`, 404))
      const payloads = events as unknown as JSONObject[]
      if (!payloads.every(isObject)) return Promise.reject(new BadRequest('Every event must be an object.'))
      const settings = settingsOf(undefined, options.defaultSettings)
      return calls.runBatch(slug, payloads, settings, calls.mappingOf(slug, mapping), via)
    },
    close: () =>
      new Promise<void>((resolve) => {
        page.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The raw answer to a request node's parser refused: 431 for headers over its limit, 408 when they were too slow. */
function clientErrorAnswer(code: string | undefined): string {
  const [status, message] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are over 16 KB.']
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request did not arrive in time.']
        : [400, 'The request is not valid HTTP/1.1.']
  const body = JSON.stringify({ error: message })
  return [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '',
    body
  ].join('\r\n')
}
