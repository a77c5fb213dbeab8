// A local HTTP server for this destination with the routes of Segment's actions CLI (`serve`). One pipeline for every
// request: the head's checks (guard.ts), the route (one table: route-table.ts), the body (http-json.ts), the call's
// own checks (call-checks.ts), and only then the route's handler. Unlike the stock CLI, a batch call answers with
// each event's outcome.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import type { DestinationDefinition, JSONObject } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import { sendJson } from './answer'
import { checkSettingsOf } from './call-checks'
import { DeliveryLog } from './delivery-log'
import { DestinationCalls } from './destination-calls'
import { DESTINATION_ROUTES } from './destination-routes'
import { checkHeaders, targetUrl } from './guard'
import { BadRequest, BodyBudget, isObject, readJsonBody, type BodyLimits } from './http-json'
import { allowedHostsOf } from './loopback'
import { pageRoutes } from './page/page-routes'
import { RouteTable, type Route } from './route-table'
import type { ServerContext } from './server-context'
import { createStatsCollector } from './stats-collector'

export interface ServerOptions {
  definition: DestinationDefinition<Settings>
  /** Settings for calls that bring none (the simulator's credentials, or those given with --live). */
  defaultSettings?: Settings
  port?: number
  host?: string
  log?: (line: string) => void
  /** The routes of other areas (the simulator's control and the demo: simulator-control.ts), joined to the table. */
  routes?: readonly Route[]
  /** The definition for one action call, chosen by its request; undefined for the default one. */
  definitionFor?: ServerContext['definitionFor']
  /** Bounds of a request body (default: guard.ts's MAX_BODY_BYTES and BODY_TIMEOUT_MS). */
  bodyLimits?: Omit<BodyLimits, 'budget'>
  /** The bytes of bodies held at once by all calls (default: guard.ts's MAX_BODY_BYTES_IN_FLIGHT). */
  maxBodyBytesInFlight?: number
}

export interface RunningServer extends Pick<ServerContext, 'deliveries' | 'stats' | 'runBatch'> {
  url: string
  close(): Promise<void>
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? (() => undefined)
  const context = serverContext(options, log)
  const page = pageRoutes(context.deliveries)
  const table = new RouteTable(DESTINATION_ROUTES, page.routes, options.routes ?? [])
  const bodyLimits: BodyLimits = { ...options.bodyLimits, budget: new BodyBudget(options.maxBodyBytesInFlight) }
  let allowedHosts = new Set<string>()

  /** The pipeline: every check, then the handler. */
  async function serveRequest(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const method = request.method ?? 'GET'
    const refusal = checkHeaders(method, request.headers, allowedHosts)
    if (refusal !== undefined) throw new BadRequest(refusal.message, refusal.status)
    const url = targetUrl(request.url)
    if (url === undefined) throw new BadRequest('The request target must be a path of this server, such as /manifest.')
    const route = table.find(method, url.pathname)
    if (route === undefined) throw new BadRequest(`No route for ${method} ${url.pathname}.`, 404)
    const body: JSONObject = method === 'POST' ? await readJsonBody(request, bodyLimits) : {}
    const call = { request, response, url, body, server: context }
    const input = route.check === undefined ? undefined : await route.check(call)
    await route.handle(call, input)
  }

  const server = createHttpServer(serveRequest, bodyLimits, log, (message) => context.calls.redact(message))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  allowedHosts = allowedHostsOf(address.port, address.address)
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    deliveries: context.deliveries,
    stats: context.stats,
    runBatch: context.runBatch,
    close: () =>
      new Promise<void>((resolve) => {
        page.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function serverContext(options: ServerOptions, log: (line: string) => void): ServerContext {
  const deliveries = new DeliveryLog()
  const stats = createStatsCollector((line) => log(`warning: ${line}`))
  const calls = new DestinationCalls({
    definition: options.definition,
    deliveries,
    defaultSettings: options.defaultSettings,
    log,
    platform: { statsContext: stats.statsContext, logger: stats.logger }
  })
  return {
    definition: options.definition,
    calls,
    deliveries,
    stats,
    defaultSettings: options.defaultSettings,
    definitionFor: options.definitionFor,
    runBatch: (slug, events, mapping = {}, via) => {
      if (!calls.hasAction(slug)) return Promise.reject(new BadRequest(`There is no action "${slug}".`, 404))
      const payloads = events as unknown as JSONObject[]
      if (!payloads.every(isObject)) return Promise.reject(new BadRequest('Every event must be an object.'))
      const settings = checkSettingsOf(undefined, options.defaultSettings)
      return calls.runBatch(slug, payloads, settings, calls.mappingOf(slug, mapping), via)
    }
  }
}

/** The node server around the pipeline: each request's failure answered in JSON, each request logged with its time. */
function createHttpServer(
  serveRequest: (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>,
  bodyLimits: BodyLimits,
  log: (line: string) => void,
  redact: (text: string) => string
): http.Server {
  const server = http.createServer((request, response) => {
    const started = Date.now()
    response.once('close', () => bodyLimits.budget?.release(request))
    serveRequest(request, response)
      .catch((error: unknown) => {
        if (error instanceof BadRequest) return sendJson(response, error.status, { error: error.message })
        // Never a stack or a path of this machine in an answer: the message goes to the log, redacted.
        log(
          `${request.method} ${request.url} failed: ${redact(error instanceof Error ? error.message : String(error))}`
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
  return server
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
