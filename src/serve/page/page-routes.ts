// The deliveries page of ./bin/run serve: GET / and its assets (the ES modules and styles in this folder, served as
// they are: no build step), the
// demo scenarios it offers, and GET /_events, a server-sent event per new delivery for the page's live updates.
import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type http from 'node:http'
import path from 'node:path'
import { packagePath } from '../../package-root'
import { demoScenarios } from '../demo-scenarios'
import type { DeliveryLog, DeliveryRecord } from '../delivery-log'
import { sendJson } from '../answer'
import type { Method, Route } from '../route-table'

export interface PageRoutes {
  /** The page's routes, for the server's route table: its assets, its scenario list, its event stream. */
  routes: Route[]
  /** Ends every open event stream, so that the server can close. */
  close(): void
  /** How many event streams are open (for tests). */
  readonly openStreams: number
}

/** The types of the files this folder serves, by extension: the page's modules and styles. */
const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8'
}

/** GET / is index.html; GET /_page/<name> every module and style of the folder. */
export function pageAssets(directory: string): Map<string, { file: string; type: string }> {
  const assets = new Map([['/', { file: 'index.html', type: 'text/html; charset=utf-8' }]])
  for (const file of readdirSync(directory).sort()) {
    const type = ASSET_TYPES[path.extname(file)]
    if (type !== undefined) assets.set(`/_page/${file}`, { file, type })
  }
  return assets
}

// The page loads nothing from elsewhere: no CDN, no inline script or style.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer'
}

/** A comment line keeps idle streams open through proxies that drop silent connections. */
const HEARTBEAT_MS = 15_000

/**
 * A stream whose reader has left this many bytes unread is cut (the page reconnects and reloads the list): a client
 * that opens the stream and never reads would otherwise hold a copy of every delivery in the server's memory.
 */
export const MAX_STREAM_BACKLOG_BYTES = 1_000_000
/** How many event streams may be open at once (one per open page); more are answered 503. */
export const MAX_EVENT_STREAMS = 32

/** The assets stay in src/serve/page/, found from the package root whether this runs from src/ or from dist/. */
const ASSET_DIRECTORY = packagePath('src', 'serve', 'page')
const ASSETS = pageAssets(ASSET_DIRECTORY)

export function pageRoutes(deliveries: DeliveryLog): PageRoutes {
  const streams = new Map<http.ServerResponse, () => void>()

  /** The stream's line for a delivery, serialized once for all the open streams. */
  let lastLine: { record: DeliveryRecord; line: string } | undefined
  function lineOf(record: DeliveryRecord): string {
    // JSON.stringify escapes line breaks inside strings, so the record is one data line.
    if (lastLine?.record !== record) lastLine = { record, line: `data: ${JSON.stringify(record)}\n\n` }
    return lastLine.line
  }

  function openEventStream(request: http.IncomingMessage, response: http.ServerResponse): void {
    if (streams.size >= MAX_EVENT_STREAMS) {
      return sendJson(response, 503, {
        error: `${MAX_EVENT_STREAMS} event streams are open already: close a page, or read GET /_deliveries.`
      })
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no'
    })
    // How long the browser waits before it reconnects on its own; then the first bytes, so it knows it is connected.
    response.write('retry: 2000\n: connected\n\n')
    const send = (text: string) => {
      if (response.writableLength > MAX_STREAM_BACKLOG_BYTES) {
        stop()
        response.destroy()
      } else response.write(text)
    }
    const unsubscribe = deliveries.subscribe((record) => send(lineOf(record)))
    const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    let stopped = false
    const stop = () => {
      if (stopped) return
      stopped = true
      unsubscribe()
      clearInterval(heartbeat)
      streams.delete(response)
    }
    streams.set(response, stop)
    request.once('close', stop)
    response.once('close', stop)
    response.once('error', stop)
  }

  async function sendAsset(response: http.ServerResponse, file: string, type: string): Promise<void> {
    const body = await readFile(path.join(ASSET_DIRECTORY, file))
    response.writeHead(200, {
      'content-type': type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      ...SECURITY_HEADERS
    })
    response.end(body)
  }

  function sendScenarios(response: http.ServerResponse): void {
    const body = JSON.stringify(
      demoScenarios(Date.now()).map(({ key, title, action, events }) => ({ key, title, action, events: events.length }))
    )
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-cache'
    })
    response.end(body)
  }

  const both = (path: string, handle: Route['handle']): Route[] =>
    (['GET', 'HEAD'] as Method[]).map((method) => ({ method, path, handle }))
  const routes: Route[] = [
    ...[...ASSETS].flatMap(([path, asset]) =>
      both(path, ({ response }) => sendAsset(response, asset.file, asset.type))
    ),
    ...both('/_page/scenarios.json', ({ response }) => sendScenarios(response)),
    { method: 'GET', path: '/_events', handle: ({ request, response }) => openEventStream(request, response) }
  ]

  return {
    routes,
    close() {
      for (const [response, stop] of [...streams]) {
        stop()
        response.end()
      }
    },
    get openStreams() {
      return streams.size
    }
  }
}
