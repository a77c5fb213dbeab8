// The deliveries page of ./bin/run serve: GET / and its assets (the ES modules and styles in this folder, served as
// they are: no build step), the demo scenarios it offers, and GET /_events (event-streams.ts).
import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type http from 'node:http'
import path from 'node:path'
import { packagePath } from '../package-root'
import { demoScenarios } from '../demo-scenarios'
import type { DeliveryLog } from '../delivery-log'
import type { Method, Route } from '../route-table'
import { EventStreams } from './event-streams'

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

/** The assets stay in src/serve/page/, found from the package root whether this runs from src/ or from dist/. */
const ASSET_DIRECTORY = packagePath('src', 'serve', 'page')
const ASSETS = pageAssets(ASSET_DIRECTORY)

export function pageRoutes(deliveries: DeliveryLog): PageRoutes {
  const streams = new EventStreams(deliveries)
  const both = (path: string, handle: Route['handle']): Route[] =>
    (['GET', 'HEAD'] as Method[]).map((method) => ({ method, path, handle }))
  const routes: Route[] = [
    ...[...ASSETS].flatMap(([path, asset]) =>
      both(path, ({ response }) => sendAsset(response, asset.file, asset.type))
    ),
    ...both('/_page/scenarios.json', ({ response }) => sendScenarios(response)),
    { method: 'GET', path: '/_events', handle: ({ request, response }) => streams.open(request, response) }
  ]
  return {
    routes,
    close: () => streams.closeAll(),
    get openStreams() {
      return streams.size
    }
  }
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
