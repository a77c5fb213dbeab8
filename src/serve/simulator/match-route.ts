// Pure: which route a method and path name. Track routes need auth and can be faulted; control routes (/_sim) cannot.

export type TrackRoute =
  | { kind: 'track'; name: 'entity' | 'batch' | 'auth' | 'region' | 'metrics' }
  | { kind: 'track'; name: 'delete_customer'; rawIdentifier: string }

export type ControlRoute = { kind: 'control'; name: 'state' | 'requests' | 'reset' | 'set_fault' | 'clear_fault' }

export type Route = TrackRoute | ControlRoute | { kind: 'not_found' }

const CUSTOMERS_PREFIX = '/api/v1/customers/'

const FIXED_ROUTES: Record<string, TrackRoute | ControlRoute> = {
  'POST /api/v2/entity': { kind: 'track', name: 'entity' },
  'POST /api/v2/batch': { kind: 'track', name: 'batch' },
  'GET /auth': { kind: 'track', name: 'auth' },
  'GET /api/v1/accounts/region': { kind: 'track', name: 'region' },
  'POST /api/v1/metrics': { kind: 'track', name: 'metrics' },
  'GET /_sim/state': { kind: 'control', name: 'state' },
  'GET /_sim/requests': { kind: 'control', name: 'requests' },
  'POST /_sim/reset': { kind: 'control', name: 'reset' },
  'POST /_sim/fault': { kind: 'control', name: 'set_fault' },
  'DELETE /_sim/fault': { kind: 'control', name: 'clear_fault' }
}

/** The path of a request target, without its query string. */
export function readPath(target: string | undefined): string {
  const path = (target ?? '/').split('?')[0]
  return path === '' ? '/' : path
}

export function matchRoute(method: string, path: string): Route {
  const fixed = FIXED_ROUTES[`${method} ${path}`]
  if (fixed !== undefined) return fixed
  if (method === 'DELETE' && path.startsWith(CUSTOMERS_PREFIX) && path.length > CUSTOMERS_PREFIX.length) {
    return { kind: 'track', name: 'delete_customer', rawIdentifier: path.slice(CUSTOMERS_PREFIX.length) }
  }
  return { kind: 'not_found' }
}
