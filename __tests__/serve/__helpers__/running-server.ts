// A running ./bin/run serve (the local server and its simulator on free ports of 127.0.0.1) for a test file: started
// before its tests, closed after them, with post() and get() over raw HTTP/1.1 (any header, as a client sends it).
import { serve, type ServeTuning, type Serving } from '../../../src/serve/cli'
import { sendRaw, type RawAnswer } from './raw-http'

export interface Answer extends RawAnswer {
  /** The body parsed as JSON (it throws when the body is not JSON). */
  readonly json: unknown
}

export interface RunningServerForTests {
  /** The server, its simulator and their close(); set once the tests run. */
  readonly serving: Serving
  readonly url: string
  /** Every line the server printed: its banner, then its log. */
  readonly printed: string[]
  /** POST with `content-type: application/json`; a string body is sent as it is, anything else as JSON. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>
  get(path: string, headers?: Record<string, string>): Promise<Answer>
}

export interface RunningServerOptions {
  /** The command line's options (default: a free port and a 1 s timeout for each call to the Track API). */
  options?: Parameters<typeof serve>[0]
  /** Beyond the command line: the limits on reading a request's body. */
  tuning?: ServeTuning
  /** Before each test: the simulator's state, request log and fault cleared, and the delivery history. */
  resetBeforeEach?: boolean
}

export function useRunningServer(setup: RunningServerOptions = {}): RunningServerForTests {
  let serving: Serving | undefined
  const printed: string[] = []
  beforeAll(async () => {
    serving = await serve(
      setup.options ?? { port: '0', 'timeout-ms': '1000' },
      (line) => printed.push(line),
      setup.tuning
    )
  })
  afterAll(() => serving?.close())
  if (setup.resetBeforeEach) {
    beforeEach(() => {
      serving?.simulator?.reset()
      serving?.simulator?.setFault(undefined)
      serving?.server.deliveries.clear()
    })
  }
  const running = (): Serving => {
    if (serving === undefined) throw new Error('The server is not running: use it inside a test.')
    return serving
  }
  return {
    get serving() {
      return running()
    },
    get url() {
      return running().server.url
    },
    printed,
    post: (path, body, headers = {}) =>
      send(running().server.url, {
        path,
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body)
      }),
    get: (path, headers = {}) => send(running().server.url, { method: 'GET', path, headers })
  }
}

async function send(url: string, request: Parameters<typeof sendRaw>[1]): Promise<Answer> {
  const answer = await sendRaw(url, request)
  return {
    ...answer,
    get json(): unknown {
      return JSON.parse(answer.body)
    }
  }
}
