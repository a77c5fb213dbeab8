// Decorators of actions-core's request client, applied by the destination to every Track API call.
import type { ModifiedResponse, RequestClient, RequestOptions } from '@segment/actions-core'
import { CUSTOMERIO_TRACK_HOSTS } from './endpoints'
import type { TrackApiHosts } from './types'

/** Set explicitly: actions-core ignores its environment override of the default. */
export const REQUEST_TIMEOUT_MS = 10_000

/**
 * Every call gets the timeout explicitly (actions-core ignores its environment override) and reads the answer's body
 * without cloning it: node-fetch 2 puts the timeout on the response it returns but not on a clone, so a body cut
 * short by the server would otherwise be read forever. Uncloned, a stalled body fails with a `body-timeout`.
 */
export function withTimeout(request: RequestClient, timeoutMs: number = REQUEST_TIMEOUT_MS): RequestClient {
  return <Data>(url: string, options: RequestOptions = {}): Promise<ModifiedResponse<Data>> =>
    request<Data>(url, { ...options, timeout: timeoutMs, skipResponseCloning: true })
}

/** Sends what would go to Customer.io's hosts to other hosts (the simulator): the rest of each call is unchanged. */
export function withHosts(request: RequestClient, hosts: TrackApiHosts): RequestClient {
  return <Data>(url: string, options?: RequestOptions): Promise<ModifiedResponse<Data>> => {
    for (const region of ['US', 'EU'] as const) {
      const origin = CUSTOMERIO_TRACK_HOSTS[region]
      if (url.startsWith(`${origin}/`)) return request<Data>(hosts[region] + url.slice(origin.length), options)
    }
    return request<Data>(url, options)
  }
}
