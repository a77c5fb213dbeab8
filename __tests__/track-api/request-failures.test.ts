import { HTTPError, Headers } from '@segment/actions-core'
import type { ModifiedResponse, Request } from '@segment/actions-core'
import { asJsonLike, bodyOf, isHTTPError, retryAfterNote } from '../../src/track-api/request-failures'
import { answer, named, withFields } from '../__helpers__/request-errors'

// An HTTPError is recognised by class, and by name and shape when another copy of actions-core threw it: each way in
// is pinned here, and so is each near-miss that must not be mistaken for it.

describe('isHTTPError', () => {
  it('recognises an HTTPError of this copy of actions-core, and of its subclasses, by class', () => {
    expect(isHTTPError(new HTTPError(answer(429, {}), {} as Request, {} as never))).toBe(true)
    class RateLimited extends HTTPError {}
    expect(isHTTPError(new RateLimited(answer(429, {}), {} as Request, {} as never))).toBe(true)
  })

  it('recognises an HTTPError of another copy by its name and its response', () => {
    expect(isHTTPError(named('HTTPError', { response: answer(400, 'no', 'Bad Request') }))).toBe(true)
  })

  it('does not take a look-alike for an HTTPError', () => {
    expect(isHTTPError(named('HTTPError'))).toBe(false)
    expect(isHTTPError(named('HTTPError', { response: 'text' }))).toBe(false)
    expect(isHTTPError(named('HttpError', { response: answer(400, {}) }))).toBe(false)
    expect(isHTTPError({ name: 'HTTPError', response: answer(400, {}) })).toBe(false)
  })
})

describe('bodyOf', () => {
  it('prefers the parsed data and falls back to the raw text', () => {
    expect(bodyOf(answer(200, { errors: [] }))).toEqual({ errors: [] })
    expect(bodyOf({ ...answer(200, undefined), content: '"{}"' } as ModifiedResponse)).toBe('"{}"')
    expect(bodyOf({ ...answer(200, null), content: 'null' } as ModifiedResponse)).toBeNull()
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
        ...answer(status, {}),
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
