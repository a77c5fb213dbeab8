// A local stand-in for Customer.io's /api/v2/batch, run in a child process so that its CPU stays out of the measured
// process's process.cpuUsage(). The first path segment chooses the answer:
//   /ok/…   200 {}
//   /m207/… 207 with one error for every 10th item (batch_index 9, 19, …), as Customer.io reports invalid items.
// It tells the parent its port over IPC, and answers {type: 'stats'} with what it received.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type SinkMessage =
  | { type: 'listening'; port: number }
  | { type: 'stats'; requests: number; items: number; rejected: number; bytes: number }

const OK_BODY = '{}'
let requests = 0
let items = 0
let rejected = 0
let bytes = 0

function answer207(count: number): string {
  const errors: { batch_index: number; reason: string; field: string; message: string }[] = []
  for (let index = 9; index < count; index += 10) {
    errors.push({ batch_index: index, reason: 'invalid', field: 'name', message: `name is invalid for item ${index}` })
  }
  rejected += errors.length
  return JSON.stringify({ errors })
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    const raw = Buffer.concat(chunks)
    requests += 1
    bytes += raw.length
    let count = 0
    try {
      const parsed = JSON.parse(raw.toString('utf8')) as { batch?: unknown[] }
      count = Array.isArray(parsed.batch) ? parsed.batch.length : 0
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end('{"errors":[{"reason":"invalid","message":"the body is not JSON"}]}')
      return
    }
    items += count
    const multistatus = (req.url ?? '').startsWith('/m207/')
    const body = multistatus ? answer207(count) : OK_BODY
    res.writeHead(multistatus ? 207 : 200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body)
    })
    res.end(body)
  })
})

server.keepAliveTimeout = 5_000
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  send({ type: 'listening', port })
})

process.on('message', (message: unknown) => {
  if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'stats') {
    send({ type: 'stats', requests, items, rejected, bytes })
  }
})
process.on('disconnect', () => server.close(() => process.exit(0)))

function send(message: SinkMessage): void {
  process.send?.(message)
}
