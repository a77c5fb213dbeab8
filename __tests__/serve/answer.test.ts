// The local server's one answer writer (answer.ts) on a real socket: compact JSON, written as the client reads it,
// and a client that does not read is cut off instead of holding the whole answer in the server's memory.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'
import { ANSWER_CHUNK_CHARACTERS, ANSWER_STALL_MS, sendJson } from '../../src/serve/answer'

/** A value of about 30 MB as compact JSON. */
const BIG = Array.from({ length: 3000 }, (_, index) => ({ index, text: 'x'.repeat(10_000) }))

interface Sent {
  response: http.ServerResponse
  /** The bytes node held for the response right after sendJson returned. */
  heldAfterSend: number
}

async function withServer(stallMs: number, value: unknown, test: (port: number, sent: Promise<Sent>) => Promise<void>) {
  let resolveSent: (sent: Sent) => void = () => undefined
  const sent = new Promise<Sent>((resolve) => (resolveSent = resolve))
  const server = http.createServer((_request, response) => {
    sendJson(response, 200, value, { stallMs })
    resolveSent({ response, heldAfterSend: response.writableLength })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    await test((server.address() as AddressInfo).port, sent)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}

describe('the answer writer', () => {
  it('sends compact JSON: the bytes sent are the bytes the caps count, however deep the value', async () => {
    let deep: unknown = 1
    for (let level = 0; level < 95; level++) deep = [deep]
    const value = { properties: Object.fromEntries(Array.from({ length: 70 }, (_, index) => [`k${index}`, deep])) }
    await withServer(1000, value, async (port) => {
      const answer = await fetch(`http://127.0.0.1:${port}/`)
      const text = await answer.text()
      expect(text).toBe(JSON.stringify(value))
      expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(text)))
    })
  })

  it('holds at most one chunk for a client that does not read, and cuts that client off when it stalls', async () => {
    await withServer(300, BIG, async (port, sent) => {
      const socket = net.connect(port, '127.0.0.1')
      socket.write('GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n')
      socket.pause()
      const { response, heldAfterSend } = await sent
      // One chunk and the head.
      expect(heldAfterSend).toBeLessThanOrEqual(3 * ANSWER_CHUNK_CHARACTERS + 1024)
      await new Promise<void>((resolve) => {
        if (response.destroyed) resolve()
        else response.once('close', () => resolve())
      })
      expect(response.writableFinished).toBe(false)
      socket.destroy()
    })
  })

  it('keeps a character of two UTF-16 units whole where a chunk ends', async () => {
    // The JSON text opens with a quote: the emoji's first unit is the last of the first chunk.
    const value = `${'x'.repeat(ANSWER_CHUNK_CHARACTERS - 2)}😀${'y'.repeat(10)}`
    await withServer(1000, value, async (port) => {
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe(JSON.stringify(value))
    })
  })

  it('sends the whole answer to a client that reads it', async () => {
    // The server's own stall limit: the client shares this process, whose pauses (GC, other tests) can pass 300 ms.
    await withServer(ANSWER_STALL_MS, BIG, async (port) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/`)).text()
      expect(text.length).toBe(JSON.stringify(BIG).length)
    })
  })
})
