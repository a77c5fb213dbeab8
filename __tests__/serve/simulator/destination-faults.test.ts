// The simulator's faults with the destination, over real sockets on 127.0.0.1: each fault mode reaches the destination
// as Customer.io's would, and what the simulator stores is what the outcomes say was delivered. The destination's own
// tests of the same answers: __tests__/track-api/send-faults.test.ts (nock) and send-socket-faults.test.ts.
import { HTTPError, createTestIntegration, type SegmentEvent } from '@segment/actions-core'
import { createDestination } from '../../../src'
import { startSimulator, type FaultSpec, type Simulator } from '../../../src/serve/simulator'
import { MAX_REQUEST_BYTES } from '../../../src/track-api/limits'
import { BIG_EVENTS, namedEvent as event } from '../../__helpers__/fault-events'
import { mappingFor } from '../../__helpers__/runner'
import type { Settings } from '../../../src/generated-types'

const SETTINGS = { siteId: 'fault-site', apiKey: 'fault-key-0042', accountRegion: 'US 🇺🇸' }
// Long enough that a loaded machine (a mutation run, say) still reads the request before the client gives up.
const TIMEOUT_MS = 1000

let simulator: Simulator
let destination: ReturnType<typeof createTestIntegration<Settings>>

beforeAll(async () => {
  simulator = await startSimulator({ siteId: SETTINGS.siteId, apiKey: SETTINGS.apiKey })
  destination = createTestIntegration(
    createDestination({ hosts: { US: simulator.url, EU: simulator.url }, requestTimeoutMs: TIMEOUT_MS })
  )
})

afterAll(() => simulator.close())

beforeEach(() => {
  simulator.setFault(undefined)
  simulator.reset()
  destination.responses = []
})

const smallEvents = [event('One'), event('Two'), event('Three')]
const bigEvents = BIG_EVENTS

function run(events: SegmentEvent[]) {
  return destination.executeBatch('trackEvent', { events, settings: SETTINGS, mapping: mappingFor('trackEvent') })
}

/** The event names posted in each batch request that reached the simulator, in order. */
function postedBatches(): string[][] {
  return simulator.requests
    .filter((entry) => entry.path === '/api/v2/batch')
    .map((entry) => (entry.body as { batch: { name: string }[] }).batch.map((item) => item.name))
}

function storedEventNames(): string[] {
  return simulator.state.events.map((stored) => stored.name as string)
}

describe('sendBatch, one request, faults the platform must retry', () => {
  it.each<[string, FaultSpec, Record<string, unknown>]>([
    ['a connection reset', { mode: 'reset' }, { name: 'FetchError', code: 'ECONNRESET' }],
    ['a truncated body', { mode: 'truncated' }, { name: 'FetchError', type: 'body-timeout' }],
    ['a timeout', { mode: 'slow', delayMs: TIMEOUT_MS * 4 }, { name: 'TimeoutError', code: 'ETIMEDOUT' }],
    ['429 with Retry-After', { mode: '429', retryAfterSeconds: 7 }, { name: 'HTTPError', response: { status: 429 } }],
    ['500', { mode: '500' }, { name: 'HTTPError', response: { status: 500 } }],
    ['503', { mode: '503' }, { name: 'HTTPError', response: { status: 503 } }]
  ])('%s is rethrown, and the batch was posted once', async (_name, fault, expected) => {
    simulator.setFault(fault, 1)
    const error = await run(smallEvents).catch((thrown: Error) => thrown)
    expect(error).toMatchObject(expected)
    expect(String((error as Error).message)).not.toContain(SETTINGS.apiKey)
    expect(postedBatches()).toEqual([['One', 'Two', 'Three']])
  })

  it('the simulator’s 429 reaches the destination’s error with its Retry-After header', async () => {
    simulator.setFault({ mode: '429', retryAfterSeconds: 7 }, 1)
    const error = (await run(smallEvents).catch((thrown: unknown) => thrown)) as HTTPError
    expect(error).toBeInstanceOf(HTTPError)
    expect([error.response.status, error.response.headers.get('retry-after')]).toEqual([429, '7'])
  })
})

describe('sendBatch, a batch over 500,000 bytes', () => {
  it('is split into consecutive requests under the limit, and every event is delivered once', async () => {
    const result = await run(bigEvents)
    const batches = postedBatches()
    expect(batches.length).toBe(3)
    expect(batches.flat()).toEqual(bigEvents.map((big) => big.event))
    for (const entry of simulator.requests) expect(entry.bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES)
    expect(result.map((node) => node.status)).toEqual(bigEvents.map(() => 200))
    expect(storedEventNames()).toEqual(bigEvents.map((big) => big.event))
  })

  it.each<[string, FaultSpec, number, string, string]>([
    [
      '503 on the second request',
      { mode: '503' },
      1,
      'SERVICE_UNAVAILABLE',
      'Customer.io rejected the request with HTTP 503'
    ],
    [
      '429 on the second request',
      { mode: '429' },
      1,
      'TOO_MANY_REQUESTS',
      'Customer.io rejected the request with HTTP 429'
    ],
    [
      '500 on the first request',
      { mode: '500' },
      0,
      'INTERNAL_SERVER_ERROR',
      'Customer.io rejected the request with HTTP 500'
    ],
    [
      'a reset of the first request',
      { mode: 'reset' },
      0,
      'BAD_GATEWAY',
      'the connection to Customer.io failed: ECONNRESET'
    ],
    [
      'a reset of the last request',
      { mode: 'reset' },
      2,
      'BAD_GATEWAY',
      'the connection to Customer.io failed: ECONNRESET'
    ]
  ])(
    '%s fails only that request’s events, retryably, and keeps the accepted ones delivered',
    async (_name, fault, failedPart, errortype, reason) => {
      simulator.setFault(fault, 1, failedPart)
      const result = await run(bigEvents)
      const batches = postedBatches()
      expect(batches.length).toBe(3)
      expect(batches.flat()).toEqual(bigEvents.map((big) => big.event))
      const failedNames = new Set(batches[failedPart])
      const status = { SERVICE_UNAVAILABLE: 503, TOO_MANY_REQUESTS: 429, INTERNAL_SERVER_ERROR: 500, BAD_GATEWAY: 502 }[
        errortype
      ]
      result.forEach((node, index) => {
        const name = bigEvents[index].event as string
        if (!failedNames.has(name)) {
          expect(node).toMatchObject({ status: 200 })
          return
        }
        expect(node).toMatchObject({ status, errortype, errorreporter: 'DESTINATION' })
        expect((node as { errormessage: string }).errormessage).toMatch(
          new RegExp(
            `^Part ${failedPart + 1} of 3 of a split batch failed \\(${reason}.*\\); only its events will be retried\\.$`
          )
        )
      })
      // What Customer.io accepted is exactly what was reported delivered: none of it gets a retryable status.
      const delivered = bigEvents.filter((_big, index) => result[index].status === 200).map((big) => big.event)
      expect(storedEventNames()).toEqual(delivered)
    }
  )

  it('a 429 with Retry-After on one part says when Customer.io asked to be retried, in its events’ messages', async () => {
    simulator.setFault({ mode: '429', retryAfterSeconds: 30 }, 1, 1)
    const result = await run(bigEvents)
    const limited = new Set(postedBatches()[1])
    expect(limited.size).toBeGreaterThan(0)
    result.forEach((node, index) => {
      if (!limited.has(bigEvents[index].event as string)) return expect(node).toMatchObject({ status: 200 })
      expect(node).toMatchObject({
        status: 429,
        errortype: 'TOO_MANY_REQUESTS',
        errormessage:
          'Part 2 of 3 of a split batch failed (Customer.io rejected the request with HTTP 429: Too many requests ' +
          '(simulated); retry after 30 second(s).; Customer.io asked to be retried after 30 seconds ' +
          '(Retry-After: 30)); only its events will be retried.'
      })
    })
  })

  it('a timeout of one request fails only its events with 504, retryably', async () => {
    simulator.setFault({ mode: 'slow', delayMs: TIMEOUT_MS * 4 }, 1, 1)
    const result = await run(bigEvents)
    const batches = postedBatches()
    const timedOut = new Set(batches[1])
    result.forEach((node, index) => {
      if (timedOut.has(bigEvents[index].event as string)) {
        expect(node).toMatchObject({ status: 504, errortype: 'GATEWAY_TIMEOUT' })
        expect((node as { errormessage: string }).errormessage).toBe(
          'Part 2 of 3 of a split batch failed (the request to Customer.io timed out); only its events will be retried.'
        )
      } else expect(node).toMatchObject({ status: 200 })
    })
  })

  it('a truncated answer fails only that request’s events, retryably, once its body times out', async () => {
    simulator.setFault({ mode: 'truncated' }, 1, 2)
    const result = await run(bigEvents)
    const truncated = new Set(postedBatches()[2])
    result.forEach((node, index) => {
      if (truncated.has(bigEvents[index].event as string)) {
        expect(node).toMatchObject({
          status: 504,
          errortype: 'GATEWAY_TIMEOUT',
          errormessage:
            'Part 3 of 3 of a split batch failed (the request to Customer.io timed out); only its events will be retried.'
        })
      } else expect(node).toMatchObject({ status: 200 })
    })
  })
})

describe('the size limits', () => {
  const oversized = event('Oversized', { blob: 'z'.repeat(33_000) })

  it('fail an item over 32,000 bytes alone before sending; the rest of the batch goes on', async () => {
    const result = await run([event('Before'), oversized, event('After')])
    expect(postedBatches()).toEqual([['Before', 'After']])
    expect(result[0]).toMatchObject({ status: 200 })
    expect(result[1]).toEqual({
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: expect.stringMatching(
        /^The item is 33\d{3} bytes as JSON; Customer.io accepts at most 32000 bytes per item\.$/
      ),
      errorreporter: 'INTEGRATIONS'
    })
    expect(result[2]).toMatchObject({ status: 200 })
  })

  it('make the single path throw a PayloadValidationError with the same message, before sending', async () => {
    await expect(
      destination.testAction('trackEvent', { event: oversized, settings: SETTINGS, mapping: mappingFor('trackEvent') })
    ).rejects.toMatchObject({
      name: 'PayloadValidationError',
      status: 400,
      message: expect.stringMatching(/^The item is 33\d{3} bytes as JSON; Customer.io accepts at most 32000 bytes/)
    })
    expect(simulator.requests).toEqual([])
  })
})

describe('the platform’s AbortSignal, over real sockets', () => {
  it('fired while the simulator delays part 2: it has stored part 1, which alone is reported delivered', async () => {
    simulator.setFault({ mode: 'slow', delayMs: 5_000 }, 1, 1)
    const controller = new AbortController()
    // Fire as soon as the simulator has received the second request.
    const watcher = setInterval(() => {
      if (postedBatches().length >= 2) controller.abort()
    }, 5)
    const result = await destination
      .executeBatch('trackEvent', {
        events: bigEvents,
        settings: SETTINGS,
        mapping: mappingFor('trackEvent'),
        signal: controller.signal
      })
      .finally(() => clearInterval(watcher))
    // When the batch comes back, the simulator has stored exactly what the outcomes say was delivered: the first part.
    const batches = postedBatches()
    expect(batches).toHaveLength(2)
    const delivered = bigEvents.filter((_big, index) => result[index].status === 200).map((big) => big.event)
    expect(delivered).toEqual(batches[0])
    expect(storedEventNames()).toEqual(batches[0])
    expect(result.filter((node) => node.status === 408).length).toBe(bigEvents.length - batches[0].length)
  })
})
