// GET /_events: a server-sent event per new delivery, for the page's live updates. Bounded: at most MAX_EVENT_STREAMS
// open at once, and a stream whose reader leaves MAX_STREAM_BACKLOG_BYTES unread is cut (the page reconnects and
// reloads the list).
import type http from 'node:http'
import { sendJson } from '../answer'
import type { DeliveryLog, DeliveryRecord } from '../delivery-log'

/** A comment line keeps idle streams open through proxies that drop silent connections. */
const HEARTBEAT_MS = 15_000

/**
 * A stream whose reader has left this many bytes unread is cut: a client that opens the stream and never reads would
 * otherwise hold a copy of every delivery in the server's memory.
 */
export const MAX_STREAM_BACKLOG_BYTES = 1_000_000
/** How many event streams may be open at once (one per open page); more are answered 503. */
export const MAX_EVENT_STREAMS = 32

const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no'
}

export class EventStreams {
  private readonly streams = new Map<http.ServerResponse, () => void>()
  /** The stream's line for the latest delivery, serialized once for all the open streams. */
  private lastLine: { record: DeliveryRecord; line: string } | undefined

  constructor(private readonly deliveries: DeliveryLog) {}

  /** How many streams are open. */
  get size(): number {
    return this.streams.size
  }

  open(request: http.IncomingMessage, response: http.ServerResponse): void {
    if (this.streams.size >= MAX_EVENT_STREAMS) {
      return sendJson(response, 503, {
        error: `${MAX_EVENT_STREAMS} event streams are open already: close a page, or read GET /_deliveries.`
      })
    }
    response.writeHead(200, STREAM_HEADERS)
    // How long the browser waits before it reconnects on its own; then the first bytes, so it knows it is connected.
    response.write('retry: 2000\n: connected\n\n')
    const send = (text: string) => {
      if (response.writableLength > MAX_STREAM_BACKLOG_BYTES) {
        stop()
        response.destroy()
      } else response.write(text)
    }
    const unsubscribe = this.deliveries.subscribe((record) => send(this.lineOf(record)))
    const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    let stopped = false
    const stop = () => {
      if (stopped) return
      stopped = true
      unsubscribe()
      clearInterval(heartbeat)
      this.streams.delete(response)
    }
    this.streams.set(response, stop)
    request.once('close', stop)
    response.once('close', stop)
    response.once('error', stop)
  }

  /** Ends every open stream, so that the server can close. */
  closeAll(): void {
    for (const [response, stop] of [...this.streams]) {
      stop()
      response.end()
    }
  }

  private lineOf(record: DeliveryRecord): string {
    // JSON.stringify escapes line breaks inside strings, so the record is one data line.
    if (this.lastLine?.record !== record) this.lastLine = { record, line: `data: ${JSON.stringify(record)}\n\n` }
    return this.lastLine.line
  }
}
