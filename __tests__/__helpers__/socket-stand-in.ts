import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

// A throwaway Customer.io /api/v2/batch on 127.0.0.1, for what only a real socket does: a connection destroyed before
// the answer, an answer whose body stops short of its content-length, a request held open.

/** What the stand-in does with one request, once its body has arrived. */
export type SocketAnswer =
  | { status: number; body: object }
  /** Destroys the connection without an answer. */
  | 'reset'
  /** Sends 200 headers that promise 64 bytes more than half of the body that follows, then destroys the connection. */
  | 'truncated'
  /** Keeps the request open, unanswered, until the stand-in closes. */
  | 'held'

export interface SocketStandIn {
  url: string
  /** The names of the items of each request received, in order. */
  posted: string[][]
  close(): Promise<void>
}

const TRUNCATED_BODY = JSON.stringify({ errors: [] })

/** Starts the stand-in; `answer` gets the names of each request's items and its index (from 0). */
export async function startSocketStandIn(answer: (names: string[], index: number) => SocketAnswer) {
  const posted: string[][] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch: { name: string }[] }
      posted.push(body.batch.map((item) => item.name))
      const chosen = answer(posted[posted.length - 1], posted.length - 1)
      if (chosen === 'held') return
      if (chosen === 'reset') return req.socket.destroy()
      if (chosen === 'truncated') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': TRUNCATED_BODY.length + 64 })
        return res.write(TRUNCATED_BODY.slice(0, TRUNCATED_BODY.length / 2), () => req.socket.destroy())
      }
      res.writeHead(chosen.status, { 'content-type': 'application/json' }).end(JSON.stringify(chosen.body))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
  const standIn: SocketStandIn = { url: `http://127.0.0.1:${port}`, posted, close }
  return standIn
}
