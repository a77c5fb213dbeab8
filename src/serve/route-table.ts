// Pure: the local server's one route table. Each area contributes a list of routes (destination-routes.ts: the actions
// CLI's and the history's; page/page-routes.ts: the page; simulator-control.ts: the simulator's control and the
// demo); local-server.ts joins them here. A route's handler runs only after every check of the request (local-server.ts).
import type http from 'node:http'
import type { JSONObject } from '@segment/actions-core'
import type { ServerContext } from './server-context'

export type Method = 'GET' | 'HEAD' | 'POST' | 'DELETE'

/** A request that passed every check: its URL and, for a POST, its body as a JSON object. */
export interface Call {
  request: http.IncomingMessage
  response: http.ServerResponse
  url: URL
  body: JSONObject
  server: ServerContext
}

export interface Route<Input = unknown> {
  method: Method
  /** The exact path, or a pattern (POST /<action>). */
  path: string | RegExp
  /** The call's own checks (call-checks.ts), run before the handler: what they return is the handler's input. */
  check?(call: Call): Input | Promise<Input>
  handle(call: Call, input: Input): Promise<void> | void
}

export class RouteTable {
  private readonly exact = new Map<string, Route>()
  private readonly patterns: Route[] = []

  /** The routes of every area, in one table; two routes for the same method and path are a mistake. */
  constructor(...lists: ReadonlyArray<readonly Route[]>) {
    for (const route of lists.flat()) {
      if (route.path instanceof RegExp) {
        this.patterns.push(route)
        continue
      }
      const key = `${route.method} ${route.path}`
      if (this.exact.has(key)) throw new Error(`Two routes for ${key}.`)
      this.exact.set(key, route)
    }
  }

  /** The route for a method and path: an exact one first, then the first pattern that matches. */
  find(method: string, path: string): Route | undefined {
    const exact = this.exact.get(`${method} ${path}`)
    if (exact !== undefined) return exact
    return this.patterns.find((route) => route.method === method && (route.path as RegExp).test(path))
  }
}

/** A route whose handler's input is what its check returns (the table holds routes of every input). */
export function route<Input>(definition: Route<Input>): Route {
  return definition as Route
}
