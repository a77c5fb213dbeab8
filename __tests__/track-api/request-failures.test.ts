import { HTTPError, type ModifiedResponse } from '@segment/actions-core'
import {
  asJsonLike,
  bodyOf,
  describeRequestFailure,
  isHTTPError,
  unexpectedFailure
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
