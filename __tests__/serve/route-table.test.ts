import { RouteTable, type Route } from '../../src/serve/route-table'

const handle = () => undefined

describe('the route table', () => {
  it('finds an exact route before a pattern, by method and path', () => {
    const manifest: Route = { method: 'GET', path: '/manifest', handle }
    const action: Route = { method: 'POST', path: /^\/[A-Za-z]+$/, handle }
    const authenticate: Route = { method: 'POST', path: '/authenticate', handle }
    const table = new RouteTable([manifest, action], [authenticate])
    expect(table.find('GET', '/manifest')).toBe(manifest)
    expect(table.find('POST', '/authenticate')).toBe(authenticate)
    expect(table.find('POST', '/trackEvent')).toBe(action)
    expect(table.find('POST', '/manifest')).toBe(action)
    expect([table.find('GET', '/trackEvent'), table.find('POST', '/track_event')]).toEqual([undefined, undefined])
  })

  it('refuses two routes for the same method and path, whichever areas they come from', () => {
    const route: Route = { method: 'GET', path: '/_stats', handle }
    expect(() => new RouteTable([route], [{ ...route }])).toThrow(new Error('Two routes for GET /_stats.'))
  })
})
