// Pure: the loopback check both servers (the local server and the simulator) run first. A server on the loopback is
// reachable by every page its user opens: it answers only requests that name it (Host) and come from its own page or
// from no page at all (Origin).
import type { IncomingHttpHeaders } from 'node:http'

export interface Refusal {
  status: number
  message: string
}

/** The names a server answers to: its port on 127.0.0.1, localhost and [::1] (and its own address if another). */
export function allowedHostsOf(port: number, listenAddress: string): Set<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]']
  const own = listenAddress.includes(':') ? `[${listenAddress}]` : listenAddress
  if (!['0.0.0.0', '[::]'].includes(own) && !names.includes(own)) names.push(own.toLowerCase())
  const hosts = new Set(names.map((name) => `${name}:${port}`))
  if (port === 80) for (const name of names) hosts.add(name)
  return hosts
}

/** Why the request's Host or Origin is refused (a 403), or undefined when both name this server. */
export function loopbackRefusal(headers: IncomingHttpHeaders, allowedHosts: ReadonlySet<string>): Refusal | undefined {
  const host = headers.host?.toLowerCase()
  if (host === undefined || !allowedHosts.has(host)) {
    return {
      status: 403,
      message: `This server answers only requests addressed to ${[...allowedHosts].join(', ')} (the Host header).`
    }
  }
  const origin = headers.origin
  if (origin !== undefined && !isOwnOrigin(origin, allowedHosts)) {
    return { status: 403, message: 'Requests from other websites are refused (the Origin header is not this server).' }
  }
  return undefined
}

function isOwnOrigin(origin: string, allowedHosts: ReadonlySet<string>): boolean {
  const prefix = 'http://'
  return origin.toLowerCase().startsWith(prefix) && allowedHosts.has(origin.slice(prefix.length).toLowerCase())
}
