// Customer.io's failures through actions-core's executeBatch, with nock: the answers the platform must retry (429, 500,
// 503, a connection reset, no answer before the timeout) for a batch sent as one request and for one part of a split
// batch, and the size limits. What only a real socket does is in send-socket-faults.test.ts.
import { HTTPError, createTestIntegration } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import nock from 'nock'
import { createDestination } from '../../src'
import { MAX_REQUEST_BYTES } from '../../src/track-api/limits'
import type { Settings } from '../../src/generated-types'
import { NO_ANSWER, OK, RESET, acceptedNames, answerBatches, refusal } from '../__helpers__/batch-stand-in'
import type { StandInAnswer } from '../__helpers__/batch-stand-in'
import { API_KEY, SITE_ID, US, textOf } from '../__helpers__/destination'
import { BIG_EVENTS, BIG_NAMES, expectOnlyFailed, namedEvent } from '../__helpers__/fault-events'
import { mappingFor } from '../__helpers__/runner'
import { SENT, TRACKED } from '../__helpers__/tracked-batch'

// Long enough that a loaded machine (a mutation run, say) still sends the request before the client gives up.
const TIMEOUT_MS = 1000

const destination = createTestIntegration<Settings>(createDestination({ requestTimeoutMs: TIMEOUT_MS }))

function run(events: SegmentEvent[]) {
  return destination.executeBatch('trackEvent', { events, settings: US.settings, mapping: mappingFor('trackEvent') })
}

/** Answers the request at `index` with `fault` and every other with 200 {}. */
function failingAt(index: number, fault: StandInAnswer) {
  return answerBatches((_request, nth) => (nth === index ? fault : OK))
}

const TOO_MANY = (seconds: number) =>
  refusal(429, 'rate_limited', `Too many requests; retry after ${seconds} second(s).`, { 'retry-after': `${seconds}` })
const INTERNAL = refusal(500, 'internal_error', 'Internal server error.')
const UNAVAILABLE = refusal(503, 'service_unavailable', 'Service unavailable; try again later.')

describe('a batch sent as one request, failures the platform must retry', () => {
  it.each<[string, StandInAnswer, Record<string, unknown>]>([
    ['a connection reset', RESET, { name: 'FetchError', code: 'ECONNRESET', type: 'system' }],
    [
      'no answer before the timeout',
      NO_ANSWER,
      { name: 'TimeoutError', code: 'ETIMEDOUT', message: `Request timed out after ${TIMEOUT_MS}ms` }
    ],
    ['429 with Retry-After', TOO_MANY(7), { name: 'HTTPError', response: { status: 429 } }],
    ['500', INTERNAL, { name: 'HTTPError', response: { status: 500 }, message: 'Internal Server Error' }],
    ['503', UNAVAILABLE, { name: 'HTTPError', response: { status: 503 }, message: 'Service Unavailable' }]
  ])('%s is rethrown, and the batch was posted once', async (_name, fault, expected) => {
    const posted = failingAt(0, fault)
    const error = await run(TRACKED).catch((thrown: Error) => thrown)
    expect(error).toMatchObject(expected)
    for (const secret of [SITE_ID, API_KEY]) expect(textOf((error as Error).message)).not.toContain(secret)
    expect(posted.map((request) => request.body)).toEqual([{ batch: SENT }])
  })

  it('a 429 hands its Retry-After header to the platform with the error, and its value in the message', async () => {
    failingAt(0, TOO_MANY(7))
    const error = (await run(TRACKED).catch((thrown: unknown) => thrown)) as HTTPError
    expect(error).toBeInstanceOf(HTTPError)
    expect(error.response.status).toBe(429)
    expect(error.response.headers.get('retry-after')).toBe('7')
    expect(error.message).toBe('Too Many Requests; Customer.io asked to be retried after 7 seconds (Retry-After: 7)')
  })
})

describe('a batch over 500,000 bytes', () => {
  it('is split into consecutive requests under the limit, and every event is delivered once', async () => {
    const posted = answerBatches(() => OK)
    const result = await run(BIG_EVENTS)
    expect(posted.map((request) => request.names.length)).toEqual([18, 18, 4])
    expect(posted.flatMap((request) => request.names)).toEqual(BIG_NAMES)
    for (const request of posted) expect(request.bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES)
    expect(result.map((node) => node.status)).toEqual(BIG_EVENTS.map(() => 200))
    expect(acceptedNames(posted)).toEqual(BIG_NAMES)
  })

  it.each<[string, StandInAnswer, number, number, string, string]>([
    [
      '503 on the second request',
      UNAVAILABLE,
      1,
      503,
      'SERVICE_UNAVAILABLE',
      'Customer.io rejected the request with HTTP 503: Service unavailable; try again later.'
    ],
    [
      '429 on the second request',
      TOO_MANY(60),
      1,
      429,
      'TOO_MANY_REQUESTS',
      'Customer.io rejected the request with HTTP 429: Too many requests; retry after 60 second(s).; Customer.io ' +
        'asked to be retried after 60 seconds (Retry-After: 60)'
    ],
    [
      '500 on the first request',
      INTERNAL,
      0,
      500,
      'INTERNAL_SERVER_ERROR',
      'Customer.io rejected the request with HTTP 500: Internal server error.'
    ],
    ['a reset of the first request', RESET, 0, 502, 'BAD_GATEWAY', 'the connection to Customer.io failed: ECONNRESET'],
    ['a reset of the last request', RESET, 2, 502, 'BAD_GATEWAY', 'the connection to Customer.io failed: ECONNRESET'],
    [
      'no answer to the second request before the timeout',
      NO_ANSWER,
      1,
      504,
      'GATEWAY_TIMEOUT',
      'the request to Customer.io timed out'
    ]
  ])(
    '%s fails only that request’s events, retryably, and keeps the accepted ones delivered',
    async (_name, fault, failedPart, status, errortype, reason) => {
      const posted = failingAt(failedPart, fault)
      const result = await run(BIG_EVENTS)
      expect(posted).toHaveLength(3)
      expect(posted.flatMap((request) => request.names)).toEqual(BIG_NAMES)
      const failed = new Set(posted[failedPart].names)
      expectOnlyFailed(result, failed, {
        status,
        errortype,
        errormessage: `Part ${
          failedPart + 1
        } of 3 of a split batch failed (${reason}); only its events will be retried.`
      })
      // What Customer.io accepted is exactly what was reported delivered: none of it gets a retryable status.
      const delivered = BIG_NAMES.filter((_name, index) => result[index].status === 200)
      expect(acceptedNames(posted)).toEqual(delivered)
      expect(delivered).toHaveLength(BIG_NAMES.length - failed.size)
    }
  )
})

describe('the size limits', () => {
  const oversized = namedEvent('Oversized', { blob: 'z'.repeat(33_000) })

  it('fail an item over 32,000 bytes alone before sending; the rest of the batch goes on', async () => {
    const posted = answerBatches(() => OK)
    const result = await run([namedEvent('Before'), oversized, namedEvent('After')])
    expect(posted.map((request) => request.names)).toEqual([['Before', 'After']])
    expect(result[0]).toMatchObject({ status: 200, sent: expect.objectContaining({ name: 'Before' }) })
    expect(result[1]).toEqual({
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: 'The item is 33160 bytes as JSON; Customer.io accepts at most 32000 bytes per item.',
      errorreporter: 'INTEGRATIONS'
    })
    expect(result[2]).toMatchObject({ status: 200, sent: expect.objectContaining({ name: 'After' }) })
  })

  it('make the single path throw a PayloadValidationError with the same message, before sending', async () => {
    const anyRequest = nock(US.host).post(/.*/).reply(200, {})
    await expect(
      destination.testAction('trackEvent', {
        event: oversized,
        settings: US.settings,
        mapping: mappingFor('trackEvent')
      })
    ).rejects.toMatchObject({
      name: 'PayloadValidationError',
      status: 400,
      // The body of /api/v2/entity, a little larger than the batch's item.
      message: 'The item is 33188 bytes as JSON; Customer.io accepts at most 32000 bytes per item.'
    })
    expect(anyRequest.isDone()).toBe(false)
  })
})
