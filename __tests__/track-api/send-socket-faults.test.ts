// What only a real socket does to a request, on 127.0.0.1: a connection destroyed before the answer, an answer whose
// body stops short of its content-length (node-fetch then waits for the rest until the body's timeout), and the
// platform's AbortSignal fired while a request is in flight. The answers themselves are in send-faults.test.ts.
import { createTestIntegration } from '@segment/actions-core'
import type { Destination, SegmentEvent } from '@segment/actions-core'
import { createDestination } from '../../src'
import type { Settings } from '../../src/generated-types'
import { US } from '../__helpers__/destination'
import { BIG_EVENTS, BIG_NAMES, expectOnlyFailed } from '../__helpers__/fault-events'
import { mappingFor } from '../__helpers__/runner'
import { startSocketStandIn } from '../__helpers__/socket-stand-in'
import type { SocketAnswer, SocketStandIn } from '../__helpers__/socket-stand-in'
import { SENT, TRACKED } from '../__helpers__/tracked-batch'

// Long enough that a loaded machine (a mutation run, say) still reads the request before the client gives up.
const TIMEOUT_MS = 1000

let standIn: SocketStandIn | undefined

afterEach(async () => {
  await standIn?.close()
  standIn = undefined
})

/** Starts a stand-in that answers the request at `index` with `fault` and every other with 200 {}. */
async function destinationWith(fault: SocketAnswer, index: number) {
  const started = await startSocketStandIn((_names, nth) => (nth === index ? fault : { status: 200, body: {} }))
  standIn = started
  const destination = createTestIntegration<Settings>(
    createDestination({ hosts: { US: started.url, EU: started.url }, requestTimeoutMs: TIMEOUT_MS })
  )
  return { destination, posted: started.posted }
}

function run(destination: Destination<Settings>, events: SegmentEvent[], signal?: AbortSignal) {
  return destination.executeBatch('trackEvent', {
    events,
    settings: US.settings,
    mapping: mappingFor('trackEvent'),
    signal
  })
}

describe('a batch sent as one request, over a real socket', () => {
  const url = () => `${standIn?.url}/api/v2/batch`
  it.each<[string, SocketAnswer, () => Record<string, unknown>]>([
    [
      'a connection destroyed before the answer',
      'reset',
      () => ({ name: 'FetchError', code: 'ECONNRESET', message: `request to ${url()} failed, reason: socket hang up` })
    ],
    [
      'an answer cut short of its content-length',
      'truncated',
      () => ({
        name: 'FetchError',
        type: 'body-timeout',
        message: `Response timeout while trying to fetch ${url()} (over ${TIMEOUT_MS}ms)`
      })
    ]
  ])('%s is rethrown for the platform to retry, and the batch was posted once', async (_name, fault, expected) => {
    const { destination, posted } = await destinationWith(fault, 0)
    const error = await run(destination, TRACKED).catch((thrown: Error) => thrown)
    expect(error).toMatchObject(expected())
    expect(posted).toEqual([SENT.map((item) => item.name)])
  })
})

describe('a split batch, over a real socket', () => {
  it.each<[string, SocketAnswer, number, number, string, string]>([
    [
      'a connection destroyed before the first answer',
      'reset',
      0,
      502,
      'BAD_GATEWAY',
      'the connection to Customer.io failed: ECONNRESET'
    ],
    [
      'an answer to the last request cut short (once its body times out)',
      'truncated',
      2,
      504,
      'GATEWAY_TIMEOUT',
      'the request to Customer.io timed out'
    ]
  ])('%s fails only that request’s events, retryably', async (_name, fault, part, status, errortype, reason) => {
    const { destination, posted } = await destinationWith(fault, part)
    const result = await run(destination, BIG_EVENTS)
    expect(posted).toHaveLength(3)
    expect(posted.flat()).toEqual(BIG_NAMES)
    const failed = new Set(posted[part])
    expectOnlyFailed(result, failed, {
      status,
      errortype,
      errormessage: `Part ${part + 1} of 3 of a split batch failed (${reason}); only its events will be retried.`
    })
  })
})

describe('the platform’s AbortSignal, over a real socket', () => {
  it('fired while part 2 is in flight: part 1 stays delivered, part 2 is retried, part 3 is never sent', async () => {
    const controller = new AbortController()
    const started = await startSocketStandIn((_names, index) => {
      if (index === 0) return { status: 200, body: {} }
      controller.abort()
      return 'held'
    })
    standIn = started
    const destination = createTestIntegration<Settings>(
      createDestination({ hosts: { US: started.url, EU: started.url }, requestTimeoutMs: 30_000 })
    )
    const result = await run(destination, BIG_EVENTS, controller.signal)
    expect(started.posted).toHaveLength(2)
    const [first, second] = started.posted.map((names) => new Set(names))
    result.forEach((node, index) => {
      const name = BIG_NAMES[index]
      if (first.has(name)) return expect(node).toMatchObject({ status: 200, sent: expect.objectContaining({ name }) })
      if (second.has(name))
        return expect(node).toEqual({
          status: 408,
          errortype: 'CANCELLED',
          errormessage:
            'The batch was cancelled while this event was being sent, before Customer.io answered; it will be retried.',
          sent: expect.objectContaining({ name }),
          body: expect.objectContaining({ name }),
          errorreporter: 'DESTINATION'
        })
      expect(node).toEqual({
        status: 408,
        errortype: 'CANCELLED',
        errormessage: 'The batch was cancelled before this event was sent; it will be retried.',
        body: expect.objectContaining({ name }),
        errorreporter: 'DESTINATION'
      })
    })
    expect(result.filter((node) => node.status === 408)).toHaveLength(BIG_EVENTS.length - first.size)
  })
})
