// Raw HTTP/1.1 over a loopback socket: for requests fetch will not send (any Host, broken bodies, slow senders).
import net from 'node:net'

export interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

export interface RawRequest {
  method?: string
  path?: string
  /** Header lines as sent; `host` and `content-length` default to the true ones; `connection: close` is added. */
  headers?: Record<string, string>
  body?: string | Buffer
  /** When set, the body is sent in pieces of this many bytes, `delayMs` apart. */
  trickle?: { bytes: number; delayMs: number }
}

/** Sends one request to `url`'s port on 127.0.0.1 and reads the answer until the server closes. */
export function sendRaw(url: string, request: RawRequest): Promise<RawAnswer> {
  const { port, host } = new URL(url)
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : (request.body ?? Buffer.alloc(0))
  const framed = request.method === 'GET' || request.headers?.['transfer-encoding'] !== undefined
  const length: Record<string, string> = framed ? {} : { 'content-length': String(body.length) }
  const headers: Record<string, string> = { host, ...length, ...request.headers, connection: 'close' }
  const head = [`${request.method ?? 'POST'} ${request.path ?? '/'} HTTP/1.1`]
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1')
    const chunks: Buffer[] = []
    let timer: NodeJS.Timeout | undefined
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', (error) => {
      clearTimeout(timer)
      // The server may close while a trickle is still sending; what it answered before is the answer.
      if (chunks.length > 0) resolve(parseAnswer(Buffer.concat(chunks)))
      else reject(error)
    })
    socket.on('close', () => {
      clearTimeout(timer)
      if (chunks.length > 0) resolve(parseAnswer(Buffer.concat(chunks)))
      else reject(new Error('The server closed the connection without an answer.'))
    })
    socket.write(`${head.join('\r\n')}\r\n\r\n`)
    if (!request.trickle) {
      socket.write(body)
      return
    }
    const { bytes, delayMs } = request.trickle
    let offset = 0
    const sendPiece = () => {
      if (socket.destroyed || offset >= body.length) return
      socket.write(body.subarray(offset, offset + bytes))
      offset += bytes
      timer = setTimeout(sendPiece, delayMs)
    }
    sendPiece()
  })
}

function parseAnswer(raw: Buffer): RawAnswer {
  const text = raw.toString('utf8')
  const end = text.indexOf('\r\n\r\n')
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) }
}
