import { HTTPError, Headers } from '@segment/actions-core'
import type { ModifiedResponse, Request } from '@segment/actions-core'
import {
  aloneTooLarge,
  cancelledOutcome,
  classifyFailedRequest,
  outcomeInBatch,
  rethrowsWhole
} from '../../src/track-api/request-outcome'
import type { FailedRequest } from '../../src/track-api/request-outcome'
import { answer, named, withFields } from '../__helpers__/request-errors'

// One classification of what a failed request threw, and what it means for its events: each way in is pinned here,
// and so is each near-miss that must not be mistaken for it.
const TIMED_OUT = {
  ok: false,
  status: 504,
  errortype: 'GATEWAY_TIMEOUT',
  message: 'the request to Customer.io timed out',
  retryable: true
}

const connectionFailed = (reason: string) => ({
  ok: false,
  status: 502,
  errortype: 'BAD_GATEWAY',
  message: `the connection to Customer.io failed: ${reason}`,
  retryable: true
})

const IN_FLIGHT = cancelledOutcome(true)

const httpError = (response: ModifiedResponse) => new HTTPError(response, {} as Request, {} as never)

function firedSignal(): AbortSignal {
  const controller = new AbortController()
  controller.abort()
  return controller.signal
}

describe('classifyFailedRequest: an HTTP answer', () => {
  it('reads an HTTPError of this copy of actions-core as the answer it carries', () => {
    const error = httpError(answer(429, { meta: { error: 'slow down' } }, 'Too Many Requests'))
    expect(classifyFailedRequest(error)).toEqual({
      kind: 'answered',
      tag: 429,
      failure: {
        ok: false,
        status: 429,
        errortype: 'TOO_MANY_REQUESTS',
        message: 'Customer.io rejected the request with HTTP 429: slow down',
        retryable: true
      }
    })
  })

  it('reads a subclass of HTTPError, whatever its name, as the answer it carries, with its status', () => {
    class RefusedByProxy extends HTTPError {}
    const error = new RefusedByProxy(
      answer(403, { meta: { error: 'not here' } }, 'Forbidden'),
      {} as Request,
      {} as never
    )
    expect(error.name).toBe('RefusedByProxy')
    expect(classifyFailedRequest(error)).toEqual({
      kind: 'answered',
      tag: 403,
      failure: {
        ok: false,
        status: 403,
        errortype: 'INVALID_AUTHENTICATION',
        message: 'Customer.io rejected the request with HTTP 403: not here',
        retryable: false
      }
    })
  })

  it('reads an HTTPError of another copy by its name and its response', () => {
    const error = named('HTTPError', { response: answer(400, 'no', 'Bad Request') })
    expect(classifyFailedRequest(error)).toEqual({
      kind: 'answered',
      tag: 400,
      failure: {
        ok: false,
        status: 400,
        errortype: 'BAD_REQUEST',
        message: 'Customer.io rejected the request with HTTP 400: "no"',
        retryable: false
      }
    })
  })

  it('adds what a 429 or 503 says about when to try again to the message', () => {
    const response = { ...answer(503, {}, 'Service Unavailable'), headers: new Headers({ 'retry-after': '7' }) }
    expect(classifyFailedRequest(httpError(response as ModifiedResponse)).failure.message).toBe(
      'Customer.io rejected the request with HTTP 503: Service Unavailable; Customer.io asked to be retried after 7 ' +
        'seconds (Retry-After: 7)'
    )
  })

  it('keeps an answer an answer after the platform’s signal fired', () => {
    expect(classifyFailedRequest(httpError(answer(500, {})), firedSignal())).toMatchObject({
      kind: 'answered',
      tag: 500,
      failure: { status: 500, errortype: 'INTERNAL_SERVER_ERROR' }
    })
  })

  it('does not take a look-alike for an HTTPError', () => {
    expect(classifyFailedRequest(named('HTTPError')).kind).toBe('unexpected')
  })
})

describe('classifyFailedRequest: no answer', () => {
  it.each([
    ['node-fetch body timeout', named('FetchError', { type: 'body-timeout' })],
    ['node-fetch request timeout', named('FetchError', { type: 'request-timeout' })],
    ['TimeoutError', named('TimeoutError')],
    ['RequestTimeoutError', named('RequestTimeoutError')],
    ['ETIMEDOUT', withFields(new Error('x'), { code: 'ETIMEDOUT' })],
    ['REQUESTTIMEOUTERROR', withFields(new Error('x'), { code: 'REQUESTTIMEOUTERROR' })]
  ])('reads %s as a timeout', (_name, error) => {
    expect(classifyFailedRequest(error)).toEqual({ kind: 'timed-out', tag: 'timeout', failure: TIMED_OUT })
  })

  it.each([
    ['a FetchError without a code, by its name', named('FetchError'), 'FetchError'],
    ['ECONNRESET', withFields(new Error('x'), { code: 'ECONNRESET' }), 'ECONNRESET'],
    ['a FetchError with a code, by its code', named('FetchError', { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    ['EPIPE', withFields(new TypeError('x'), { code: 'EPIPE' }), 'EPIPE']
  ])('reads %s as a failed connection', (_name, error, reason) => {
    expect(classifyFailedRequest(error)).toEqual({
      kind: 'network',
      tag: 'network_error',
      failure: connectionFailed(reason)
    })
  })

  it.each([
    ['a TypeError', new TypeError('x')],
    ['a lowercase code', withFields(new Error('x'), { code: 'econnreset' })],
    ['a bare E', withFields(new Error('x'), { code: 'E' })],
    ['a code with a digit', withFields(new Error('x'), { code: 'ECONN1' })],
    ['a code with a leading space', withFields(new Error('x'), { code: ' ECONNRESET' })],
    ['a numeric code', withFields(new Error('x'), { code: 104 })],
    ['an unknown timeout type', named('FetchError2', { type: 'system' })],
    ['a plain object shaped like a timeout', { name: 'TimeoutError', type: 'body-timeout', code: 'ETIMEDOUT' }],
    ['a string', 'ECONNRESET'],
    ['undefined', undefined]
  ])('does not recognise %s: an unexpected failure', (_name, error) => {
    expect(classifyFailedRequest(error).kind).toBe('unexpected')
  })

  it('names only the kind of an unexpected error, retryably', () => {
    expect(classifyFailedRequest(new TypeError('secret-key in a message')).failure).toEqual({
      ok: false,
      status: 500,
      errortype: 'INTERNAL_SERVER_ERROR',
      message: 'the request to Customer.io failed: TypeError',
      retryable: true
    })
    expect(classifyFailedRequest('text').failure).toMatchObject({
      message: 'the request to Customer.io failed: string'
    })
  })
})

describe('classifyFailedRequest: the request metric’s tag', () => {
  it.each([
    ['an HTTP answer, by its status', httpError(answer(503, {})), 503],
    ['a request the platform aborted', withFields(new Error('aborted'), { code: 'REQUESTCLIENTERROR' }), 'cancelled'],
    ['a body timeout of node-fetch', named('FetchError', { type: 'body-timeout' }), 'timeout'],
    ['a reset', withFields(new Error('x'), { code: 'ECONNRESET' }), 'network_error'],
    [
      'a code that is not text, even one that reads as a reset',
      withFields(new Error('x'), { code: ['ECONNRESET'] }),
      'error'
    ],
    ['anything else', new TypeError('x'), 'error'],
    ['a thrown undefined', undefined, 'error'],
    ['a thrown null', null, 'error']
  ])('tags %s', (_name, error, status) => {
    expect(classifyFailedRequest(error).tag).toBe(status)
  })
})

describe('classifyFailedRequest: the platform’s signal', () => {
  it.each([
    ['actions-core’s abort', withFields(new Error('Request was aborted'), { code: 'REQUESTCLIENTERROR' }), 'cancelled'],
    ['a timeout', named('TimeoutError'), 'timeout'],
    ['a reset', withFields(new Error('x'), { code: 'ECONNRESET' }), 'network_error'],
    ['anything else', new TypeError('x'), 'error']
  ])('once it has fired, reads %s as the cancellation, tagged by the error itself', (_name, error, tag) => {
    expect(classifyFailedRequest(error, firedSignal())).toEqual({ kind: 'cancelled', tag, failure: IN_FLIGHT })
  })

  it('before it fires, changes nothing', () => {
    const error = withFields(new Error('x'), { code: 'ECONNRESET' })
    expect(classifyFailedRequest(error, new AbortController().signal)).toEqual(classifyFailedRequest(error))
  })
})

describe('what a failed request means for its events', () => {
  const failed = (error: unknown, signal?: AbortSignal): FailedRequest => classifyFailedRequest(error, signal)
  const unavailable = failed(httpError(answer(503, {}, 'Service Unavailable')))
  const refused = failed(httpError(answer(401, { meta: { error: 'no' } }, 'Unauthorized')))
  const cancelled = failed(new Error('x'), firedSignal())

  it('a batch sent as one request rethrows what the platform retries, and nothing else', () => {
    expect(rethrowsWhole(unavailable)).toBe(true)
    expect(rethrowsWhole(failed(named('TimeoutError')))).toBe(true)
    expect(rethrowsWhole(failed(new TypeError('x')))).toBe(true)
    expect(rethrowsWhole(cancelled)).toBe(true)
    expect(rethrowsWhole(refused)).toBe(false)
  })

  it('a retryable failure of a part of a split batch names the part, and the half after a 413', () => {
    expect(outcomeInBatch(unavailable, { part: 2, parts: 3, halves: [] })).toEqual({
      ...unavailable.failure,
      message:
        'Part 2 of 3 of a split batch failed (Customer.io rejected the request with HTTP 503: Service Unavailable); ' +
        'only its events will be retried.'
    })
    expect(outcomeInBatch(unavailable, { part: 1, parts: 1, halves: [2, 1] }).message).toBe(
      'Part 1 of 1 of a split batch (half 2.1, after Customer.io answered 413) failed (Customer.io rejected the ' +
        'request with HTTP 503: Service Unavailable); only its events will be retried.'
    )
  })

  it('a permanent failure, a cancellation, or a request without a label keeps the failure as it is', () => {
    const label = { part: 2, parts: 3, halves: [] }
    expect(outcomeInBatch(refused, label)).toBe(refused.failure)
    expect(outcomeInBatch(cancelled, label)).toBe(cancelled.failure)
    expect(outcomeInBatch(unavailable)).toBe(unavailable.failure)
  })

  it('an item refused with 413 when sent alone is too large itself', () => {
    const tooLarge = failed(httpError(answer(413, {}, 'Payload Too Large'))).failure
    expect(aloneTooLarge(tooLarge, 40_001)).toEqual({
      ...tooLarge,
      message:
        'Customer.io answered 413 to this event sent alone (40001 bytes as JSON), so it is too large for ' +
        `Customer.io: ${tooLarge.message}`
    })
  })
})

describe('cancelledOutcome', () => {
  it('is retryable, and says whether the event was unsent or in flight', () => {
    expect(cancelledOutcome(false)).toEqual({
      ok: false,
      status: 408,
      errortype: 'CANCELLED',
      message: 'The batch was cancelled before this event was sent; it will be retried.',
      retryable: true,
      unsent: true
    })
    expect(cancelledOutcome(true)).toEqual({
      ok: false,
      status: 408,
      errortype: 'CANCELLED',
      message:
        'The batch was cancelled while this event was being sent, before Customer.io answered; it will be retried.',
      retryable: true
    })
  })
})
