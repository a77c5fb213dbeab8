import { HTTPError, type ModifiedResponse } from '@segment/actions-core'
import {
  asJsonLike,
  bodyOf,
  cancelledOutcome,
  describeRequestFailure,
  isHTTPError,
  requestSampleStatus,
  retryAfterNote,
  unexpectedFailure,
  withRetryAfterInMessage
} from '../../src/track-api/request-failures'

// Errors are recognised by class, and by name and shape when another copy of actions-core (or node-fetch) threw them:
// each way in is pinned here, and so is each near-miss that must not be mistaken for it.
const response = (status: number, data: unknown, statusText = '') =>
  ({ status, statusText, data, content: typeof data === 'string' ? data : JSON.stringify(data) }) as ModifiedResponse

const withFields = (error: Error, fields: Record<string, unknown>) => Object.assign(error, fields)

const named = (name: string, fields: Record<string, unknown> = {}) => {
  const error = new Error('failed')
  error.name = name
  return withFields(error, fields)
}

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

describe('describeRequestFailure', () => {
  it('reads an HTTPError of this copy of actions-core as the answer it carries', () => {
    const error = new HTTPError(
      response(429, { meta: { error: 'slow down' } }, 'Too Many Requests'),
      {} as Request,
      {} as never
    )
    expect(describeRequestFailure(error)).toEqual({
      ok: false,
      status: 429,
      errortype: 'TOO_MANY_REQUESTS',
      message: 'Customer.io rejected the request with HTTP 429: slow down',
      retryable: true
    })
  })

  it('reads an HTTPError of another copy by its name and its response', () => {
    const error = named('HTTPError', { response: response(400, 'no', 'Bad Request') })
    expect(isHTTPError(error)).toBe(true)
    expect(describeRequestFailure(error)).toEqual({
      ok: false,
      status: 400,
      errortype: 'BAD_REQUEST',
      message: 'Customer.io rejected the request with HTTP 400: "no"',
      retryable: false
    })
  })

  it('does not take a look-alike for an HTTPError', () => {
    expect(isHTTPError(named('HTTPError'))).toBe(false)
    expect(isHTTPError(named('HTTPError', { response: 'text' }))).toBe(false)
    expect(isHTTPError(named('HttpError', { response: response(400, {}) }))).toBe(false)
    expect(isHTTPError({ name: 'HTTPError', response: response(400, {}) })).toBe(false)
    expect(describeRequestFailure(named('HTTPError'))).toBeUndefined()
  })

  it.each([
    ['node-fetch body timeout', named('FetchError', { type: 'body-timeout' })],
    ['node-fetch request timeout', named('FetchError', { type: 'request-timeout' })],
    ['TimeoutError', named('TimeoutError')],
    ['RequestTimeoutError', named('RequestTimeoutError')],
    ['ETIMEDOUT', withFields(new Error('x'), { code: 'ETIMEDOUT' })],
    ['REQUESTTIMEOUTERROR', withFields(new Error('x'), { code: 'REQUESTTIMEOUTERROR' })]
  ])('reads %s as a timeout', (_name, error) => {
    expect(describeRequestFailure(error)).toEqual(TIMED_OUT)
  })

  it.each([
    ['a FetchError without a code, by its name', named('FetchError'), 'FetchError'],
    ['ECONNRESET', withFields(new Error('x'), { code: 'ECONNRESET' }), 'ECONNRESET'],
    ['a FetchError with a code, by its code', named('FetchError', { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    ['EPIPE', withFields(new TypeError('x'), { code: 'EPIPE' }), 'EPIPE']
  ])('reads %s as a failed connection', (_name, error, reason) => {
    expect(describeRequestFailure(error)).toEqual(connectionFailed(reason))
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
  ])('does not recognise %s', (_name, error) => {
    expect(describeRequestFailure(error)).toBeUndefined()
  })
})

describe('unexpectedFailure', () => {
  it('names only the kind of error, retryably', () => {
    expect(unexpectedFailure(new TypeError('secret-key in a message'))).toEqual({
      ok: false,
      status: 500,
      errortype: 'INTERNAL_SERVER_ERROR',
      message: 'the request to Customer.io failed: TypeError',
      retryable: true
    })
    expect(unexpectedFailure('text')).toMatchObject({ message: 'the request to Customer.io failed: string' })
  })
})

describe('bodyOf', () => {
  it('prefers the parsed data and falls back to the raw text', () => {
    expect(bodyOf(response(200, { errors: [] }))).toEqual({ errors: [] })
    expect(bodyOf({ ...response(200, undefined), content: '"{}"' } as ModifiedResponse)).toBe('"{}"')
    expect(bodyOf({ ...response(200, null), content: 'null' } as ModifiedResponse)).toBeNull()
  })

  it('asJsonLike hands the value on unchanged', () => {
    const value = { a: 1 }
    expect(asJsonLike(value)).toBe(value)
  })
})

describe('retryAfterNote', () => {
  const answered = (status: number, retryAfter?: string) =>
    new HTTPError(
      {
        ...response(status, {}),
        headers: new Headers(retryAfter === undefined ? {} : { 'retry-after': retryAfter })
      } as ModifiedResponse,
      {} as Request,
      {} as never
    )

  it.each([
    ['7', 'Customer.io asked to be retried after 7 seconds (Retry-After: 7)'],
    [' 1 ', 'Customer.io asked to be retried after 1 second (Retry-After: 1)'],
    [
      'Wed, 21 Oct 2026 07:28:00 GMT',
      'Customer.io asked to be retried at 2026-10-21T07:28:00.000Z (Retry-After: Wed, 21 Oct 2026 07:28:00 GMT)'
    ],
    ['7x', 'Customer.io answered Retry-After: "7x"'],
    ['x7', 'Customer.io answered Retry-After: "x7"'],
    ['7.5', 'Customer.io answered Retry-After: "7.5"'],
    [
      '9'.repeat(70),
      `Customer.io asked to be retried after ${Number('9'.repeat(64))} seconds (Retry-After: ${'9'.repeat(64)})`
    ]
  ])('reads %p', (header, note) => {
    expect(retryAfterNote(answered(429, header))).toBe(note)
    expect(retryAfterNote(answered(503, header))).toBe(note)
  })

  it('says nothing without the header, for a blank one, for other statuses and for other errors', () => {
    expect(retryAfterNote(answered(429))).toBeUndefined()
    expect(retryAfterNote(answered(429, '  '))).toBeUndefined()
    expect(retryAfterNote(answered(500, '7'))).toBeUndefined()
    expect(retryAfterNote(answered(408, '7'))).toBeUndefined()
    expect(retryAfterNote(new Error('7'))).toBeUndefined()
  })

  it('reads only HTTP errors: not a look-alike without the name, nor a thrown null or undefined', () => {
    const lookAlike = withFields(new Error('429'), { response: answered(429, '7').response })
    expect(retryAfterNote(lookAlike)).toBeUndefined()
    expect(retryAfterNote(null)).toBeUndefined()
    expect(retryAfterNote(undefined)).toBeUndefined()
  })
})

describe('requestSampleStatus', () => {
  it.each([
    ['an HTTP answer, by its status', new HTTPError(response(503, {}), {} as Request, {} as never), 503],
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
    expect(requestSampleStatus(error)).toBe(status)
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

describe('withRetryAfterInMessage', () => {
  const answered = (statusText: string, retryAfter?: string) =>
    new HTTPError(
      {
        ...response(429, {}, statusText),
        headers: new Headers(retryAfter === undefined ? {} : { 'retry-after': retryAfter })
      } as ModifiedResponse,
      {} as Request,
      {} as never
    )
  const NOTE = 'Customer.io asked to be retried after 7 seconds (Retry-After: 7)'

  it('adds the note to the same error’s message, once', () => {
    const error = answered('Too Many Requests', '7')
    expect(withRetryAfterInMessage(error)).toBe(error)
    expect(error.message).toBe(`Too Many Requests; ${NOTE}`)
    withRetryAfterInMessage(error)
    expect(error.message).toBe(`Too Many Requests; ${NOTE}`)
  })

  it('makes the note the whole message of an error that had none', () => {
    const error = answered('', '7')
    expect(error.message).toBe('')
    expect(withRetryAfterInMessage(error).message).toBe(NOTE)
  })

  it('leaves an error without the header, and what is not an Error, as they were', () => {
    const error = answered('Too Many Requests')
    expect(withRetryAfterInMessage(error).message).toBe('Too Many Requests')
    expect(withRetryAfterInMessage('7')).toBe('7')
  })
})
